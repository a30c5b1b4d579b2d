"""Saldo acumulado de ponta a ponta, pelo broker: cofinanciamento bloqueia → monitoramento exige o plano → prazo
vencido suspende → plano concluído e saldo abaixo do limite retomam (ato SPS de 17/10/2023, Art. 13)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from services.cofinanciamento.tests.cenario import cofinanciamento_com, cras, municipio, saldo
from services.monitoramento.tests.apoio import TOKENS, URL, executar_acoes, transitar, versao
from tests.apoio.eventos import publicar_eventos
from tests.apoio.fixtures import esperar
from tests.apoio.kafka import cabecalho, ler_topico

IBGE7 = "2304400"  # nos tokens do monitoramento, o município A


@pytest.mark.postgresql
async def test_bloqueio_suspensao_e_retomada_entre_os_dois_servicos(servicos, token):
    cofin = await cofinanciamento_com(
        servicos,
        [municipio(IBGE7, "Fortaleza", 15_000), cras("23044000001", IBGE7), cras("23044000002", IBGE7)],
    )
    monit = await servicos.iniciar("monitoramento", prazo_plano_exigido_dias=60)
    await monit.esperar_municipio(IBGE7)
    calculo = await cofin.cliente.post(
        "/api/v1/exercicios/2022/calculos", json={"mes": 6}, headers=token("sps_tecnico")
    )
    assert calculo.json()["blocos"]["protecao_social_basica"] == "6000.00"  # Pequeno I, 2 CRAS

    async def sancao():
        r = await cofin.cliente.get(f"/api/v1/municipios/{IBGE7}/sancoes", headers=token("leitura"))
        blocos = r.json()["blocos"]
        return blocos[0]["estado"] if blocos else "regular"

    # R$ 59.999,99 < 10 × R$ 6.000,00: nada; R$ 60.000,00 = limite: bloqueio.
    await publicar_eventos(
        servicos.broker.bootstrap, servicos.prefixo, [saldo(IBGE7, "basica", "59999.99", mes=6)]
    )
    await publicar_eventos(
        servicos.broker.bootstrap, servicos.prefixo, [saldo(IBGE7, "basica", "60000.00", mes=7)]
    )
    await esperar(lambda: _igual(sancao, "bloqueado"), timeout=30)
    historico = (
        await cofin.cliente.get(f"/api/v1/municipios/{IBGE7}/sancoes", headers=token("leitura"))
    ).json()["historico"]
    assert [(h["de"], h["para"]) for h in historico] == [("regular", "bloqueado")]
    assert "R$ 60.000,00 ≥ 10 × R$ 6.000,00" in historico[0]["motivo"]

    async def plano_exigido():
        r = await monit.cliente.get(URL, params={"exigido": "true"}, headers=TOKENS["sps_tecnico"])
        return r.json()["itens"][0] if r.json()["total"] else None

    await esperar(plano_exigido, timeout=30)
    exigido = await plano_exigido()
    assert exigido["bloqueio_id"] == historico[0]["bloqueio_id"] and exigido["origens"] == ["saldo_acumulado"]

    # Passa o prazo do plano com o saldo parado: suspensão, com aviso ao MP e à Câmara.
    monit.runtime.relogio = lambda: datetime(2031, 1, 1, tzinfo=UTC)
    r = await monit.cliente.post("/api/v1/prazos/verificacao", headers=TOKENS["sistema"])
    assert r.json()["planos_avisados"] == [exigido["id"]]
    await esperar(lambda: _igual(sancao, "suspenso"), timeout=30)

    # O município apresenta e executa o plano; concluído, e com o saldo abaixo do limite, os repasses voltam.
    plano = await monit.cliente.get(f"{URL}/{exigido['id']}", headers=TOKENS["municipio_a"])
    dificuldade = plano.json()["dificuldades"][0]
    conteudo = {
        "titulo": plano.json()["titulo"],
        "prazo": "2031-06-30",
        "dificuldades": [
            {
                **{k: dificuldade[k] for k in ("id", "area", "origem", "descricao", "evidencia")},
                "acoes": [
                    {"descricao": "Executar o saldo", "responsavel": "Secretaria", "prazo": "2031-03-31"}
                ],
            }
        ],
    }
    plano = await monit.cliente.put(
        f"{URL}/{exigido['id']}", json=conteudo, headers={**TOKENS["municipio_a"], **versao(plano)}
    )
    for caminho, quem, corpo in (
        ("submissao", "municipio_a", None),
        (
            "aprovacao-cmas",
            "cmas_a",
            {"deliberacao": {"numero_resolucao": "R1", "data": "2030-12-01", "texto": "ok"}},
        ),
        (
            "pactuacao-cib",
            "cib",
            {"deliberacao": {"numero_resolucao": "R2", "data": "2030-12-10", "texto": "ok"}},
        ),
        ("execucao", "municipio_a", None),
    ):
        plano = await transitar(monit.cliente, plano, caminho, quem, corpo)
        assert plano.status_code == 200, plano.text
    plano = await executar_acoes(monit.cliente, plano)
    plano = await transitar(monit.cliente, plano, "conclusao", "sps_tecnico")
    assert plano.json()["situacao"] == "concluido"
    await publicar_eventos(
        servicos.broker.bootstrap, servicos.prefixo, [saldo(IBGE7, "basica", "12000.00", mes=8)]
    )
    await esperar(lambda: _igual(sancao, "regular"), timeout=30)

    registros = await ler_topico(
        servicos.broker.bootstrap,
        servicos.prefixo + "suas.cofinanciamento.bloqueios",
        quantos=4,
        timeout_ms=3_000,
    )
    tipos = [cabecalho(r, "ce_type").split(".")[-2] for r in registros]
    assert tipos == ["municipio_bloqueado", "municipio_suspenso", "municipio_desbloqueado"]
    suspenso = json.loads(registros[1].value)
    assert (
        suspenso["notificar"] == ["ministerio_publico", "camara_municipal"]
        and suspenso["plano_id"] == exigido["id"]
    )
    assert json.loads(registros[2].value)["situacao_anterior"] == "suspenso"

    # A suspensão e a retomada aparecem na linha do tempo do plano exigido, no monitoramento.
    async def anotado():
        r = await monit.cliente.get(f"{URL}/{exigido['id']}", headers=TOKENS["sps_tecnico"])
        return [p["acao"] for p in r.json()["linha_do_tempo"] if p["acao"].endswith("_cofinanciamento")]

    await esperar(
        lambda: _igual(anotado, ["suspensao_cofinanciamento", "desbloqueio_cofinanciamento"]), timeout=30
    )


async def _igual(consulta, esperado):
    return await consulta() == esperado
