"""Contexto da requisição ou do evento em curso: o correlation id que atravessa HTTP e Kafka."""

from __future__ import annotations

import json
import logging
import sys
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def novo_correlation_id() -> str:
    return uuid.uuid4().hex


def correlation_id_atual() -> str:
    """O correlation id em curso; cria um se nada o definiu (ex.: comando de linha)."""
    atual = correlation_id.get()
    if atual is None:
        atual = novo_correlation_id()
        correlation_id.set(atual)
    return atual


class FormatadorJson(logging.Formatter):
    """Uma linha JSON por registro, com serviço e correlation id, para agregadores de log."""

    def __init__(self, servico: str) -> None:
        super().__init__()
        self.servico = servico

    def format(self, record: logging.LogRecord) -> str:
        dados: dict[str, object] = {
            "momento": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "nivel": record.levelname,
            "servico": self.servico,
            "logger": record.name,
            "mensagem": record.getMessage(),
        }
        if cid := correlation_id.get():
            dados["correlation_id"] = cid
        extras = getattr(record, "dados", None)
        if isinstance(extras, dict):
            dados.update(extras)
        if record.exc_info:
            dados["excecao"] = self.formatException(record.exc_info)
        return json.dumps(dados, ensure_ascii=False, default=str)


def configurar_logs(servico: str, nivel: str = "INFO") -> None:
    tratador = logging.StreamHandler(sys.stdout)
    tratador.setFormatter(FormatadorJson(servico))
    raiz = logging.getLogger()
    raiz.handlers[:] = [tratador]
    raiz.setLevel(nivel)
    # O acesso HTTP é registrado pelo middleware da aplicação, com o correlation id.
    logging.getLogger("uvicorn.access").disabled = True
    for nome in ("uvicorn", "uvicorn.error", "aiokafka"):
        logging.getLogger(nome).handlers[:] = []
        logging.getLogger(nome).propagate = True
    logging.getLogger("aiokafka").setLevel("WARNING")
