"""Gerador de amostras: determinismo e fidelidade aos formatos de docs/formatos.md."""

from __future__ import annotations

import csv
import hashlib
import random
import re
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

import pytest
from openpyxl import load_workbook

from services.ingestao.amostras import ArquivoGerado, gerar_ceara, gerar_nacional
from services.ingestao.referencias.municipios_csv import digito_verificador_ibge
from shared.settings import RAIZ_PROJETO

REFERENCIAS = RAIZ_PROJETO / "data" / "referencias"
IBGE6_CE = {
    linha["codigo_ibge6"]
    for linha in csv.DictReader((REFERENCIAS / "ce_municipios.csv").open(encoding="utf-8", newline=""))
}
CRAS_2019 = {
    linha["id_cras"]
    for linha in csv.DictReader((REFERENCIAS / "ce_cras_2019.csv").open(encoding="utf-8", newline=""))
}


@pytest.fixture(scope="module")
def ceara(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ArquivoGerado]:
    arquivos = gerar_ceara(tmp_path_factory.mktemp("ceara"))
    return {a.caminho.name: a for a in arquivos}


def ler(caminho: Path, codificacao: str = "cp1252", separador: str = ";") -> list[dict[str, str]]:
    with caminho.open(encoding=codificacao, newline="") as arquivo:
        return list(csv.DictReader(arquivo, delimiter=separador))


def resumo(pasta: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(pasta.iterdir())}


def cpf_confere(cpf: str) -> bool:
    """Conferência independente da do gerador (forma clássica: soma × 10 mod 11)."""
    if not re.fullmatch(r"\d{11}", cpf) or len(set(cpf)) == 1:
        return False
    for tamanho in (9, 10):
        soma = sum(int(d) * peso for d, peso in zip(cpf[:tamanho], range(tamanho + 1, 1, -1), strict=True))
        if soma * 10 % 11 % 10 != int(cpf[tamanho]):
            return False
    return True


def test_conferencia_de_cpf_do_teste_distingue_valido_de_invalido():
    assert cpf_confere("52998224725")
    assert not cpf_confere("52998224726")
    assert not cpf_confere("11111111111")


def test_mesma_semente_gera_os_mesmos_bytes_e_outra_semente_muda_todos(ceara, tmp_path):
    # O `random` global mexido entre as gerações não pode influir: cada arquivo tem o seu gerador.
    random.seed(1)
    gerar_ceara(tmp_path / "de_novo")
    random.seed(2)
    gerar_ceara(tmp_path / "outra", semente=7)
    original = resumo(next(iter(ceara.values())).caminho.parent)
    assert len(original) == len(ceara) == 30
    assert resumo(tmp_path / "de_novo") == original
    outra = resumo(tmp_path / "outra")
    assert outra.keys() == original.keys()
    assert [nome for nome in original if outra[nome] == original[nome]] == []


def test_linhas_informadas_conferem_com_o_arquivo(ceara):
    for nome, arquivo in ceara.items():
        if nome.endswith(".csv"):
            assert len(ler(arquivo.caminho, *_formato(nome))) == arquivo.linhas, nome


def _formato(nome: str) -> tuple[str, str]:
    if nome.startswith("sisc"):
        return "utf-8-sig", ";"
    if nome.startswith("indicadores"):
        return "utf-8", ","
    if nome.startswith("saldos"):
        return "utf-8", ";"
    return "cp1252", ";"


@pytest.mark.parametrize("ano", [2020, 2021, 2022, 2023])
def test_censo_cras_em_cp1252_com_ponto_e_virgula_aspas_simples_e_virgula_decimal(ceara, ano):
    bruto = ceara[f"censo_cras_{ano}.csv"].caminho.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        bruto.decode("utf-8")
    texto = bruto.decode("cp1252")
    assert "FORTALEZA" in texto and "'CAUCAIA'" in texto
    linhas = ler(ceara[f"censo_cras_{ano}.csv"].caminho)
    nome = "q0_1" if ano <= 2021 else "q01"
    entre_aspas = [linha[nome] for linha in linhas if re.fullmatch(r"'[^']+'", linha[nome])]
    assert 0 < len(entre_aspas) < len(linhas) / 4
    assert all(re.fullmatch(r"-\d{1,2},\d+", linha["Latitude"]) for linha in linhas)
    assert all(re.fullmatch(r"-\d{2},\d+", linha["Longitude"]) for linha in linhas)


def test_nomes_de_coluna_mudam_de_edicao_em_2022(ceara):
    for ano in (2020, 2021, 2022, 2023):
        censo = ler(ceara[f"censo_cras_{ano}.csv"].caminho)[0]
        rh = ler(ceara[f"censo_cras_rh_{ano}.csv"].caminho)[0]
        if ano <= 2021:
            assert {"IBGE", "q0_1", "q0_15"} <= censo.keys() and not {"IBGE7", "q01"} & censo.keys()
            assert len(censo["IBGE"]) == 6
            assert {"q56_10", "q56_11", "q56_12", "q56_13"} <= rh.keys() and "q65_10" not in rh
        else:
            assert {"IBGE7", "q01", "q015"} <= censo.keys() and not {"IBGE", "q0_1"} & censo.keys()
            assert len(censo["IBGE7"]) == 7
            assert {"q65_10", "q65_11", "q65_12", "q65_13"} <= rh.keys() and "q56_10" not in rh


def test_identificadores_tem_11_digitos_com_o_ibge6_de_um_municipio_do_ceara(ceara):
    vistos = 0
    for nome, arquivo in ceara.items():
        if nome.startswith(("censo_cras", "censo_creas", "censo_centro", "censo_acolhimento", "rma", "sisc")):
            for linha in ler(arquivo.caminho, *_formato(nome)):
                identificador = linha["NU_IDENTIFICADOR"]
                assert re.fullmatch(r"\d{11}", identificador), (nome, identificador)
                assert identificador[:6] in IBGE6_CE, (nome, identificador)
                vistos += 1
    assert vistos > 50_000


def test_os_393_cras_reais_em_todos_os_anos_e_os_novos_so_a_partir_de_2022(ceara):
    por_ano = {
        ano: {linha["NU_IDENTIFICADOR"] for linha in ler(ceara[f"censo_cras_{ano}.csv"].caminho)}
        for ano in (2020, 2021, 2022, 2023)
    }
    assert len(CRAS_2019) == 393
    assert por_ano[2020] == por_ano[2021] == CRAS_2019
    assert CRAS_2019 < por_ano[2022] < por_ano[2023]
    assert 405 <= len(por_ano[2023]) <= 412
    novos = por_ano[2023] - CRAS_2019
    assert len({n[:6] for n in novos}) > 5  # espalhados por vários municípios


def test_idcras_xlsx_tem_cabecalho_na_linha_7_e_valores_de_1_a_5(ceara):
    colunas_servicos = {}
    for ano in (2020, 2021, 2022, 2023):
        folha = load_workbook(ceara[f"idcras_{ano}.xlsx"].caminho, read_only=True).worksheets[0]
        linhas = list(folha.iter_rows(values_only=True))
        assert all("Nº IDENTIFICADOR do CRAS" not in (linha or ()) for linha in linhas[:6])
        cabecalho = list(linhas[6])
        assert cabecalho[0] == "Nº IDENTIFICADOR do CRAS" and "Código IBGE" in cabecalho
        colunas_servicos[ano] = cabecalho[8]
        dados = [dict(zip(cabecalho, linha, strict=True)) for linha in linhas[7:]]
        assert len(dados) == ceara[f"idcras_{ano}.xlsx"].linhas >= 393
        for linha in dados:
            niveis = [linha["Estrutura Física"], linha["Recursos Humanos"], linha[cabecalho[8]]]
            assert all(isinstance(n, int) and 1 <= n <= 5 for n in niveis)
            assert 1 <= linha["IDCRAS"] <= 5 and round(linha["IDCRAS"], 2) == linha["IDCRAS"]
        assert len({linha["IDCRAS"] for linha in dados}) > 5
    assert colunas_servicos[2023] == "Serviços "
    assert colunas_servicos[2021] == "Dimensão Serviços & Benefícios"


def test_idcras_2022_tambem_em_csv_com_virgula_decimal(ceara):
    linhas = ler(ceara["idcras_2022.csv"].caminho)
    assert len(linhas) == ceara["idcras_2022.xlsx"].linhas
    assert all(re.fullmatch(r"[1-5],\d\d", linha["IDCRAS"]) for linha in linhas)


@pytest.mark.parametrize("ano", [2020, 2021, 2022, 2023])
def test_rh_traz_colunas_pessoais_com_cpf_valido_e_alguns_cras_sem_assistente_social(ceara, ano):
    linhas = ler(ceara[f"censo_cras_rh_{ano}.csv"].caminho)
    assert {"NOME_TRABALHADOR", "CPF", "DATA_NASCIMENTO"} <= linhas[0].keys()
    assert all(cpf_confere(linha["CPF"]) for linha in linhas)
    assert all(re.fullmatch(r"\d\d/\d\d/(19|20)\d\d", linha["DATA_NASCIMENTO"]) for linha in linhas)
    assert all(len(linha["NOME_TRABALHADOR"].split()) >= 3 for linha in linhas)
    bloco = "q56" if ano <= 2021 else "q65"
    equipes = defaultdict(list)
    for linha in linhas:
        equipes[linha["NU_IDENTIFICADOR"]].append(linha[f"{bloco}_10"])
    assert len(equipes) == ceara[f"censo_cras_{ano}.csv"].linhas
    assert all(3 <= len(equipe) <= 25 for equipe in equipes.values())
    sem_assistente_social = sum("273" not in equipe for equipe in equipes.values())
    com_psicologo = sum("274" in equipe for equipe in equipes.values())
    assert 1 <= sem_assistente_social <= len(equipes) * 0.06
    assert com_psicologo > len(equipes) * 0.6


@pytest.mark.parametrize("ano", [2020, 2021, 2022, 2023])
def test_rma_tem_12_meses_por_cras_e_alguns_campos_em_branco(ceara, ano):
    cras = {linha["NU_IDENTIFICADOR"] for linha in ler(ceara[f"censo_cras_{ano}.csv"].caminho)}
    linhas = ler(ceara[f"rma_cras_{ano}.csv"].caminho)
    assert len(linhas) == 12 * len(cras)
    meses = defaultdict(set)
    for linha in linhas:
        meses[linha["NU_IDENTIFICADOR"]].add(int(linha["mes"]))
    assert meses.keys() == cras and all(m == set(range(1, 13)) for m in meses.values())
    campos = [c for c in linhas[0] if re.fullmatch(r"[a-d]\d", c)]
    assert len(campos) == 25
    valores = [linha[c] for linha in linhas for c in campos]
    brancos = valores.count("")
    assert 0.003 < brancos / len(valores) < 0.03
    assert all(v.isdigit() for v in valores if v)


def test_rma_divide_o_scfv_por_idade_de_forma_diferente_entre_cras(ceara):
    somas: dict[str, Counter[str]] = defaultdict(Counter)
    for linha in ler(ceara["rma_cras_2023.csv"].caminho):
        for campo in ("d2", "d3", "d4", "d5", "d8"):
            somas[linha["NU_IDENTIFICADOR"]][campo] += int(linha[campo] or 0)
    fatias = sorted((s["d2"] + s["d3"]) / sum(s.values()) for s in somas.values() if sum(s.values()))
    decimo = len(fatias) // 10
    assert fatias[decimo] < 0.3 and fatias[-decimo] > 0.5


def test_sisc_trimestral_com_as_seis_faixas_e_atendidos_quase_sempre_dentro_da_capacidade(ceara):
    linhas = ler(ceara["sisc_2023.csv"].caminho, "utf-8-sig")
    assert {linha["mes"] for linha in linhas} == {"3", "6", "9", "12"}
    assert {linha["faixa_etaria"] for linha in linhas} == {"0-6", "7-14", "15-17", "18-29", "30-59", "60+"}
    acima = sum(int(linha["usuarios_atendidos"]) > int(linha["capacidade_atendimento"]) for linha in linhas)
    assert 0 < acima < len(linhas) * 0.1


def test_acolhimento_e_saldos_tem_os_casos_que_as_regras_procuram(ceara):
    vagas = [int(linha["capacidade"]) for linha in ler(ceara["censo_acolhimento_2023.csv"].caminho)]
    assert 100 <= len(vagas) <= 140 and min(vagas) >= 5 and max(vagas) <= 40
    assert 0 < sum(v < 10 for v in vagas) < len(vagas) / 4
    saldos: dict[tuple[str, str], list[float]] = defaultdict(list)
    for linha in ler(ceara["saldos_2023.csv"].caminho, "utf-8"):
        saldos[linha["ibge7"], linha["bloco"]].append(float(linha["saldo"].replace(",", ".")))
    assert all(len(meses) == 12 for meses in saldos.values()) and len(saldos) == 184 * 3
    # Conta parada: o saldo só cresce, e já começa o ano valendo 10 vezes o que entra por mês ou mais.
    parados = [
        meses
        for meses in saldos.values()
        if all(b > a for a, b in pairwise(meses)) and meses[0] >= 10 * (meses[-1] - meses[0]) / 11
    ]
    assert 3 <= len(parados) <= 20


def test_conjunto_nacional_em_escala(tmp_path):
    arquivos = {a.caminho.name: a for a in gerar_nacional(tmp_path)}
    municipios = ler(arquivos["municipios_nacional.csv"].caminho, "utf-8", ",")
    assert len(municipios) == 5570 == len({m["codigo_ibge7"] for m in municipios})
    assert len({m["codigo_uf"] for m in municipios}) == 27
    assert all(
        int(m["codigo_ibge7"][6]) == digito_verificador_ibge(m["codigo_ibge7"][:6]) for m in municipios
    )
    assert {m["codigo_ibge6"] for m in municipios if m["uf"] == "CE"} == IBGE6_CE
    cras = ler(arquivos["censo_cras_2023.csv"].caminho)
    assert 8400 <= len(cras) <= 8800
    assert {c["NU_IDENTIFICADOR"] for c in cras} >= CRAS_2019
    prefixos = {m["codigo_ibge6"] for m in municipios}
    assert all(c["NU_IDENTIFICADOR"][:6] in prefixos for c in cras)
    assert arquivos["rma_cras_2023.csv"].linhas == 12 * len(cras)
    with arquivos["rma_cras_2023.csv"].caminho.open(encoding="cp1252") as rma:
        assert sum(1 for _ in rma) - 1 == 12 * len(cras)
