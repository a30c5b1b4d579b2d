from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from shared.municipios.models import MunicipioMixin

M = TypeVar("M", bound=MunicipioMixin)


async def obter(sessao: AsyncSession, modelo: type[M], ibge7: str) -> M | None:
    return await sessao.get(modelo, ibge7)


async def listar(sessao: AsyncSession, modelo: type[M], *, pagina: int, tamanho: int) -> tuple[list[M], int]:
    total = await sessao.scalar(select(func.count()).select_from(modelo)) or 0
    itens = await sessao.scalars(
        select(modelo).order_by(modelo.ibge7).offset((pagina - 1) * tamanho).limit(tamanho)
    )
    return list(itens), total


async def por_ibge7(sessao: AsyncSession, modelo: type[M], chaves: set[str]) -> dict[str, M]:
    if not chaves:
        return {}
    return {m.ibge7: m for m in await sessao.scalars(select(modelo).where(modelo.ibge7.in_(chaves)))}


async def inserir(sessao: AsyncSession, modelo: type[MunicipioMixin], linhas: list[dict[str, Any]]) -> None:
    if linhas:
        await sessao.execute(insert(modelo), linhas)
