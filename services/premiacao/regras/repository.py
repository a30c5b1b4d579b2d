from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.premiacao.regras.models import VersaoRegras


async def vigente(sessao: AsyncSession, exercicio: int) -> VersaoRegras | None:
    return await sessao.scalar(
        select(VersaoRegras)
        .where(VersaoRegras.exercicio == exercicio)
        .order_by(VersaoRegras.versao.desc())
        .limit(1)
    )


async def versao(sessao: AsyncSession, exercicio: int, numero: int) -> VersaoRegras | None:
    return await sessao.get(VersaoRegras, (exercicio, numero))


async def historico(sessao: AsyncSession, exercicio: int) -> list[VersaoRegras]:
    return list(
        await sessao.scalars(
            select(VersaoRegras).where(VersaoRegras.exercicio == exercicio).order_by(VersaoRegras.versao)
        )
    )


def adicionar(sessao: AsyncSession, versao: VersaoRegras) -> None:
    sessao.add(versao)
