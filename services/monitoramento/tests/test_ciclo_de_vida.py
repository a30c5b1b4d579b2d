"""O ciclo de vida pela API, com os tokens de cada ator: caminho feliz, transições e papéis proibidos,
escopo por município e concorrência otimista."""

from __future__ import annotations

import asyncio
import json
from collections import Counter

import pytest

from services.monitoramento.tests.apoio import (
    CAMINHO,
    CRAS_A,
    TOKENS,
    URL,
    A,
    executar_acoes,
    monitoramento,
    plano_completo,
    plano_em,
    resolucao,
    transitar,
    versao,
)
from tests.apoio.kafka import cabecalho, ler_topico


@pytest.mark.postgresql
async def test_caminho_feliz_do_rascunho_a_conclusao_com_plano_de_apoio(servicos):
    servico = await monitoramento(servicos)
    cliente = servico.cliente

    plano = await cliente.post(URL, json=plano_completo(), headers=TOKENS["municipio_a"])
    assert plano.status_code == 201, plano.text
    assert plano.json()["situacao"] == "rascunho" and plano.headers["ETag"] == '"1"'
    assert plano.headers["Location"].endswith(plano.json()["id"])
    plano_id = plano.json()["id"]

    plano = await transitar(cliente, plano, "submissao", "municipio_a")
    assert plano.status_code == 200 and plano.json()["situacao"] == "submetido"
    plano = await transitar(cliente, plano, "aprovacao-cmas", "cmas_a", resolucao("Resolução CMAS nº 7/2027"))
    assert plano.json()["situacao"] == "aprovado_cmas"

    # A SPS elabora o plano de apoio ao lado, ligado à dificuldade que enfrenta.
    dificuldade = plano.json()["dificuldades"][0]["id"]
    apoio = await cliente.post(
        "/api/v1/planos-apoio",
        json={
            "plano_providencias_id": plano_id,
            "objetivo": "Recompor a equipe de referência",
            "acoes": [
                {
                    "tipo": "assessoria_tecnica",
                    "dificuldade_id": dificuldade,
                    "descricao": "Oficina de RH",
                    "responsavel": "Coordenadoria de Proteção Básica",
                    "prazo": "2027-02-28",
                },
                {
                    "tipo": "apoio_financeiro",
                    "dificuldade_id": dificuldade,
                    "descricao": "Recurso para contratação",
                    "responsavel": "FEAS",
                    "prazo": "2027-03-31",
                    "valor": "12345.67",
                },
            ],
        },
        headers=TOKENS["sps_gestor"],
    )
    assert apoio.status_code == 201, apoio.text
    assert apoio.json()["situacao"] == "elaborado" and apoio.json()["acoes"][1]["valor"] == "12345.67"

    plano = await transitar(cliente, plano, "pactuacao-cib", "cib", resolucao("Resolução CIB nº 21/2027"))
    assert plano.json()["situacao"] == "pactuado_cib"
    plano = await transitar(cliente, plano, "execucao", "municipio_a")
    assert plano.json()["situacao"] == "em_execucao"

    r = await cliente.post(
        f"{URL}/{plano_id}/acompanhamentos",
        json={
            "data": "2027-02-10",
            "constatacao": "Processo seletivo aberto",
            "evidencia": "Edital nº 3/2027",
        },
        headers=TOKENS["cmas_a"],
    )
    assert r.status_code == 201, r.text
    r = await cliente.post(
        f"{URL}/{plano_id}/acompanhamentos",
        json={"data": "2027-03-15", "constatacao": "Visita técnica: assistente social em exercício"},
        headers=TOKENS["sps_tecnico"],
    )
    assert [a["instancia"] for a in r.json()["acompanhamentos"]] == ["cmas", "sps"]
    plano = await cliente.get(f"{URL}/{plano_id}", headers=TOKENS["sps_tecnico"])

    r = await transitar(cliente, plano, "conclusao", "sps_tecnico")
    assert r.status_code == 409 and r.json()["type"].endswith("precondicao_nao_atendida")
    assert "Contratar assistente social" in r.json()["detail"] and "pendente" in r.json()["detail"]

    plano = await executar_acoes(cliente, plano)
    plano = await transitar(cliente, plano, "conclusao", "sps_tecnico")
    assert plano.status_code == 200, plano.text
    corpo = plano.json()
    assert corpo["situacao"] == "concluido" and corpo["ativo"] is False
    assert [d["numero_resolucao"] for d in corpo["deliberacoes"]] == [
        "Resolução CMAS nº 7/2027",
        "Resolução CIB nº 21/2027",
    ]
    linha = [(p["acao"], p["situacao_de"], p["situacao_para"], p["autor"]) for p in corpo["linha_do_tempo"]]
    assert linha == [
        ("criado", None, "rascunho", "Gestora de Fortaleza"),
        ("submeter", "rascunho", "submetido", "Gestora de Fortaleza"),
        ("aprovar_cmas", "submetido", "aprovado_cmas", "CMAS Fortaleza"),
        ("pactuar_cib", "aprovado_cmas", "pactuado_cib", "CIB"),
        ("iniciar_execucao", "pactuado_cib", "em_execucao", "Gestora de Fortaleza"),
        ("acompanhamento", None, None, "CMAS Fortaleza"),
        ("acompanhamento", None, None, "Técnica SPS"),
        *[("acao_atualizada", None, None, "Gestora de Fortaleza")] * 4,
        ("concluir", "em_execucao", "concluido", "Técnica SPS"),
    ]
    assert [p["versao"] for p in corpo["linha_do_tempo"]] == [1, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10]

    # O plano de apoio segue o seu ciclo [PREMISSA] até a conclusão.
    apoio = await cliente.post(
        f"/api/v1/planos-apoio/{apoio.json()['id']}/pactuacao-cib",
        json=resolucao("Resolução CIB nº 22/2027"),
        headers={**TOKENS["cib"], **versao(apoio)},
    )
    apoio = await cliente.post(
        f"/api/v1/planos-apoio/{apoio.json()['id']}/execucao",
        headers={**TOKENS["sps_tecnico"], **versao(apoio)},
    )
    for acao in apoio.json()["acoes"]:
        for situacao in ("em_andamento", "executada"):
            apoio = await cliente.patch(
                f"/api/v1/planos-apoio/{apoio.json()['id']}/acoes/{acao['id']}",
                json={"situacao": situacao},
                headers={**TOKENS["sps_tecnico"], **versao(apoio)},
            )
    apoio = await cliente.post(
        f"/api/v1/planos-apoio/{apoio.json()['id']}/conclusao",
        headers={**TOKENS["sps_tecnico"], **versao(apoio)},
    )
    assert apoio.status_code == 200, apoio.text
    assert [p["acao"] for p in apoio.json()["linha_do_tempo"]][:4] == [
        "elaborado",
        "pactuar_cib",
        "iniciar_execucao",
        "acao_atualizada",
    ]
    assert apoio.json()["situacao"] == "concluido"

    # Cada evento sai uma vez, na ordem, com as unidades nomeadas.
    registros = await ler_topico(
        servicos.broker.bootstrap,
        servicos.prefixo + "suas.monitoramento.planos",
        quantos=11,
        timeout_ms=3_000,
    )
    tipos = [cabecalho(r, "ce_type").split(".")[-2] for r in registros]
    assert tipos == [
        "plano_providencias_criado",
        "plano_providencias_submetido",
        "plano_providencias_aprovado_cmas",
        "plano_apoio_elaborado",
        "plano_providencias_pactuado_cib",
        "plano_providencias_em_execucao",
        "plano_providencias_concluido",
        "plano_apoio_pactuado_cib",
        "plano_apoio_em_execucao",
        "plano_apoio_concluido",
    ]
    assert max(Counter(cabecalho(r, "ce_id") for r in registros).values()) == 1
    corpos = [json.loads(r.value) for r in registros]
    assert all(c["unidades"] == [CRAS_A] and c["ibge7"] == A for c in corpos)
    assert corpos[6]["situacao"] == "concluido" and corpos[6]["situacao_anterior"] == "em_execucao"
    assert corpos[6]["versao_plano"] == 10 and corpos[6]["autor"] == "Técnica SPS"


TRANSICOES = {
    # endpoint: (quem pode, corpo mínimo, situações de onde parte)
    "submissao": ("municipio_a", None, {"rascunho", "devolvido"}),
    "aprovacao-cmas": ("cmas_a", resolucao("R1"), {"submetido"}),
    "pactuacao-cib": ("cib", resolucao("R2"), {"aprovado_cmas"}),
    "execucao": ("sps_tecnico", None, {"pactuado_cib"}),
    "conclusao": ("sps_tecnico", None, {"em_execucao"}),
    "cancelamento": ("sps_tecnico", {"nota": "motivo"}, set(CAMINHO) - {"concluido", "cancelado"}),
}
PAPEIS_ERRADOS = {
    "submissao": ["municipio_b", "cmas_a", "cib", "sps_tecnico", "leitura", "sistema"],
    "aprovacao-cmas": ["cmas_b", "municipio_a", "cib", "sps_gestor", "leitura"],
    "pactuacao-cib": ["cmas_a", "municipio_a", "sps_gestor", "sistema"],
    "execucao": ["municipio_b", "cmas_a", "cib", "leitura"],
    "conclusao": ["municipio_a", "cmas_a", "cib", "leitura", "sistema"],
    "cancelamento": ["municipio_a", "cmas_a", "cib", "leitura", "sistema"],
}


@pytest.mark.postgresql
async def test_transicoes_proibidas_dao_409_com_as_possiveis_e_nao_mudam_nada(servicos):
    cliente = (await monitoramento(servicos)).cliente
    planos = {situacao: await plano_em(cliente, situacao) for situacao in CAMINHO}
    for caminho, (quem, corpo, origens) in TRANSICOES.items():
        for situacao, plano in planos.items():
            if situacao in origens:
                continue
            r = await transitar(cliente, plano, caminho, quem, corpo)
            if situacao == "rascunho" and quem in {"cmas_a", "cib"}:
                assert r.status_code == 404, (caminho, r.text)  # rascunho: conselhos nem o enxergam
                continue
            assert r.status_code == 409, (caminho, situacao, r.text)
            problema = r.json()
            assert problema["situacao_atual"] == situacao, (caminho, situacao)
            assert f"situação {situacao!r}" in problema["detail"]
            assert problema["transicoes_possiveis"] == plano.json()["transicoes_possiveis"]
            depois = await cliente.get(f"{URL}/{plano.json()['id']}", headers=TOKENS["sps_tecnico"])
            assert depois.json()["situacao"] == situacao and depois.headers["ETag"] == plano.headers["ETag"]
    r = await transitar(cliente, planos["concluido"], "cancelamento", "sps_tecnico", {"nota": "x"})
    assert "nenhuma (situação final)" in r.json()["detail"]


@pytest.mark.postgresql
async def test_papel_errado_da_403_com_quem_pode_e_nao_muda_nada(servicos):
    cliente = (await monitoramento(servicos)).cliente
    origem = {c: sorted(o)[0] if c != "cancelamento" else "submetido" for c, (_, _, o) in TRANSICOES.items()}
    origem["submissao"] = "devolvido"  # o CMAS vê o devolvido, não o rascunho
    planos = {s: await plano_em(cliente, s) for s in set(origem.values())}
    for caminho, errados in PAPEIS_ERRADOS.items():
        _, corpo, _ = TRANSICOES[caminho]
        plano = planos[origem[caminho]]
        for quem in errados:
            r = await transitar(cliente, plano, caminho, quem, corpo)
            if quem in {"municipio_b", "cmas_b"}:  # outro município nem enxerga o plano
                assert r.status_code == 404, (caminho, quem, r.text)
                continue
            assert r.status_code == 403, (caminho, quem, r.text)
            assert "cabe a:" in r.json()["detail"] and "o seu token tem" in r.json()["detail"]
        depois = await cliente.get(f"{URL}/{plano.json()['id']}", headers=TOKENS["sps_tecnico"])
        assert (
            depois.json()["situacao"] == origem[caminho] and depois.headers["ETag"] == plano.headers["ETag"]
        )
    # Devolver: só o CMAS do município (submetido) ou a CIB (aprovado pelo CMAS), sempre com motivo.
    r = await transitar(cliente, planos["submetido"], "devolucao", "cib", {"nota": "x"})
    assert r.status_code == 409 and r.json()["situacao_atual"] == "submetido"
    r = await transitar(cliente, planos["submetido"], "devolucao", "cmas_a", {})
    assert r.status_code == 422 and "motivo" in r.json()["detail"]
    r = await transitar(cliente, planos["submetido"], "aprovacao-cmas", "cmas_a", {})
    assert r.status_code == 422 and "deliberação" in r.json()["detail"]


@pytest.mark.postgresql
async def test_submissao_exige_dificuldade_e_acao_com_responsavel_e_prazo(servicos):
    cliente = (await monitoramento(servicos)).cliente
    vazio = await cliente.post(URL, json={"ibge7": A, "titulo": "Em branco"}, headers=TOKENS["municipio_a"])
    r = await transitar(cliente, vazio, "submissao", "municipio_a")
    assert r.status_code == 409 and r.json()["problemas"] == [
        "o plano não tem nenhuma dificuldade identificada"
    ]

    incompleto = plano_completo()
    incompleto["dificuldades"][0]["acoes"][0].pop("responsavel")
    incompleto["dificuldades"][0]["acoes"][1].pop("prazo")
    incompleto["dificuldades"].append(
        {**incompleto["dificuldades"][0], "descricao": "Sem ações", "acoes": []}
    )
    plano = await cliente.post(URL, json=incompleto, headers=TOKENS["municipio_a"])
    r = await transitar(cliente, plano, "submissao", "municipio_a")
    assert r.status_code == 409
    assert r.json()["problemas"] == [
        "a ação 'Contratar assistente social' (dificuldade 'CRAS sem assistente social na equipe') não tem responsável",
        "a ação 'Capacitar a equipe' (dificuldade 'CRAS sem assistente social na equipe') não tem prazo",
        "a dificuldade 'Sem ações' não tem nenhuma ação para superá-la",
    ]
    assert (await cliente.get(f"{URL}/{plano.json()['id']}", headers=TOKENS["municipio_a"])).json()[
        "situacao"
    ] == "rascunho"


@pytest.mark.postgresql
async def test_municipio_nao_ve_nem_age_nos_planos_de_outro(servicos):
    cliente = (await monitoramento(servicos)).cliente
    rascunho = await plano_em(cliente, "rascunho")
    plano_id = rascunho.json()["id"]
    for quem in ("municipio_b", "cmas_b", "cmas_a", "cib", "leitura"):  # rascunho: só o município e a SPS
        r = await cliente.get(f"{URL}/{plano_id}", headers=TOKENS[quem])
        assert r.status_code == 404, quem
        assert (await cliente.get(URL, headers=TOKENS[quem])).json()["total"] == 0, quem
    assert (await cliente.get(f"{URL}/{plano_id}", headers=TOKENS["sps_tecnico"])).status_code == 200
    r = await cliente.put(
        f"{URL}/{plano_id}", json={"titulo": "Tomado"}, headers={**TOKENS["municipio_b"], **versao(rascunho)}
    )
    assert r.status_code == 404
    r = await transitar(cliente, rascunho, "submissao", "municipio_b")
    assert r.status_code == 404
    r = await cliente.post(URL, json=plano_completo(A), headers=TOKENS["municipio_b"])
    assert r.status_code == 403 and "gestor municipal de 2304400" in r.json()["detail"]
    r = await cliente.get("/api/v1/prazos", params={"ibge7": A}, headers=TOKENS["municipio_b"])
    assert r.status_code == 403

    submetido = await transitar(cliente, rascunho, "submissao", "municipio_a")
    assert (await cliente.get(f"{URL}/{plano_id}", headers=TOKENS["cmas_a"])).status_code == 200
    assert (await cliente.get(f"{URL}/{plano_id}", headers=TOKENS["cmas_b"])).status_code == 404
    assert (await cliente.get(URL, headers=TOKENS["municipio_b"])).json()["total"] == 0
    assert (await cliente.get(URL, headers=TOKENS["leitura"])).json()["total"] == 1
    assert submetido.json()["situacao"] == "submetido"


@pytest.mark.postgresql
async def test_duas_alteracoes_sobre_a_mesma_versao_uma_recebe_412(servicos):
    cliente = (await monitoramento(servicos)).cliente
    plano = await plano_em(cliente, "rascunho")
    url = f"{URL}/{plano.json()['id']}"
    conteudo = {k: v for k, v in plano_completo().items() if k != "ibge7"}

    r = await cliente.put(url, json={**conteudo, "titulo": "Sem If-Match"}, headers=TOKENS["municipio_a"])
    assert r.status_code == 428 and "If-Match" in r.json()["detail"]

    primeira, segunda = await asyncio.gather(
        cliente.put(
            url,
            json={**conteudo, "titulo": "Versão da Ana"},
            headers={**TOKENS["municipio_a"], **versao(plano)},
        ),
        cliente.put(
            url,
            json={**conteudo, "titulo": "Versão do Beto"},
            headers={**TOKENS["municipio_a"], **versao(plano)},
        ),
    )
    assert sorted([primeira.status_code, segunda.status_code]) == [200, 412]
    perdedora = primeira if primeira.status_code == 412 else segunda
    assert perdedora.json()["versao_atual"] == 2 and perdedora.json()["versao_enviada"] == 1
    vencedora = primeira if primeira.status_code == 200 else segunda
    atual = await cliente.get(url, headers=TOKENS["municipio_a"])
    assert atual.json()["titulo"] == vencedora.json()["titulo"] and atual.headers["ETag"] == '"2"'

    # Transição sobre versão velha também é recusada, e nada muda.
    r = await transitar(cliente, plano, "submissao", "municipio_a")
    assert r.status_code == 412
    assert (await cliente.get(url, headers=TOKENS["municipio_a"])).json()["situacao"] == "rascunho"
