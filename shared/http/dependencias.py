"""Dependências das rotas: unidade de trabalho, sessão de leitura e relógio do serviço."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from shared.db import marcar_somente_leitura
from shared.outbox import UnidadeDeTrabalho


async def _uow(request: Request) -> AsyncIterator[UnidadeDeTrabalho]:
    async with request.app.state.runtime.nova_uow() as uow:
        yield uow


async def _sessao(request: Request) -> AsyncIterator[AsyncSession]:
    """Sessão das consultas: só lê, e por isso não espera por quem está escrevendo."""
    async with request.app.state.runtime.fabrica_sessoes() as sessao:
        await marcar_somente_leitura(sessao)
        yield sessao


UoWDep = Annotated[UnidadeDeTrabalho, Depends(_uow)]
SessaoDep = Annotated[AsyncSession, Depends(_sessao)]


def _relogio(request: Request) -> datetime:
    momento: datetime = request.app.state.runtime.relogio()
    return momento


RelogioDep = Annotated[datetime, Depends(_relogio)]
