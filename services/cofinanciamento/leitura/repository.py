"""Todo o SQL da leitura: monta as entradas do cálculo de um exercício a partir do que chegou pelos eventos."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.dominio.entradas import (
    Conselhos,
    Cras,
    Entradas,
    IndicadorMunicipal,
    Municipio,
    Populacao,
    UnidadeAcolhimento,
    UnidadeMediaComplexidade,
)
from services.cofinanciamento.leitura import models as m
from services.cofinanciamento.models import Municipio as MunicipioLido

CONSELHOS = ("cmas", "cmdca", "conselho_tutelar", "conselho_idoso", "conselho_mulher", "conselho_pcd")


def _conselhos(c: m.ConselhosMunicipio) -> Conselhos:
    situacoes: dict[str, Any] = {campo: getattr(c, campo) for campo in CONSELHOS}
    return Conselhos(ibge7=c.ibge7, ano=c.ano, **situacoes)


async def anos_censo(sessao: AsyncSession) -> list[int]:
    return list(await sessao.scalars(select(m.CensoCras.ano).distinct().order_by(m.CensoCras.ano)))


async def entradas(
    sessao: AsyncSession, *, ano_censo: int, ano_indicadores: int, suspensos: frozenset[str]
) -> Entradas:
    """Censo SUAS de `ano_censo`; de cada indicador, o valor mais recente até `ano_indicadores`."""
    municipios = tuple(
        Municipio(
            ibge7=mun.ibge7,
            nome=mun.nome,
            populacoes=tuple(
                Populacao(p["base"], int(p["ano"]), int(p["habitantes"])) for p in mun.populacoes
            ),
        )
        for mun in await sessao.scalars(select(MunicipioLido).order_by(MunicipioLido.ibge7))
    )
    cras = tuple(
        Cras(c.id_cras, c.ibge7, c.ano, c.nome, c.familias_referenciadas)
        for c in await sessao.scalars(
            select(m.CensoCras).where(m.CensoCras.ano == ano_censo).order_by(m.CensoCras.id_cras)
        )
    )
    especiais = list(
        await sessao.scalars(
            select(m.UnidadeEspecial)
            .where(m.UnidadeEspecial.ano == ano_censo)
            .order_by(m.UnidadeEspecial.id_unidade)
        )
    )
    media = tuple(
        UnidadeMediaComplexidade(u.id_unidade, u.tipo_unidade, u.ibge7, u.ano, u.nome, u.oferta_paefi)  # type: ignore[arg-type]
        for u in especiais
        if u.tipo_unidade in ("creas", "centro_pop")
    )
    acolhimento = tuple(
        UnidadeAcolhimento(
            u.id_unidade, u.ibge7, u.ano, u.nome, u.modalidade_acolhimento, u.publico, u.capacidade
        )
        for u in especiais
        if u.tipo_unidade == "acolhimento"
    )
    conselhos = tuple(
        _conselhos(c)
        for c in await sessao.scalars(
            select(m.ConselhosMunicipio)
            .where(m.ConselhosMunicipio.ano == ano_censo)
            .order_by(m.ConselhosMunicipio.ibge7)
        )
    )
    i = m.IndicadorMunicipal
    ultimo = (
        select(i.indicador, i.ibge7, func.max(i.ano).label("ano"))
        .where(i.ano <= ano_indicadores)
        .group_by(i.indicador, i.ibge7)
        .subquery()
    )
    indicadores = tuple(
        IndicadorMunicipal(x.indicador, x.ibge7, x.ano, Decimal(x.valor), x.fonte)
        for x in await sessao.scalars(
            select(i)
            .join(
                ultimo,
                (i.indicador == ultimo.c.indicador) & (i.ibge7 == ultimo.c.ibge7) & (i.ano == ultimo.c.ano),
            )
            .order_by(i.indicador, i.ibge7)
        )
    )
    return Entradas(
        municipios=municipios,
        cras=cras,
        unidades_media=media,
        unidades_acolhimento=acolhimento,
        conselhos=conselhos,
        indicadores=indicadores,
        suspensos=suspensos,
    )


async def saldo_mais_recente(sessao: AsyncSession, ibge7: str, bloco_no_saldo: str) -> m.SaldoConta | None:
    s = m.SaldoConta
    return await sessao.scalar(
        select(s)
        .where(s.ibge7 == ibge7, s.bloco == bloco_no_saldo)
        .order_by(s.ano.desc(), s.mes.desc())
        .limit(1)
    )


async def plano_do_bloqueio(sessao: AsyncSession, bloqueio_id: str) -> m.PlanoProvidencias | None:
    return await sessao.scalar(
        select(m.PlanoProvidencias).where(m.PlanoProvidencias.bloqueio_id == bloqueio_id)
    )


ORDEM_DOS_DADOS: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    "cras": (m.CensoCras, ("ano", "id_cras")),
    "unidades": (m.UnidadeEspecial, ("ano", "id_unidade")),
    "conselhos": (m.ConselhosMunicipio, ("ano",)),
    "indicadores": (m.IndicadorMunicipal, ("indicador", "ano")),
    "saldos": (m.SaldoConta, ("bloco", "ano", "mes")),
}


async def dados_do_municipio(sessao: AsyncSession, ibge7: str) -> dict[str, list[Any]]:
    """Tudo o que chegou de um município, de todos os anos (para conferir antes de calcular)."""
    return {
        nome: list(
            await sessao.scalars(
                select(modelo).where(modelo.ibge7 == ibge7).order_by(*(getattr(modelo, c) for c in ordem))
            )
        )
        for nome, (modelo, ordem) in ORDEM_DOS_DADOS.items()
    }
