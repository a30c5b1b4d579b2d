"""A apuração do prêmio pela API: dados chegando pelo barramento, resultado, explicação, exportação, publicação."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from services.premiacao.tests.cenario import eventos_do_cenario, id_cras, plano, rma
from tests.apoio.eventos import preparar_topicos, publicar_eventos
from tests.apoio.fixtures import esperar
from tests.apoio.kafka import ler_topico

URL = "/api/v1/exercicios/2022"


async def _premiacao_com_dados(servicos, token, eventos):
    servico = await servicos.iniciar("premiacao")
    await preparar_topicos(servico)
    await publicar_eventos(servicos.broker.bootstrap, servicos.prefixo, eventos)
    return servico


async def _esperar_cras(servico, token, cras, condicao=lambda corpo: True):
    async def pronto():
        r = await servico.cliente.get(f"/api/v1/cras/{cras}", headers=token("leitura"))
        return r.status_code == 200 and condicao(r.json())

    await esperar(pronto, timeout=30)


def _sem_identidade(corpo):
    return {k: v for k, v in corpo.items() if k not in {"id", "criada_em"}}


@pytest.mark.postgresql
async def test_apuracao_de_2022_premia_30_municipios_e_e_reprodutivel(servicos, token):
    eventos = eventos_do_cenario(municipios=35)
    servico = await _premiacao_com_dados(servicos, token, eventos)
    ultimo = id_cras("2300350", 2)
    await _esperar_cras(servico, token, ultimo, lambda c: c["meses_sisc"] == {"2020": 1, "2021": 1})
    cliente, gestor = servico.cliente, token("sps_gestor")

    r = await cliente.post(f"{URL}/apuracoes", headers=token("sps_tecnico"))
    assert r.status_code == 201, r.text
    primeira = r.json()
    resumo = primeira["resumo"]
    assert (resumo["aptos"], resumo["inaptos"], resumo["premiados"]) == (70, 0, 30)
    assert resumo["valor_total_distribuido"] == "2000000.00"
    assert [(f["de"], f["ate"], f["premiados"], f["total"]) for f in resumo["faixas"]] == [
        (1, 5, 5, "750000.00"),
        (6, 10, 5, "500000.00"),
        (11, 20, 10, "500000.00"),
        (21, 30, 10, "250000.00"),
    ]
    assert {p["codigo"] for p in resumo["premissas"]} >= {
        "equacoes_iq",
        "indicador_scfv",
        "plano_sem_unidade",
    }
    assert r.headers["location"].endswith(primeira["id"])

    segunda = (await cliente.post(f"{URL}/apuracoes", headers=gestor)).json()
    assert segunda["impressao_digital"] == primeira["impressao_digital"]
    completa = {"tamanho": 500}
    a = (
        await cliente.get(f"{URL}/apuracoes/{primeira['id']}", params=completa, headers=token("leitura"))
    ).json()
    b = (
        await cliente.get(f"{URL}/apuracoes/{segunda['id']}", params=completa, headers=token("leitura"))
    ).json()
    assert a["classificacao"] == b["classificacao"] and a["resumo"] == b["resumo"]
    premiados = [linha for linha in a["classificacao"]["itens"] if linha["premiado"]]
    assert len({p["ibge7"] for p in premiados}) == 30
    assert [p["colocacao_premio"] for p in premiados] == list(range(1, 31))
    assert resumo["premio_adicional"]["ibge7"] == premiados[0]["ibge7"]

    # Filtros e paginação
    r = await cliente.get(
        f"{URL}/apuracoes/{primeira['id']}",
        params={"premiado": "true", "tamanho": 10, "pagina": 3},
        headers=token("leitura"),
    )
    pagina = r.json()["classificacao"]
    assert pagina["total"] == 30 and [i["colocacao_premio"] for i in pagina["itens"]] == list(range(21, 31))
    ibge7 = premiados[0]["ibge7"]
    r = await cliente.get(
        f"{URL}/apuracoes/{primeira['id']}", params={"ibge7": ibge7}, headers=token("leitura")
    )
    assert {i["ibge7"] for i in r.json()["classificacao"]["itens"]} == {ibge7}

    # Explicação de um CRAS que perdeu para outro do mesmo município
    irmao = next(
        i for i in a["classificacao"]["itens"] if i["motivo_nao_premiado"] == "municipio_ja_premiado"
    )
    r = await cliente.get(
        f"{URL}/apuracoes/{primeira['id']}/cras/{irmao['id_cras']}", headers=token("leitura")
    )
    texto = r.json()["texto"]
    assert f"ficou em {irmao['posicao']}º lugar" in texto
    assert irmao["premiado_do_municipio"] in texto and "Art. 2º" in texto
    primeiro = premiados[0]
    r = await cliente.get(
        f"{URL}/apuracoes/{primeira['id']}/cras/{primeiro['id_cras']}", headers=token("leitura")
    )
    assert "R$ 150.000,00" in r.json()["texto"] and "brinquedopraça" in r.json()["texto"]

    # Exportações: os mesmos bytes para as duas apurações; cabeçalho com decreto e impressão digital
    csv_a = await cliente.get(f"{URL}/apuracoes/{primeira['id']}/classificacao.csv", headers=token("leitura"))
    csv_b = await cliente.get(f"{URL}/apuracoes/{segunda['id']}/classificacao.csv", headers=token("leitura"))
    assert csv_a.status_code == 200 and csv_a.content == csv_b.content
    linhas = list(csv.reader(io.StringIO(csv_a.content.decode("utf-8-sig")), delimiter=";"))
    assert "Decreto nº 35.038/2022" in linhas[1][0]
    assert primeira["impressao_digital"] in linhas[3][0]
    titulos = linhas[7]
    primeira_linha = dict(zip(titulos, linhas[8], strict=True))
    assert primeira_linha["Valor do prêmio"] == "R$ 150.000,00"
    assert primeira_linha["CRAS (identificador)"] == primeiro["id_cras"]
    assert "," in primeira_linha["IDCRAS t"]
    xlsx_a = await cliente.get(
        f"{URL}/apuracoes/{primeira['id']}/classificacao.xlsx", headers=token("leitura")
    )
    xlsx_b = await cliente.get(
        f"{URL}/apuracoes/{segunda['id']}/classificacao.xlsx", headers=token("leitura")
    )
    assert xlsx_a.content == xlsx_b.content
    folha = load_workbook(io.BytesIO(xlsx_a.content)).active
    assert "exercício 2022" in folha["A1"].value
    assert [c.value for c in folha[8]] == titulos
    assert folha.cell(row=9, column=3).value == primeiro["id_cras"]
    valor = folha.cell(row=9, column=21)
    assert float(valor.value) == 150000.0 and "R$" in valor.number_format
    assert folha.max_row == 8 + 70

    # Município só vê o que foi publicado
    municipio = token("municipio", ibge7=primeiro["ibge7"])
    assert (await cliente.get(f"{URL}/apuracoes/{primeira['id']}", headers=municipio)).status_code == 404
    assert (await cliente.get(f"{URL}/apuracoes", headers=municipio)).json()["itens"] == []

    # Publicação: só o gestor, uma vez; o evento sai no barramento
    publicar = f"{URL}/apuracoes/{primeira['id']}/publicacao"
    assert (await cliente.post(publicar, headers=token("sps_tecnico"))).status_code == 403
    r = await cliente.post(publicar, headers=gestor)
    assert r.status_code == 200 and r.json()["situacao"] == "publicada"
    r = await cliente.post(publicar, headers=gestor)
    assert r.status_code == 409 and "nova apuração" in r.json()["detail"]
    r = await cliente.post(f"{URL}/apuracoes/{segunda['id']}/publicacao", headers=gestor)
    assert r.status_code == 200
    lista = (await cliente.get(f"{URL}/apuracoes", headers=token("leitura"))).json()["itens"]
    assert {i["id"]: i["substituida_por"] for i in lista} == {
        primeira["id"]: segunda["id"],
        segunda["id"]: None,
    }
    registros = await ler_topico(
        servicos.broker.bootstrap, servicos.prefixo + "suas.premiacao.resultados", quantos=2
    )
    corpos = [json.loads(r.value) for r in registros]
    assert [c["apuracao_id"] for c in corpos] == [primeira["id"], segunda["id"]]
    assert corpos[1]["substitui"] == primeira["id"]
    assert len(corpos[0]["premiados"]) == 30 and corpos[0]["valor_total"] == "2000000.00"


async def test_plano_de_providencias_ativo_tira_o_cras_e_a_conclusao_o_devolve(servicos, token):
    eventos = eventos_do_cenario(municipios=4, cras_por_municipio=1)
    servico = await _premiacao_com_dados(servicos, token, eventos)
    cliente = servico.cliente
    await _esperar_cras(
        servico, token, id_cras("2300040", 1), lambda c: c["meses_sisc"] == {"2020": 1, "2021": 1}
    )
    antes = (await cliente.post(f"{URL}/apuracoes", headers=token("sps_gestor"))).json()
    melhor = antes["classificacao"]["itens"][0]
    assert melhor["posicao"] == 1

    await publicar_eventos(
        servicos.broker.bootstrap,
        servicos.prefixo,
        [plano("PP-1", melhor["ibge7"], (melhor["id_cras"],), "submetido", 1)],
    )
    await _esperar_cras(servico, token, melhor["id_cras"], lambda c: c["planos_providencias"] != [])
    durante = (await cliente.post(f"{URL}/apuracoes", headers=token("sps_gestor"))).json()
    linha = next(i for i in durante["classificacao"]["itens"] if i["id_cras"] == melhor["id_cras"])
    assert linha["apto"] is False and linha["motivos_inaptidao"] == ["plano_providencias_ativo"]
    assert linha["entradas"]["planos_ativos"] == ["PP-1"]
    assert durante["impressao_digital"] != antes["impressao_digital"]
    r = await cliente.get(
        f"{URL}/apuracoes/{durante['id']}/cras/{melhor['id_cras']}", headers=token("leitura")
    )
    assert "plano de providências ativo (PP-1)" in r.json()["texto"]

    comparacao = (
        await cliente.get(f"{URL}/apuracoes/{antes['id']}/comparar/{durante['id']}", headers=token("leitura"))
    ).json()
    mudanca = next(m for m in comparacao["mudancas"] if m["id_cras"] == melhor["id_cras"])
    assert mudanca["antes"].startswith("1º lugar") and mudanca["depois"].startswith("não apto")
    assert any("nenhum → PP-1" in p for p in mudanca["porque"])
    assert comparacao["sairam_do_premio"] == [melhor["id_cras"]] and not comparacao["mesmas_entradas"]

    await publicar_eventos(
        servicos.broker.bootstrap,
        servicos.prefixo,
        [plano("PP-1", melhor["ibge7"], (melhor["id_cras"],), "concluido", 2)],
    )
    await _esperar_cras(
        servico, token, melhor["id_cras"], lambda c: c["planos_providencias"][0]["situacao"] == "concluido"
    )
    depois = (await cliente.post(f"{URL}/apuracoes", headers=token("sps_gestor"))).json()
    assert depois["classificacao"]["itens"][0]["id_cras"] == melhor["id_cras"]
    assert depois["classificacao"]["itens"][0]["entradas"]["planos_ativos"] == []


async def test_correcao_do_rma_substitui_o_mes_na_leitura(servicos, token):
    eventos = eventos_do_cenario(municipios=1, cras_por_municipio=1)
    servico = await _premiacao_com_dados(servicos, token, eventos)
    cras = id_cras("2300010", 1)
    await _esperar_cras(servico, token, cras, lambda c: c["meses_sisc"] == {"2020": 1, "2021": 1})
    await publicar_eventos(
        servicos.broker.bootstrap,
        servicos.prefixo,
        [rma(cras, "2300010", 2021, 3, d2=1000, d3=0, lote="correcao")],
    )
    await _esperar_cras(servico, token, cras, lambda c: c["rma_scfv"]["2021"]["d2"] >= 1000)
    corpo = (await servico.cliente.get(f"/api/v1/cras/{cras}", headers=token("leitura"))).json()
    assert corpo["meses_rma"] == {"2020": 2, "2021": 2}
