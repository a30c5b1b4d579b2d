"""Todo o SQL do Plano de Ação."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.models import Municipio
from services.cofinanciamento.plano_acao.models import (
    HistoricoPlanoAcao,
    PlanoAcaoExercicio,
    PlanoAcaoMunicipio,
    UsoPlanejado,
)
from shared.db import inserir_em_massa


def adicionar(sessao: AsyncSession, *objetos: object) -> None:
    sessao.add_all(objetos)


async def exercicio(
    sessao: AsyncSession, ano: int, *, para_alterar: bool = False
) -> PlanoAcaoExercicio | None:
    """`para_alterar` trava o exercício: o prazo lido vale até o commit, e dois primeiros preenchimentos
    do mesmo município não se cruzam (o segundo espera e já encontra o plano gravado)."""
    consulta = select(PlanoAcaoExercicio).where(PlanoAcaoExercicio.exercicio == ano)
    if para_alterar:
        consulta = consulta.with_for_update()
    return await sessao.scalar(consulta)


async def plano(
    sessao: AsyncSession, ano: int, ibge7: str, *, para_alterar: bool = False
) -> PlanoAcaoMunicipio | None:
    consulta = select(PlanoAcaoMunicipio).where(
        PlanoAcaoMunicipio.exercicio == ano, PlanoAcaoMunicipio.ibge7 == ibge7
    )
    if para_alterar:
        consulta = consulta.with_for_update()
    return await sessao.scalar(consulta)


async def planos(sessao: AsyncSession, ano: int) -> list[PlanoAcaoMunicipio]:
    return list(
        await sessao.scalars(
            select(PlanoAcaoMunicipio)
            .where(PlanoAcaoMunicipio.exercicio == ano)
            .order_by(PlanoAcaoMunicipio.ibge7)
        )
    )


async def municipios_com_planos(
    sessao: AsyncSession, ano: int
) -> list[tuple[str, str | None, PlanoAcaoMunicipio | None]]:
    """(ibge7, nome, plano ou None) de todo município da referência, e de quem preencheu sem estar nela."""
    referencia = {
        ibge7: nome for ibge7, nome in await sessao.execute(select(Municipio.ibge7, Municipio.nome))
    }
    preenchidos = {p.ibge7: p for p in await planos(sessao, ano)}
    return [
        (ibge7, referencia.get(ibge7), preenchidos.get(ibge7))
        for ibge7 in sorted(referencia.keys() | preenchidos.keys())
    ]


async def usos(sessao: AsyncSession, ano: int, ibge7: str) -> list[UsoPlanejado]:
    return list(
        await sessao.scalars(
            select(UsoPlanejado)
            .where(UsoPlanejado.exercicio == ano, UsoPlanejado.ibge7 == ibge7)
            .order_by(UsoPlanejado.linha)
        )
    )


async def substituir_usos(sessao: AsyncSession, ano: int, ibge7: str, linhas: list[dict[str, Any]]) -> None:
    await sessao.flush()  # o plano novo precisa existir antes dos usos (chave estrangeira)
    await sessao.execute(
        delete(UsoPlanejado).where(UsoPlanejado.exercicio == ano, UsoPlanejado.ibge7 == ibge7)
    )
    await inserir_em_massa(sessao, UsoPlanejado, linhas)


async def historico(sessao: AsyncSession, ano: int, ibge7: str) -> list[HistoricoPlanoAcao]:
    return list(
        await sessao.scalars(
            select(HistoricoPlanoAcao)
            .where(HistoricoPlanoAcao.exercicio == ano, HistoricoPlanoAcao.ibge7 == ibge7)
            .order_by(HistoricoPlanoAcao.id)
        )
    )
