"""Regras puras da leitura do arquivo de municípios (sem banco nem rede)."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from services.ingestao.leitura.tabela import abrir
from services.ingestao.lotes.importacao import Contexto, validar_tabela
from services.ingestao.referencias.municipios_csv import ImportadorMunicipios, digito_verificador_ibge
from shared.settings import RAIZ_PROJETO

seis_digitos = st.text(alphabet="0123456789", min_size=6, max_size=6)
REFERENCIA = RAIZ_PROJETO / "data" / "referencias" / "ce_municipios.csv"


def ler(conteudo: str | bytes, maximo: int = 1_000):
    importador = ImportadorMunicipios()
    dados = conteudo.encode("utf-8") if isinstance(conteudo, str) else conteudo
    tabela = abrir(io.BytesIO(dados), importador.mapa(None))
    contexto = Contexto(
        ano=None,
        mes=None,
        ibge7_por_ibge6={},
        uf="CE",
        codigo_uf="23",
        colunas=tabela.deteccao.colunas_usadas,
    )
    return validar_tabela(tabela, importador, contexto, maximo)


def test_os_184_municipios_reais_passam_com_as_populacoes():
    registros, _erros, total, lidas = ler(REFERENCIA.read_bytes())
    assert (total, lidas, len(registros)) == (0, 184, 184)
    fortaleza = next(m for m in registros if m.ibge7 == "2304400")
    assert fortaleza.capital and [p.base for p in fortaleza.populacoes] == ["censo_2022", "estimativa_2024"]
    assert sum(p.habitantes for m in registros for p in m.populacoes if p.base == "censo_2022") == 8_791_688


def test_o_mesmo_arquivo_em_latin1_com_ponto_e_virgula_da_o_mesmo_resultado():
    original = REFERENCIA.read_text(encoding="utf-8")
    convertido = original.replace(",", ";").encode("cp1252")
    assert ler(convertido)[0] == ler(original)[0]


@given(seis_digitos, st.integers(0, 5), st.integers(1, 9))
def test_digito_verificador_detecta_qualquer_erro_de_um_digito(codigo, posicao, delta):
    alterado = codigo[:posicao] + str((int(codigo[posicao]) + delta) % 10) + codigo[posicao + 1 :]
    assert 0 <= digito_verificador_ibge(codigo) <= 9
    assert digito_verificador_ibge(alterado) != digito_verificador_ibge(codigo)


@given(st.lists(seis_digitos, min_size=1, max_size=30, unique=True))
def test_todo_erro_e_relatado_e_nenhum_municipio_invalido_passa(codigos):
    linhas = ["codigo_ibge7,nome,uf"]
    for i, codigo in enumerate(codigos):
        digito = digito_verificador_ibge(codigo) if i % 2 == 0 else (digito_verificador_ibge(codigo) + 1) % 10
        linhas.append(f"{codigo}{digito},M{i},CE")
    registros, _erros, total, lidas = ler("\n".join(linhas) + "\n")
    validos = {c for i, c in enumerate(codigos) if i % 2 == 0 and c.startswith("23")}
    assert {m.ibge6 for m in registros} == validos
    assert total == len(codigos) - len(validos)
    assert lidas == len(codigos)


def test_limite_de_erros_relatados_mantem_o_total():
    _registros, erros, total, _lidas = ler("codigo_ibge7,nome,uf\n" + "9999999,X,CE\n" * 50, maximo=10)
    assert (len(erros), total) == (10, 50)


def test_linhas_em_branco_sao_ignoradas_e_numeradas_pela_linha_do_arquivo():
    _registros, erros, _total, lidas = ler("codigo_ibge7,nome,uf\n\n2304400,Fortaleza,CE\n\n2304401,X,CE\n")
    assert [e.linha for e in erros] == [5]
    assert lidas == 2
