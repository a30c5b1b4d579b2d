"""Reenvio do outbox: reconstrói a leitura de outro serviço quando o histórico do Kafka se perdeu."""

from __future__ import annotations

from datetime import timedelta

from shared.db import agora
from shared.settings import RAIZ_PROJETO
from tests.apoio.fixtures import esperar

ARQUIVO = RAIZ_PROJETO / "data" / "referencias" / "ce_municipios.csv"


async def test_reenvio_desde_uma_data_reconstroi_outro_servico(servicos, token):
    ingestao = await servicos.iniciar("ingestao")
    await ingestao.cliente.post(
        "/api/v1/referencias/municipios",
        files={"arquivo": (ARQUIVO.name, ARQUIVO.read_bytes(), "text/csv")},
        headers=token("sps_gestor"),
    )
    await esperar(lambda: _publicados(ingestao))
    relay = ingestao.runtime.relay
    assert await relay.reenviar(desde=agora() + timedelta(minutes=1)) == 0

    # Um "cluster novo": outro prefixo de tópicos, vazio, e um serviço com banco novo.
    servicos.prefixo = servicos.prefixo.rstrip(".") + "novo."
    premiacao = await servicos.iniciar("premiacao")
    ingestao_nova = await servicos.settings("ingestao", database_url=ingestao.settings.database_url)
    relay._settings = ingestao_nova  # o mesmo outbox, publicado no cluster novo
    assert await relay.reenviar(desde=agora() - timedelta(hours=1)) == 185  # 184 municípios e o lote

    await premiacao.esperar_total_municipios(184)


async def _publicados(ingestao) -> bool:
    from sqlalchemy import func, select

    from services.ingestao.models import Outbox

    async with ingestao.runtime.fabrica_sessoes() as sessao:
        return (
            await sessao.scalar(select(func.count()).select_from(Outbox).where(Outbox.publicado_em.is_(None)))
            == 0
        )
