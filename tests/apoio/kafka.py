"""Acesso direto ao broker nos testes: produzir registros crus e ler um tópico do início."""

from __future__ import annotations

import uuid
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord

from shared.db import agora
from shared.eventos.base import Evento
from shared.eventos.envelope import cabecalhos, fonte_do_servico


def cabecalhos_de(
    evento: Evento, *, ce_id: str | None = None, correlation_id: str = "teste"
) -> list[tuple[str, bytes]]:
    return cabecalhos(
        ce_id=ce_id or str(uuid.uuid4()),
        fonte=fonte_do_servico(evento.servico),
        tipo=evento.tipo(),
        momento=agora(),
        assunto=evento.assunto(),
        correlation_id=correlation_id,
    )


async def produzir(bootstrap: str, topico: str, registros: list[dict[str, Any]]) -> None:
    """Cada registro: {"valor": bytes, "chave": str, "cabecalhos": [...]}, enviados em ordem."""
    produtor = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await produtor.start()
    try:
        envios = [
            await produtor.send(
                topico, value=r["valor"], key=r.get("chave", "0").encode(), headers=r.get("cabecalhos", [])
            )
            for r in registros
        ]
        for envio in envios:
            await envio
    finally:
        await produtor.stop()


async def ler_topico(
    bootstrap: str, topico: str, *, quantos: int, timeout_ms: int = 15_000
) -> list[ConsumerRecord]:
    """Lê do início até `quantos` registros (sem grupo: não interfere nos consumidores do teste)."""
    consumidor = AIOKafkaConsumer(
        topico,
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
    )
    await consumidor.start()
    lidos: list[ConsumerRecord] = []
    try:
        while len(lidos) < quantos:
            lote = await consumidor.getmany(timeout_ms=timeout_ms)
            if not lote:
                break
            for registros in lote.values():
                lidos.extend(registros)
    finally:
        await consumidor.stop()
    return lidos


def cabecalho(registro: ConsumerRecord, nome: str) -> str | None:
    for chave, valor in registro.headers or ():
        if chave == nome:
            return bytes(valor).decode()
    return None
