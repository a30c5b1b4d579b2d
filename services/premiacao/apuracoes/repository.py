from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.premiacao.apuracoes.models import Apuracao, ApuracaoCras


async def obter(sessao: AsyncSession, apuracao_id: str) -> Apuracao | None:
    return await sessao.get(Apuracao, apuracao_id)


async def listar(sessao: AsyncSession, exercicio: int) -> list[Apuracao]:
    return list(
        await sessao.scalars(
            select(Apuracao).where(Apuracao.exercicio == exercicio).order_by(Apuracao.criada_em.desc())
        )
    )


async def publicada_vigente(sessao: AsyncSession, exercicio: int) -> Apuracao | None:
    return await sessao.scalar(
        select(Apuracao).where(
            Apuracao.exercicio == exercicio,
            Apuracao.situacao == "publicada",
            Apuracao.substituida_por.is_(None),
        )
    )


async def inserir(sessao: AsyncSession, apuracao: Apuracao, linhas: list[dict[str, Any]]) -> None:
    sessao.add(apuracao)
    await sessao.flush()
    if linhas:
        await sessao.execute(insert(ApuracaoCras), linhas)


async def linhas(
    sessao: AsyncSession,
    apuracao_id: str,
    *,
    ibge7: str | None = None,
    premiado: bool | None = None,
    apto: bool | None = None,
    pagina: int = 1,
    tamanho: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    filtros = [ApuracaoCras.apuracao_id == apuracao_id]
    if ibge7 is not None:
        filtros.append(ApuracaoCras.ibge7 == ibge7)
    if premiado is not None:
        filtros.append(ApuracaoCras.premiado.is_(premiado))
    if apto is not None:
        filtros.append(ApuracaoCras.apto.is_(apto))
    total = await sessao.scalar(select(func.count()).select_from(ApuracaoCras).where(*filtros)) or 0
    consulta = select(ApuracaoCras.linha).where(*filtros).order_by(ApuracaoCras.ordem)
    if tamanho is not None:
        consulta = consulta.offset((pagina - 1) * tamanho).limit(tamanho)
    return list(await sessao.scalars(consulta)), total


async def linha(sessao: AsyncSession, apuracao_id: str, id_cras: str) -> dict[str, Any] | None:
    return await sessao.scalar(
        select(ApuracaoCras.linha).where(
            ApuracaoCras.apuracao_id == apuracao_id, ApuracaoCras.id_cras == id_cras
        )
    )


async def linha_na_ordem(sessao: AsyncSession, apuracao_id: str, ordem: int) -> dict[str, Any] | None:
    return await sessao.scalar(
        select(ApuracaoCras.linha).where(ApuracaoCras.apuracao_id == apuracao_id, ApuracaoCras.ordem == ordem)
    )


async def ultimo_premiado(sessao: AsyncSession, apuracao_id: str) -> dict[str, Any] | None:
    return await sessao.scalar(
        select(ApuracaoCras.linha)
        .where(ApuracaoCras.apuracao_id == apuracao_id, ApuracaoCras.premiado.is_(True))
        .order_by(ApuracaoCras.ordem.desc())
        .limit(1)
    )
