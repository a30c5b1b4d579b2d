"""Todo o SQL dos cálculos."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.calculos.models import Calculo, CalculoMunicipio, CalculoUnidade
from shared.db import inserir_em_massa


async def inserir(
    sessao: AsyncSession, calculo: Calculo, municipios: list[dict[str, Any]], unidades: list[dict[str, Any]]
) -> None:
    sessao.add(calculo)
    await sessao.flush()
    await inserir_em_massa(sessao, CalculoMunicipio, municipios)
    await inserir_em_massa(sessao, CalculoUnidade, unidades)


async def calculo(sessao: AsyncSession, calculo_id: str) -> Calculo | None:
    return await sessao.get(Calculo, calculo_id)


async def mesmo_calculo(sessao: AsyncSession, exercicio: int, mes: int, impressao: str) -> Calculo | None:
    return await sessao.scalar(
        select(Calculo).where(
            Calculo.exercicio == exercicio, Calculo.mes == mes, Calculo.impressao_digital == impressao
        )
    )


async def ultimo(sessao: AsyncSession, exercicio: int | None = None) -> Calculo | None:
    """O cálculo mais recente (do exercício, se dado): é o que vale para saldos, parcelas e Plano de Ação."""
    consulta = select(Calculo).order_by(Calculo.criado_em.desc(), Calculo.id.desc()).limit(1)
    if exercicio is not None:
        consulta = consulta.where(Calculo.exercicio == exercicio)
    return await sessao.scalar(consulta)


async def listar(sessao: AsyncSession, exercicio: int) -> list[Calculo]:
    return list(
        await sessao.scalars(
            select(Calculo).where(Calculo.exercicio == exercicio).order_by(Calculo.criado_em, Calculo.id)
        )
    )


async def municipios(
    sessao: AsyncSession, calculo_id: str, *, pagina: int = 1, tamanho: int | None = None
) -> tuple[int, list[CalculoMunicipio]]:
    total = (
        await sessao.scalar(
            select(func.count())
            .select_from(CalculoMunicipio)
            .where(CalculoMunicipio.calculo_id == calculo_id)
        )
        or 0
    )
    consulta = (
        select(CalculoMunicipio)
        .where(CalculoMunicipio.calculo_id == calculo_id)
        .order_by(CalculoMunicipio.ibge7)
    )
    if tamanho is not None:
        consulta = consulta.offset((pagina - 1) * tamanho).limit(tamanho)
    return total, list(await sessao.scalars(consulta))


async def municipio(sessao: AsyncSession, calculo_id: str, ibge7: str) -> CalculoMunicipio | None:
    return await sessao.get(CalculoMunicipio, (calculo_id, ibge7))


async def unidades(
    sessao: AsyncSession, calculo_id: str, *, ibge7: str | None = None, componente: str | None = None
) -> list[CalculoUnidade]:
    consulta = select(CalculoUnidade).where(CalculoUnidade.calculo_id == calculo_id)
    if ibge7 is not None:
        consulta = consulta.where(CalculoUnidade.ibge7 == ibge7)
    if componente is not None:
        consulta = consulta.where(CalculoUnidade.componente == componente)
    ordem = (
        CalculoUnidade.componente,
        CalculoUnidade.posicao.is_(None),
        CalculoUnidade.posicao,
        CalculoUnidade.ibge7,
        CalculoUnidade.id_unidade,
    )
    return list(await sessao.scalars(consulta.order_by(*ordem)))
