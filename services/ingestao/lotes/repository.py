from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.ingestao.lotes.models import Lote


async def por_checksum(sessao: AsyncSession, *, tipo: str, sha256: str) -> Lote | None:
    resultado: Lote | None = await sessao.scalar(select(Lote).where(Lote.tipo == tipo, Lote.sha256 == sha256))
    return resultado


async def obter(sessao: AsyncSession, lote_id: str) -> Lote | None:
    return await sessao.get(Lote, lote_id)


def adicionar(sessao: AsyncSession, lote: Lote) -> None:
    sessao.add(lote)
