"""Todo o SQL das contas bancárias."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.contas.models import ContaBancaria, HistoricoConta


def adicionar(sessao: AsyncSession, *objetos: object) -> None:
    sessao.add_all(objetos)


async def conta(
    sessao: AsyncSession, ibge7: str, bloco: str, *, para_alterar: bool = False
) -> ContaBancaria | None:
    consulta = select(ContaBancaria).where(ContaBancaria.ibge7 == ibge7, ContaBancaria.bloco == bloco)
    if para_alterar:
        consulta = consulta.with_for_update()
    return await sessao.scalar(consulta)


async def por_numero(sessao: AsyncSession, banco: str, agencia: str, numero: str) -> ContaBancaria | None:
    return await sessao.scalar(
        select(ContaBancaria).where(
            ContaBancaria.banco == banco, ContaBancaria.agencia == agencia, ContaBancaria.conta == numero
        )
    )


async def do_municipio(sessao: AsyncSession, ibge7: str) -> list[ContaBancaria]:
    return list(
        await sessao.scalars(
            select(ContaBancaria).where(ContaBancaria.ibge7 == ibge7).order_by(ContaBancaria.bloco)
        )
    )


async def historico(sessao: AsyncSession, ibge7: str) -> list[HistoricoConta]:
    return list(
        await sessao.scalars(
            select(HistoricoConta).where(HistoricoConta.ibge7 == ibge7).order_by(HistoricoConta.id)
        )
    )
