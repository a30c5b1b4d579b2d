"""Conexão com o Kafka a partir da configuração do serviço: produtor e criação de tópicos."""

from __future__ import annotations

import logging
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.helpers import create_ssl_context

from shared.eventos.catalogo import Topico
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)
MS_POR_DIA = 86_400_000


def opcoes_conexao(settings: ServiceSettings) -> dict[str, Any]:
    """Endereço e segurança da conexão, iguais para produtor, consumidor e administração."""
    protocolo = settings.kafka_protocolo_seguranca
    opcoes: dict[str, Any] = {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "security_protocol": protocolo,
    }
    if protocolo in {"SSL", "SASL_SSL"}:
        # Sem arquivo, valem as CAs do sistema; no Strimzi, a CA do cluster (segredo <cluster>-cluster-ca-cert).
        opcoes["ssl_context"] = create_ssl_context(cafile=settings.kafka_ca_arquivo or None)
    if protocolo.startswith("SASL"):
        opcoes |= {
            "sasl_mechanism": settings.kafka_sasl_mecanismo,
            "sasl_plain_username": settings.kafka_usuario,
            "sasl_plain_password": settings.kafka_senha.get_secret_value(),
        }
    return opcoes


def criar_produtor(settings: ServiceSettings) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        **opcoes_conexao(settings),
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
        **opcoes_conexao(settings),
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
