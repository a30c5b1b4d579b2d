"""Pelo barramento: a premiação enxerga o plano ativo; bloqueio → plano exigido; prazo vencido → evento;
dados do Censo → alertas que viram dificuldades."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.monitoramento.tests.apoio import (
    CRAS_A,
    TOKENS,
    URL,
    A,
    B,
    executar_acoes,
    monitoramento,
    plano_em,
    transitar,
)
from services.premiacao.consumers import TRATADORES as TRATADORES_PREMIACAO
from shared.eventos.catalogo import CATALOGO
from shared.eventos.esquemas import (
    EVENTOS_PLANO_PROVIDENCIAS,
    CensoCrasRegistrado,
    EquipeCrasRegistrada,
    IdcrasPublicado,
    MunicipioBloqueado,
    PlanoProvidenciasPrazoVencido,
)
from tests.apoio.eventos import preparar_topicos, publicar_eventos
from tests.apoio.fixtures import esperar
from tests.apoio.kafka import cabecalho, ler_topico
from tests.test_dlq import municipio


def test_contrato_a_premiacao_trata_todo_evento_de_plano_de_providencias():
    """Cada mudança de plano que o monitoramento publica chega à premiação com o estado completo."""
    topico = CATALOGO.topico("suas.monitoramento.planos")
    assert "premiacao" in topico.consumidores and topico.produtor == "monitoramento"
    assert set(EVENTOS_PLANO_PROVIDENCIAS) <= set(topico.eventos)
    assert set(EVENTOS_PLANO_PROVIDENCIAS) <= set(TRATADORES_PREMIACAO)
    for evento in EVENTOS_PLANO_PROVIDENCIAS:
        campos = evento.model_fields
        assert {"plano_id", "ibge7", "unidades", "situacao", "situacao_desde", "versao_plano"} <= set(
            campos
        ), evento
    bloqueios = CATALOGO.topico_de(MunicipioBloqueado)
    assert bloqueios.produtor == "cofinanciamento" and bloqueios.consumidores == ("monitoramento",)
    assert CATALOGO.topico_de(PlanoProvidenciasPrazoVencido).produtor == "monitoramento"


def censo_cras(cras: str, ibge7: str, **extra):
    return CensoCrasRegistrado(
        id_cras=cras, ibge7=ibge7, ano=2025, nome=f"CRAS {cras[-2:]}", lote_id="l", **extra
    )


@pytest.mark.postgresql
async def test_plano_ativo_que_nomeia_o_cras_chega_a_premiacao_e_a_conclusao_o_libera(servicos):
    premiacao = await servicos.iniciar("premiacao")
    await preparar_topicos(premiacao)
    await publicar_eventos(
        servicos.broker.bootstrap, servicos.prefixo, [municipio(A, "Fortaleza"), censo_cras(CRAS_A, A)]
    )
    monit = await monitoramento(servicos)
    cliente = monit.cliente

    async def planos_na_premiacao():
        r = await premiacao.cliente.get(f"/api/v1/cras/{CRAS_A}", headers=TOKENS["leitura"])
        return r.json()["planos_providencias"] if r.status_code == 200 else None

    plano = await plano_em(cliente, "em_execucao")

    async def ativo():
        return await planos_na_premiacao() == [
            {"plano_id": plano.json()["id"], "situacao": "em_execucao", "ativo": True}
        ]

    await esperar(ativo, timeout=30)
    plano = await executar_acoes(cliente, plano)
    plano = await transitar(cliente, plano, "conclusao", "sps_tecnico")
    assert plano.status_code == 200

    async def inativo():
        return await planos_na_premiacao() == [
            {"plano_id": plano.json()["id"], "situacao": "concluido", "ativo": False}
        ]

    await esperar(inativo, timeout=30)


def bloqueio(bloqueio_id: str = "BLQ-2026-001") -> MunicipioBloqueado:
    return MunicipioBloqueado(
        bloqueio_id=bloqueio_id,
        ibge7=B,
        bloco="protecao_social_basica",
        ano=2026,
        mes=10,
        saldo=Decimal("42000.00"),
        parcela_mensal=Decimal("4000.00"),
        parcelas_acumuladas=Decimal("10.5"),
        limite_parcelas=10,
        bloqueado_em=datetime(2026, 11, 1, 12, tzinfo=UTC),
    )


@pytest.mark.postgresql
async def test_bloqueio_exige_plano_e_prazo_vencido_publica_o_evento_uma_vez(servicos):
    servico = await monitoramento(
        servicos, bloqueio(), bloqueio(), prazo_plano_exigido_dias=90
    )  # reenviado: um plano só
    cliente = servico.cliente

    async def exigido():
        r = await cliente.get(URL, params={"exigido": "true"}, headers=TOKENS["sps_tecnico"])
        return r.json()["itens"] if r.json()["total"] else None

    await esperar(exigido, timeout=30)
    (plano,) = await exigido()
    assert (plano["ibge7"], plano["situacao"], plano["prazo"], plano["bloqueio_id"]) == (
        B,
        "rascunho",
        "2027-01-30",
        "BLQ-2026-001",
    )
    assert plano["origens"] == ["saldo_acumulado"]
    detalhe = (await cliente.get(f"{URL}/{plano['id']}", headers=TOKENS["municipio_b"])).json()
    assert "R$ 42.000,00" in detalhe["dificuldades"][0]["evidencia"]
    assert "10,50 parcelas" in detalhe["dificuldades"][0]["descricao"]
    assert detalhe["linha_do_tempo"][0]["acao"] == "exigido"
    resumo = (await cliente.get(f"/api/v1/municipios/{B}/resumo", headers=TOKENS["sps_tecnico"])).json()
    assert resumo["planos_exigidos_sem_plano_de_apoio"] == [plano["id"]]

    # Antes do prazo, nada; depois dele (relógio adiantado), um evento, e não dois.
    r = await cliente.post("/api/v1/prazos/verificacao", headers=TOKENS["sistema"])
    assert r.json()["planos_avisados"] == []
    servico.runtime.relogio = lambda: datetime(2027, 1, 31, 9, tzinfo=UTC)
    r = await cliente.post("/api/v1/prazos/verificacao", headers=TOKENS["sistema"])
    assert r.json()["planos_avisados"] == [plano["id"]]
    r = await cliente.post("/api/v1/prazos/verificacao", headers=TOKENS["sistema"])
    assert r.json()["planos_avisados"] == []
    r = await cliente.post("/api/v1/prazos/verificacao", headers=TOKENS["municipio_b"])
    assert r.status_code == 403

    registros = await ler_topico(
        servicos.broker.bootstrap, servicos.prefixo + "suas.monitoramento.planos", quantos=3, timeout_ms=3_000
    )
    tipos = [cabecalho(r, "ce_type").split(".")[-2] for r in registros]
    assert tipos == ["plano_providencias_criado", "plano_providencias_prazo_vencido"]
    vencido = json.loads(registros[1].value)
    assert (vencido["plano_id"], vencido["prazo"], vencido["bloqueio_id"]) == (
        plano["id"],
        "2027-01-30",
        "BLQ-2026-001",
    )
    prazos = (await cliente.get("/api/v1/prazos", params={"dias": 0}, headers=TOKENS["sps_tecnico"])).json()
    assert [p["plano_id"] for p in prazos["planos_vencidos"]] == [plano["id"]] and prazos["planos_vencidos"][
        0
    ]["dias"] == -1


@pytest.mark.postgresql
async def test_a_verificacao_periodica_avisa_sem_ninguem_pedir(servicos):
    servico = await monitoramento(servicos, bloqueio("BLQ-X"), prazos_verificacao_intervalo_s=0.2)
    servico.runtime.relogio = lambda: datetime(2030, 1, 1, tzinfo=UTC)

    async def avisado():
        registros = await ler_topico(
            servicos.broker.bootstrap,
            servicos.prefixo + "suas.monitoramento.planos",
            quantos=2,
            timeout_ms=500,
        )
        return [cabecalho(r, "ce_type").split(".")[-2] for r in registros][-1:] == [
            "plano_providencias_prazo_vencido"
        ]

    await esperar(avisado, timeout=30)


@pytest.mark.postgresql
async def test_dados_do_censo_levantam_alertas_que_viram_dificuldades(servicos):
    outro_cras = "23044000002"
    eventos = [
        censo_cras(CRAS_A, A, dias_semana=5, horas_dia=8),
        censo_cras(outro_cras, A, dias_semana=0, horas_dia=0),
        IdcrasPublicado(
            id_cras=CRAS_A,
            ibge7=A,
            ano=2025,
            idcras=Decimal("2.10"),
            estrutura_fisica=1,
            recursos_humanos=3,
            servicos=1,
            lote_id="l",
        ),
        EquipeCrasRegistrada(
            id_cras=CRAS_A,
            ibge7=A,
            ano=2025,
            total=4,
            assistentes_sociais=0,
            psicologos=1,
            por_profissao={},
            por_vinculo={},
            lote_id="l",
        ),
        EquipeCrasRegistrada(
            id_cras=outro_cras,
            ibge7=A,
            ano=2025,
            total=4,
            assistentes_sociais=2,
            psicologos=1,
            por_profissao={},
            por_vinculo={},
            lote_id="l",
        ),
    ]
    servico = await monitoramento(servicos, *eventos, *eventos)  # reenviados: sem alertas duplicados
    cliente = servico.cliente

    async def alertas():
        r = await cliente.get("/api/v1/alertas", headers=TOKENS["sps_tecnico"])
        return r.json() if r.json()["total"] >= 4 else None

    await esperar(alertas, timeout=30)
    corpo = await alertas()
    assert corpo["parametros"]["idcras_nivel_maximo"] == 1
    achados = sorted((a["regra"], a["id_unidade"]) for a in corpo["itens"])
    assert achados == [
        ("cras_sem_assistente_social", CRAS_A),
        ("idcras_estrutura_fisica", CRAS_A),
        ("idcras_servicos", CRAS_A),
        ("unidade_sem_funcionamento", outro_cras),
    ]
    por_regra = {a["regra"]: a for a in corpo["itens"]}
    assert (await cliente.get("/api/v1/alertas", headers=TOKENS["municipio_b"])).json()["total"] == 0
    assert (await cliente.get("/api/v1/alertas", headers=TOKENS["municipio_a"])).json()["total"] == 4

    descarte = por_regra["unidade_sem_funcionamento"]["id"]
    r = await cliente.post(
        f"/api/v1/alertas/{descarte}/descarte", json={"motivo": "x"}, headers=TOKENS["municipio_a"]
    )
    assert r.status_code == 403
    r = await cliente.post(
        f"/api/v1/alertas/{descarte}/descarte",
        json={"motivo": "Unidade em reforma, reaberta"},
        headers=TOKENS["sps_tecnico"],
    )
    assert r.status_code == 200 and r.json()["situacao"] == "descartado"
    r = await cliente.post(
        f"/api/v1/alertas/{descarte}/descarte", json={"motivo": "de novo"}, headers=TOKENS["sps_tecnico"]
    )
    assert r.status_code == 409

    # Um alerta vira um plano novo (em rascunho, nomeando o CRAS); outro entra no mesmo plano.
    r = await cliente.post(
        f"/api/v1/alertas/{por_regra['cras_sem_assistente_social']['id']}/conversao",
        json={"novo_plano": {"titulo": "Equipe do CRAS"}, "area": "oferta_servicos"},
        headers=TOKENS["sps_tecnico"],
    )
    assert r.status_code == 200, r.text
    plano_id = r.json()["plano_id"]
    r = await cliente.post(
        f"/api/v1/alertas/{por_regra['idcras_servicos']['id']}/conversao",
        json={"plano_id": plano_id, "area": "oferta_servicos", "descricao": "Serviços do CRAS no nível 1"},
        headers=TOKENS["municipio_a"],
    )
    assert r.status_code == 200, r.text
    plano = (await cliente.get(f"{URL}/{plano_id}", headers=TOKENS["municipio_a"])).json()
    assert plano["situacao"] == "rascunho" and plano["unidades"] == [CRAS_A]
    assert [(d["origem"], d["descricao"]) for d in plano["dificuldades"]] == [
        ("censo_suas", por_regra["cras_sem_assistente_social"]["descricao"]),
        ("censo_suas", "Serviços do CRAS no nível 1"),
    ]
    assert plano["dificuldades"][1]["alerta_id"] == por_regra["idcras_servicos"]["id"]
    r = await cliente.post(
        f"/api/v1/alertas/{por_regra['idcras_estrutura_fisica']['id']}/conversao",
        json={"plano_id": plano_id, "novo_plano": {"titulo": "x"}, "area": "gestao_suas"},
        headers=TOKENS["sps_tecnico"],
    )
    assert r.status_code == 422 and "um dos dois" in r.text
    r = await cliente.get(f"/api/v1/municipios/{A}/resumo", headers=TOKENS["municipio_a"])
    assert r.json()["alertas_abertos"] == 1 and r.json()["unidades_por_tipo"] == {"cras": 2}
