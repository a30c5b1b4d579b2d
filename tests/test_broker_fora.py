"""Broker fora do ar durante um upload: o upload funciona (outbox) e os eventos chegam quando ele volta."""

from __future__ import annotations

from sqlalchemy import func, select

from services.ingestao.models import Outbox
from shared.broker_local import BrokerLocal, porta_livre
from shared.settings import RAIZ_PROJETO

ARQUIVO = RAIZ_PROJETO / "data" / "referencias" / "ce_municipios.csv"


async def test_upload_com_broker_fora_e_entrega_quando_ele_volta(servicos, token):
    broker = BrokerLocal(porta_livre())
    broker.iniciar()
    servicos.broker = broker
    try:
        ingestao = await servicos.iniciar("ingestao")
        monitoramento = await servicos.iniciar("monitoramento")
        broker.parar()

        resposta = await ingestao.cliente.post(
            "/api/v1/referencias/municipios",
            files={"arquivo": (ARQUIVO.name, ARQUIVO.read_bytes(), "text/csv")},
            headers=token("sps_gestor"),
        )
        assert resposta.status_code == 201, resposta.text
        assert (await ingestao.cliente.get("/readyz")).status_code == 200

        async def pendentes() -> int:
            async with ingestao.runtime.fabrica_sessoes() as sessao:
                return int(
                    await sessao.scalar(
                        select(func.count()).select_from(Outbox).where(Outbox.publicado_em.is_(None))
                    )
                )

        assert await pendentes() == 185  # 184 municípios e o lote_concluido
        broker.iniciar()  # volta vazio (Tansu em memória): tópicos e offsets são recriados

        await monitoramento.esperar_total_municipios(184, timeout=60)
        assert await pendentes() == 0
    finally:
        await servicos.pilha.aclose()  # serviços param antes do broker, como em produção
        broker.parar()
