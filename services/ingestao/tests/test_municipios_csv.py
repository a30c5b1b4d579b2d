"""Regras puras da leitura do arquivo de municípios."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from services.ingestao.referencias.municipios_csv import digito_verificador_ibge, ler_municipios
from shared.settings import RAIZ_PROJETO

seis_digitos = st.text(alphabet="0123456789", min_size=6, max_size=6)


def ler(texto: str):
    return ler_municipios(io.StringIO(texto), uf="CE", codigo_uf="23")


def test_digito_verificador_confere_nos_184_municipios_reais():
    resultado = ler((RAIZ_PROJETO / "data" / "referencias" / "ce_municipios.csv").read_text(encoding="utf-8"))
    assert resultado.total_erros == 0
    assert len(resultado.municipios) == 184
    fortaleza = next(m for m in resultado.municipios if m.ibge7 == "2304400")
    assert fortaleza.capital and [p.base for p in fortaleza.populacoes] == ["censo_2022", "estimativa_2024"]
    assert (
        sum(p.habitantes for m in resultado.municipios for p in m.populacoes if p.base == "censo_2022")
        == 8_791_688
    )


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
    resultado = ler("\n".join(linhas) + "\n")
    validos = {c for i, c in enumerate(codigos) if i % 2 == 0 and c.startswith("23")}
    assert {m.ibge6 for m in resultado.municipios} == validos
    assert resultado.total_erros == len(codigos) - len(validos)
    assert resultado.linhas_lidas == len(codigos)


def test_limite_de_erros_relatados_mantem_o_total():
    texto = "codigo_ibge7,nome,uf\n" + "9999999,X,CE\n" * 50
    resultado = ler_municipios(io.StringIO(texto), uf="CE", codigo_uf="23", erros_maximos=10)
    assert (len(resultado.erros), resultado.total_erros) == (10, 50)


def test_linhas_em_branco_sao_ignoradas_e_numeradas_pela_linha_do_arquivo():
    resultado = ler("codigo_ibge7,nome,uf\n\n2304400,Fortaleza,CE\n\n2304401,X,CE\n")
    assert [e.linha for e in resultado.erros] == [5]
    assert resultado.linhas_lidas == 2
