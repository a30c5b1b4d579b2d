from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.sancoes.models import HistoricoSancao, Sancao


async def suspensos(sessao: AsyncSession) -> frozenset[str]:
    """Municípios com algum bloco suspenso: ficam fora das expansões (ato SPS 2023, Art. 13, II)."""
    return frozenset(await sessao.scalars(select(Sancao.ibge7).where(Sancao.estado == "suspenso")))


async def estados(sessao: AsyncSession) -> dict[tuple[str, str], str]:
    return {(s.ibge7, s.bloco): s.estado for s in await sessao.scalars(select(Sancao))}


async def sancao(
    sessao: AsyncSession, ibge7: str, bloco: str, *, para_alterar: bool = False
) -> Sancao | None:
    consulta = select(Sancao).where(Sancao.ibge7 == ibge7, Sancao.bloco == bloco)
    if para_alterar:
        consulta = consulta.with_for_update()
    return await sessao.scalar(consulta)


async def historico(sessao: AsyncSession, ibge7: str) -> list[HistoricoSancao]:
    return list(
        await sessao.scalars(
            select(HistoricoSancao).where(HistoricoSancao.ibge7 == ibge7).order_by(HistoricoSancao.id)
        )
    )


async def do_bloqueio(sessao: AsyncSession, bloqueio_id: str) -> list[Sancao]:
    return list(await sessao.scalars(select(Sancao).where(Sancao.bloqueio_id == bloqueio_id)))


async def do_municipio(sessao: AsyncSession, ibge7: str) -> list[Sancao]:
    return list(await sessao.scalars(select(Sancao).where(Sancao.ibge7 == ibge7).order_by(Sancao.bloco)))
