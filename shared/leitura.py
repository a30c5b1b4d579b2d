"""Tratador genérico de modelo de leitura: cada evento vira a linha vigente da sua chave."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from shared.consumidor import Tratador
from shared.db import gravar_vigentes
from shared.eventos.base import Evento
from shared.eventos.envelope import EventoRecebido
from shared.outbox import UnidadeDeTrabalho


def tratador_vigente(modelo: type[Any], linha: Callable[[Any], dict[str, Any]] | None = None) -> Tratador:
    """Grava cada evento como a versão vigente da sua chave; os eventos de um município chegam em ordem.

    Sem `linha`, a linha da tabela são os campos do evento que têm coluna com o mesmo nome.
    """
    colunas = {c.name for c in modelo.__table__.columns}

    def copiar(evento: Evento) -> dict[str, Any]:
        return evento.model_dump(include=colunas)

    converter = linha or copiar

    async def tratar(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
        await gravar_vigentes(uow.sessao, modelo, [converter(e.corpo) for e in eventos])

    return tratar
