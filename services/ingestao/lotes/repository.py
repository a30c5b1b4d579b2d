from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.ingestao.lotes.models import Lote


async def por_checksum(sessao: AsyncSession, *, tipo: str, periodo: str, sha256: str) -> Lote | None:
    resultado: Lote | None = await sessao.scalar(
        select(Lote).where(Lote.tipo == tipo, Lote.periodo == periodo, Lote.sha256 == sha256)
    )
    return resultado


async def obter(sessao: AsyncSession, lote_id: str) -> Lote | None:
    return await sessao.get(Lote, lote_id)


async def listar(
    sessao: AsyncSession, *, tipo: str | None, ano: int | None, pagina: int, tamanho: int
) -> tuple[list[Lote], int]:
    filtro = select(Lote)
    if tipo:
        filtro = filtro.where(Lote.tipo == tipo)
    if ano is not None:
        filtro = filtro.where(Lote.ano_referencia == ano)
    total = await sessao.scalar(select(func.count()).select_from(filtro.subquery())) or 0
    itens = await sessao.scalars(
        filtro.order_by(Lote.recebido_em.desc()).offset((pagina - 1) * tamanho).limit(tamanho)
    )
    return list(itens), total


def adicionar(sessao: AsyncSession, lote: Lote) -> None:
    sessao.add(lote)
