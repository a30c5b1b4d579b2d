"""Devolução e reedição, prazos contra um relógio acertado, exportações, verificação anual e instituições locais."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from services.monitoramento.tests.apoio import (
    TOKENS,
    URL,
    A,
    B,
    monitoramento,
    plano_completo,
    plano_em,
    transitar,
    versao,
)


@pytest.mark.postgresql
async def test_devolvido_volta_ao_municipio_que_corrige_mantendo_ids_e_resubmete(servicos):
    cliente = (await monitoramento(servicos)).cliente
    plano = await plano_em(cliente, "aprovado_cmas")
    plano = await transitar(
        cliente, plano, "devolucao", "cib", {"nota": "Prazos incompatíveis com a pactuação"}
    )
    assert plano.json()["situacao"] == "devolvido"
    assert plano.json()["deliberacoes"][-1]["decisao"] == "devolucao"
    assert plano.json()["linha_do_tempo"][-1]["nota"] == "Prazos incompatíveis com a pactuação"

    corpo = plano.json()
    dificuldade = corpo["dificuldades"][0]
    conteudo = {
        "titulo": corpo["titulo"],
        "unidades": corpo["unidades"] + ["23044000009"],
        "prazo": "2027-12-31",
        "dificuldades": [
            {
                **{k: dificuldade[k] for k in ("id", "area", "origem", "descricao", "evidencia")},
                "acoes": [
                    {
                        "id": dificuldade["acoes"][0]["id"],
                        "descricao": "Contratar assistente social",
                        "responsavel": "Secretaria Municipal",
                        "prazo": "2027-09-30",
                    },
                ],
            }
        ],
    }
    r = await cliente.put(
        f"{URL}/{corpo['id']}", json=conteudo, headers={**TOKENS["municipio_a"], **versao(plano)}
    )
    assert r.status_code == 200, r.text
    editado = r.json()
    assert editado["dificuldades"][0]["id"] == dificuldade["id"]
    assert [a["id"] for a in editado["dificuldades"][0]["acoes"]] == [dificuldade["acoes"][0]["id"]]
    assert editado["linha_do_tempo"][-1]["detalhes"]["unidades_depois"] == corpo["unidades"] + ["23044000009"]

    r = await cliente.put(
        f"{URL}/{corpo['id']}",
        json={**conteudo, "dificuldades": [{**conteudo["dificuldades"][0], "id": "inventado"}]},
        headers={**TOKENS["municipio_a"], **versao(r)},
    )
    assert r.status_code == 422 and "dificuldades[0].id" in r.json()["detail"]

    plano = await cliente.get(f"{URL}/{corpo['id']}", headers=TOKENS["municipio_a"])
    plano = await transitar(cliente, plano, "submissao", "municipio_a")
    assert plano.status_code == 200 and plano.json()["situacao"] == "submetido"
    r = await cliente.put(
        f"{URL}/{corpo['id']}", json=conteudo, headers={**TOKENS["municipio_a"], **versao(plano)}
    )
    assert r.status_code == 409 and "só se edita em rascunho ou devolvido" in r.json()["detail"]


@pytest.mark.postgresql
async def test_prazos_atrasos_e_exportacoes_pelo_relogio_do_servico(servicos):
    servico = await monitoramento(servicos)
    cliente = servico.cliente
    plano = await plano_em(cliente, "em_execucao")  # ações vencem em 31/03/2027 e 31/05/2027
    servico.runtime.relogio = lambda: datetime(2027, 4, 10, 12, tzinfo=UTC)

    prazos = (await cliente.get("/api/v1/prazos", params={"dias": 60}, headers=TOKENS["sps_tecnico"])).json()
    assert prazos["referencia"] == "2027-04-10"
    assert [(a["descricao"], a["dias"]) for a in prazos["acoes_vencidas"]] == [
        ("Contratar assistente social", -10)
    ]
    assert [(a["descricao"], a["dias"]) for a in prazos["acoes_a_vencer"]] == [("Capacitar a equipe", 51)]
    r = await cliente.get("/api/v1/prazos", params={"dias": 10, "ibge7": B}, headers=TOKENS["sps_tecnico"])
    assert r.json()["acoes_vencidas"] == []
    assert (await cliente.get("/api/v1/prazos", headers=TOKENS["municipio_a"])).json()["ibge7"] == A

    detalhe = (await cliente.get(f"{URL}/{plano.json()['id']}", headers=TOKENS["leitura"])).json()
    assert [a["atrasada"] for a in detalhe["dificuldades"][0]["acoes"]] == [True, False]
    assert detalhe["acoes_atrasadas"] == 1
    atrasados = (await cliente.get(URL, params={"atrasado": "true"}, headers=TOKENS["leitura"])).json()
    assert [p["id"] for p in atrasados["itens"]] == [plano.json()["id"]]
    assert (await cliente.get(URL, params={"atrasado": "false"}, headers=TOKENS["leitura"])).json()[
        "total"
    ] == 0
    assert (await cliente.get(URL, params={"origem": "auditoria"}, headers=TOKENS["leitura"])).json()[
        "total"
    ] == 0
    assert (await cliente.get(URL, params={"situacao": "em_execucao"}, headers=TOKENS["leitura"])).json()[
        "total"
    ] == 1
    resumo = (await cliente.get(f"/api/v1/municipios/{A}/resumo", headers=TOKENS["cmas_a"])).json()
    assert (resumo["planos_ativos"], resumo["acoes_atrasadas"], resumo["municipio"]) == (1, 1, "Fortaleza")

    r = await cliente.get(f"{URL}.csv", params={"ibge7": A}, headers=TOKENS["leitura"])
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    linhas = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert linhas[1] == ["Situação em 10/04/2027; 1 plano(s)"] and linhas[2] == ["Filtros: ibge7 = 2304400"]
    titulos = linhas[4]
    primeira = dict(zip(titulos, linhas[5], strict=True))
    assert primeira["Município"] == "Fortaleza" and primeira["Prazo da ação"] == "31/03/2027"
    assert (primeira["Atrasada"], primeira["Exigido por bloqueio"], primeira["Situação do plano"]) == (
        "sim",
        "não",
        "em_execucao",
    )
    assert len(linhas) == 7
    r2 = await cliente.get(f"{URL}.csv", params={"ibge7": A}, headers=TOKENS["leitura"])
    assert r2.content == r.content  # mesmos dados, mesmos bytes

    r = await cliente.get(f"{URL}.xlsx", headers=TOKENS["leitura"])
    folha = load_workbook(io.BytesIO(r.content)).active
    valores = list(folha.iter_rows(values_only=True))
    assert valores[4][:3] == ("Plano", "Município", "IBGE") and valores[5][2] == A
    assert valores[5][13] == datetime(2027, 3, 31) and valores[5][15] == "sim"
    r = await cliente.get(f"{URL}.pdf", headers=TOKENS["leitura"])
    assert r.status_code == 422


@pytest.mark.postgresql
async def test_verificacao_anual_registrada_pela_sps_com_versao(servicos):
    cliente = (await monitoramento(servicos)).cliente
    url = f"/api/v1/municipios/{A}/verificacoes/2026"
    vazia = (await cliente.get(url, headers=TOKENS["leitura"])).json()
    assert vazia["registrada"] is False and vazia["itens"] == []
    itens = [
        {
            "codigo": "cras_equipe_minima",
            "descricao": "CRAS com equipe mínima",
            "meta": "100%",
            "alcancado": "50%",
            "atendida": False,
        },
        {
            "codigo": "cmas_ativo",
            "descricao": "CMAS em funcionamento",
            "meta": "sim",
            "alcancado": "sim",
            "atendida": True,
        },
        {"codigo": "pacto_psb", "descricao": "Metas do pacto da PSB", "meta": "≥ 3"},
    ]
    r = await cliente.put(url, json={"itens": itens}, headers=TOKENS["municipio_a"])
    assert r.status_code == 403
    r = await cliente.put(url, json={"itens": [*itens, itens[0]]}, headers=TOKENS["sps_tecnico"])
    assert r.status_code == 422 and "cras_equipe_minima" in r.json()["detail"]
    r = await cliente.put(url, json={"itens": itens}, headers=TOKENS["sps_tecnico"])
    assert r.status_code == 200 and r.headers["ETag"] == '"1"'
    assert (
        r.json()["metas_atendidas"],
        r.json()["metas_nao_atendidas"],
        r.json()["metas_sem_verificacao"],
    ) == (1, 1, 1)
    r = await cliente.put(url, json={"itens": itens[:1]}, headers=TOKENS["sps_tecnico"])
    assert r.status_code == 428
    r = await cliente.put(
        url, json={"itens": itens[:1]}, headers={**TOKENS["sps_tecnico"], "If-Match": '"7"'}
    )
    assert r.status_code == 412
    r = await cliente.put(
        url, json={"itens": itens[:1]}, headers={**TOKENS["sps_tecnico"], "If-Match": '"1"'}
    )
    assert r.status_code == 200 and r.json()["versao"] == 2 and len(r.json()["itens"]) == 1


@pytest.mark.postgresql
async def test_plano_de_instituicao_local_registrada_no_municipio(servicos):
    cliente = (await monitoramento(servicos)).cliente
    dados = {"ibge7": A, "nome": "Associação Beneficente do Bairro", "cnpj": "12345678000199"}
    r = await cliente.post("/api/v1/instituicoes-locais", json=dados, headers=TOKENS["municipio_b"])
    assert r.status_code == 403
    r = await cliente.post("/api/v1/instituicoes-locais", json=dados, headers=TOKENS["municipio_a"])
    assert r.status_code == 201
    instituicao = r.json()["id"]
    r = await cliente.post("/api/v1/instituicoes-locais", json=dados, headers=TOKENS["sps_tecnico"])
    assert r.status_code == 409 and instituicao in r.json()["detail"]
    r = await cliente.post(
        URL, json={**plano_completo(), "instituicao_id": instituicao}, headers=TOKENS["municipio_a"]
    )
    assert r.status_code == 201 and r.json()["instituicao_id"] == instituicao
    r = await cliente.post(
        URL, json={**plano_completo(B), "instituicao_id": instituicao}, headers=TOKENS["municipio_b"]
    )
    assert r.status_code == 422 and "instituicao_id" in r.text
    r = await cliente.post(URL, json={**plano_completo(), "ibge7": "2399999"}, headers=TOKENS["municipio_a"])
    assert r.status_code == 403
