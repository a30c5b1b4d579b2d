"""Todo o SQL das parcelas. Somas de dinheiro são feitas em Decimal no serviço: no SQLite o valor é texto, e o
SUM do banco o converteria em ponto flutuante."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.parcelas.models import GeracaoParcelas, Parcela, PendenciaParcela


@dataclass(frozen=True)
class FiltrosParcelas:
    ibge7: str | None = None
    mes: int | None = None
    bloco: str | None = None
    situacao: str | None = None


def adicionar(sessao: AsyncSession, *objetos: object) -> None:
    sessao.add_all(objetos)


async def remover(sessao: AsyncSession, objeto: object) -> None:
    await sessao.delete(objeto)


async def parcela(sessao: AsyncSession, parcela_id: str, *, para_alterar: bool = False) -> Parcela | None:
    """`para_alterar` trava a linha (PostgreSQL): pagamento e nova geração da mesma parcela não se cruzam."""
    consulta = select(Parcela).where(Parcela.id == parcela_id)
    if para_alterar:
        consulta = consulta.with_for_update()
    return await sessao.scalar(consulta)


async def do_exercicio_para_alterar(sessao: AsyncSession, exercicio: int) -> list[Parcela]:
    return list(await sessao.scalars(select(Parcela).where(Parcela.exercicio == exercicio).with_for_update()))


async def listar(
    sessao: AsyncSession,
    exercicio: int,
    filtros: FiltrosParcelas,
    *,
    pagina: int = 1,
    tamanho: int | None = None,
) -> tuple[int, list[Parcela]]:
    condicoes: list[Any] = [Parcela.exercicio == exercicio]
    if filtros.ibge7 is not None:
        condicoes.append(Parcela.ibge7 == filtros.ibge7)
    if filtros.mes is not None:
        condicoes.append(Parcela.mes == filtros.mes)
    if filtros.bloco is not None:
        condicoes.append(Parcela.bloco == filtros.bloco)
    if filtros.situacao is not None:
        condicoes.append(Parcela.situacao == filtros.situacao)
    total = await sessao.scalar(select(func.count()).select_from(Parcela).where(*condicoes)) or 0
    consulta = select(Parcela).where(*condicoes).order_by(Parcela.ibge7, Parcela.bloco, Parcela.mes)
    if tamanho is not None:
        consulta = consulta.offset((pagina - 1) * tamanho).limit(tamanho)
    return total, list(await sessao.scalars(consulta))


async def ultima_geracao(sessao: AsyncSession, exercicio: int) -> GeracaoParcelas | None:
    return await sessao.scalar(
        select(GeracaoParcelas)
        .where(GeracaoParcelas.exercicio == exercicio)
        .order_by(GeracaoParcelas.id.desc())
        .limit(1)
    )


async def pendencias(
    sessao: AsyncSession, geracao_id: int, *, ibge7: str | None = None, bloco: str | None = None
) -> list[PendenciaParcela]:
    consulta = select(PendenciaParcela).where(PendenciaParcela.geracao_id == geracao_id)
    if ibge7 is not None:
        consulta = consulta.where(PendenciaParcela.ibge7 == ibge7)
    if bloco is not None:
        consulta = consulta.where(PendenciaParcela.bloco == bloco)
    return list(await sessao.scalars(consulta.order_by(PendenciaParcela.ibge7, PendenciaParcela.bloco)))
