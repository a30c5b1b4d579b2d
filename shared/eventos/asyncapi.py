"""Documento AsyncAPI 3.0 de um serviço, gerado do catálogo e dos modelos pydantic dos eventos."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from shared.eventos.base import Evento
from shared.eventos.catalogo import CATALOGO, Catalogo, Topico

CABECALHOS_CLOUDEVENTS: dict[str, Any] = {
    "type": "object",
    "description": "Atributos CloudEvents 1.0 em modo binário (binding Kafka: prefixo ce_).",
    "required": ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "content-type"],
    "properties": {
        "ce_specversion": {"type": "string", "const": "1.0"},
        "ce_id": {"type": "string", "description": "Identificador único do evento (deduplicação)"},
        "ce_source": {"type": "string", "pattern": "^/suas-ce/[a-z]+$"},
        "ce_type": {"type": "string", "description": "br.gov.ce.sps.suas.<serviço>.<fato>.v<n>"},
        "ce_time": {"type": "string", "format": "date-time"},
        "ce_subject": {"type": "string", "description": "IBGE7 do município ou id da unidade"},
        "ce_correlationid": {"type": "string", "description": "Correlation id da requisição de origem"},
        "content-type": {"type": "string", "const": "application/json"},
    },
}


def _id_mensagem(evento: type[Evento]) -> str:
    return evento.nome_versionado().replace(".", "_")


def gerar_asyncapi(servico: str, catalogo: Catalogo = CATALOGO, versao: str = "1.0.0") -> dict[str, Any]:
    produzidos = catalogo.produzidos_por(servico)
    consumidos = catalogo.consumidos_por(servico)
    topicos: list[Topico] = [*produzidos, *(t for t in consumidos if t not in produzidos)]
    eventos = sorted({e for t in topicos for e in t.eventos}, key=lambda e: e.tipo())
    _, esquemas = models_json_schema(
        [(e, "serialization") for e in eventos], ref_template="#/components/schemas/{model}"
    )
    canais: dict[str, Any] = {}
    operacoes: dict[str, Any] = {}
    mensagens: dict[str, Any] = {}
    for evento in eventos:
        mensagens[_id_mensagem(evento)] = {
            "name": evento.nome_versionado(),
            "title": evento.tipo(),
            "summary": evento.descricao,
            "contentType": "application/json",
            "headers": CABECALHOS_CLOUDEVENTS,
            "payload": {"$ref": f"#/components/schemas/{evento.__name__}"},
            "bindings": {
                "kafka": {"key": {"type": "string", "description": "IBGE7 do município (partição)"}}
            },
        }
    for topico in topicos:
        canal = topico.nome.replace(".", "_")
        canais[canal] = {
            "address": topico.nome,
            "description": topico.descricao,
            "messages": {
                _id_mensagem(e): {"$ref": f"#/components/messages/{_id_mensagem(e)}"} for e in topico.eventos
            },
            "bindings": {
                "kafka": {
                    "topic": topico.nome,
                    "partitions": topico.particoes,
                    "topicConfiguration": {
                        "retention.ms": topico.retencao_dias * 86_400_000 if topico.retencao_dias > 0 else -1
                    },
                }
            },
        }
        acao = "send" if topico.produtor == servico else "receive"
        operacoes[f"{'publicar' if acao == 'send' else 'consumir'}_{canal}"] = {
            "action": acao,
            "channel": {"$ref": f"#/channels/{canal}"},
            "summary": ("Publica" if acao == "send" else "Consome") + f" {topico.nome}",
            "messages": [{"$ref": f"#/channels/{canal}/messages/{_id_mensagem(e)}"} for e in topico.eventos],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": f"SUAS-CE — eventos do serviço {servico}",
            "version": versao,
            "description": (
                "Eventos CloudEvents 1.0 (modo binário) no Apache Kafka. A chave do registro é o IBGE7 do "
                "município, para manter a ordem dos fatos de cada município. Registros que não podem ser "
                "processados vão para `<tópico>.dlq` com os cabeçalhos `dlq_motivo` e `dlq_detalhe`."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "kafka": {
                "host": "kafka:9092",
                "protocol": "kafka",
                "description": "Apache Kafka (Strimzi/KRaft)",
            }
        },
        "channels": canais,
        "operations": operacoes,
        "components": {"messages": mensagens, "schemas": esquemas.get("$defs", {})},
    }
