"""Conexão com o Kafka a partir da configuração do serviço: produtor e criação de tópicos."""

from __future__ import annotations

import logging

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from shared.eventos.catalogo import Topico
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)
MS_POR_DIA = 86_400_000


def criar_produtor(settings: ServiceSettings) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"suas-ce.{settings.servico}",
        acks="all",
        enable_idempotence=settings.kafka_idempotencia,
        linger_ms=5,
        max_batch_size=256 * 1024,
        metadata_max_age_ms=settings.kafka_metadata_max_age_ms,
        request_timeout_ms=settings.kafka_request_timeout_ms,
    )


async def garantir_topicos(settings: ServiceSettings, topicos: tuple[Topico, ...]) -> None:
    """Cria os tópicos (e suas DLQs) que faltam. Em produção quem cria é o operador (KafkaTopic)."""
    if not settings.kafka_criar_topicos or not topicos:
        return
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        request_timeout_ms=settings.kafka_request_timeout_ms,
    )
    await admin.start()
    try:
        existentes = set(await admin.list_topics())
        novos = []
        for topico in topicos:
            retencao = {
                "retention.ms": str(topico.retencao_dias * MS_POR_DIA if topico.retencao_dias > 0 else -1)
            }
            for nome, particoes in ((topico.nome, topico.particoes), (topico.dlq, 1)):
                fisico = settings.topico(nome)
                if fisico not in existentes:
                    novos.append(NewTopic(fisico, particoes, 1, topic_configs=retencao))
                    existentes.add(fisico)
        if novos:
            await admin.create_topics(novos)
            log.info("tópicos criados", extra={"dados": {"topicos": [t.name for t in novos]}})
    finally:
        await admin.close()
