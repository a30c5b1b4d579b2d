from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoramento.alertas.models import Alerta, Unidade
from shared.db import gravar_vigentes, inserir_novos


async def gravar_unidades(sessao: AsyncSession, linhas: list[dict[str, Any]]) -> None:
    await gravar_vigentes(sessao, Unidade, linhas)


async def gravar_alertas(sessao: AsyncSession, linhas: list[dict[str, Any]]) -> None:
    """O mesmo dado reenviado não cria outro alerta, nem reabre um descartado ou convertido."""
    await inserir_novos(sessao, Alerta, linhas, chaves=["regra", "id_unidade", "ano"])


async def alerta(sessao: AsyncSession, alerta_id: str, *, para_alterar: bool = False) -> Alerta | None:
    consulta = select(Alerta).where(Alerta.id == alerta_id)
    if para_alterar:
        consulta = consulta.with_for_update()
    return await sessao.scalar(consulta)


async def listar(
    sessao: AsyncSession,
    *,
    ibge7: str | None,
    situacao: str | None,
    regra: str | None,
    ano: int | None,
    pagina: int,
    tamanho: int,
) -> tuple[int, list[tuple[Alerta, str | None]]]:
    condicoes = [
        c
        for c in (
            Alerta.ibge7 == ibge7 if ibge7 else None,
            Alerta.situacao == situacao if situacao else None,
            Alerta.regra == regra if regra else None,
            Alerta.ano == ano if ano else None,
        )
        if c is not None
    ]
    total = await sessao.scalar(select(func.count()).select_from(Alerta).where(*condicoes)) or 0
    linhas = await sessao.execute(
        select(Alerta, Unidade.nome)
        .outerjoin(Unidade, Unidade.id_unidade == Alerta.id_unidade)
        .where(*condicoes)
        .order_by(Alerta.ibge7, Alerta.ano.desc(), Alerta.regra, Alerta.id_unidade)
        .offset((pagina - 1) * tamanho)
        .limit(tamanho)
    )
    return total, [(a, n) for a, n in linhas]


async def nome_unidade(sessao: AsyncSession, id_unidade: str) -> str | None:
    return await sessao.scalar(select(Unidade.nome).where(Unidade.id_unidade == id_unidade))


async def abertos_por_municipio(sessao: AsyncSession, ibge7: str) -> int:
    return (
        await sessao.scalar(
            select(func.count()).select_from(Alerta).where(Alerta.ibge7 == ibge7, Alerta.situacao == "aberto")
        )
        or 0
    )


async def unidades_por_tipo(sessao: AsyncSession, ibge7: str) -> dict[str, int]:
    linhas = await sessao.execute(
        select(Unidade.tipo, func.count()).where(Unidade.ibge7 == ibge7).group_by(Unidade.tipo)
    )
    return {t: int(n) for t, n in linhas}


async def alertas_do_ano(sessao: AsyncSession, ibge7: str, ano: int) -> dict[str, int]:
    linhas = await sessao.execute(
        select(Alerta.regra, func.count())
        .where(Alerta.ibge7 == ibge7, Alerta.ano == ano)
        .group_by(Alerta.regra)
    )
    return {r: int(n) for r, n in linhas}
