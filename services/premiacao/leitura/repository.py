"""Consultas e gravações da leitura (todo o SQL da leitura fica aqui)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.premiacao.dominio.regras import CAMPOS_RMA_SCFV, FAIXAS_SISC
from services.premiacao.leitura.models import (
    CensoCras,
    Idcras,
    PlanoProvidencias,
    PlanoProvidenciasSituacao,
    RmaScfv,
    Sisc,
)
from services.premiacao.models import Municipio
from shared.db import gravar_vigentes
from shared.eventos.esquemas import PlanoProvidenciasEvento


async def registrar_planos(sessao: AsyncSession, eventos: Sequence[PlanoProvidenciasEvento]) -> None:
    if not eventos:
        return
    atuais = {
        p.plano_id: p.versao
        for p in await sessao.scalars(
            select(PlanoProvidencias).where(PlanoProvidencias.plano_id.in_({e.plano_id for e in eventos}))
        )
    }
    mais_novos: dict[str, PlanoProvidenciasEvento] = {}
    for evento in eventos:
        vigente = mais_novos.get(evento.plano_id)
        if evento.versao_plano > atuais.get(evento.plano_id, 0) and (
            vigente is None or evento.versao_plano > vigente.versao_plano
        ):
            mais_novos[evento.plano_id] = evento
    await gravar_vigentes(
        sessao,
        PlanoProvidencias,
        [
            {
                "plano_id": e.plano_id,
                "ibge7": e.ibge7,
                "unidades": list(e.unidades),
                "situacao": e.situacao,
                "versao": e.versao_plano,
            }
            for e in mais_novos.values()
        ],
    )
    await gravar_vigentes(
        sessao,
        PlanoProvidenciasSituacao,
        [
            {
                "plano_id": e.plano_id,
                "versao": e.versao_plano,
                "situacao": e.situacao,
                "desde": e.situacao_desde,
            }
            for e in eventos
        ],
    )


@dataclass(frozen=True)
class RmaDoAno:
    """Soma de cada campo do SCFV no ano (None = nenhum mês informou o campo) e quantos meses chegaram."""

    id_cras: str
    ano: int
    ibge7: str
    meses: int
    somas: dict[str, int | None]


def _rma_por_ano(*filtros: Any) -> Select[Any]:
    campos = [getattr(RmaScfv, c) for c in CAMPOS_RMA_SCFV]
    return (
        select(
            RmaScfv.id_cras,
            RmaScfv.ano,
            func.min(RmaScfv.ibge7),
            func.count(),
            *(func.sum(c) for c in campos),
        )
        .where(*filtros)
        .group_by(RmaScfv.id_cras, RmaScfv.ano)
        .order_by(RmaScfv.id_cras, RmaScfv.ano)
    )


async def _rma(sessao: AsyncSession, *filtros: Any) -> list[RmaDoAno]:
    return [
        RmaDoAno(
            id_cras=linha[0],
            ano=linha[1],
            ibge7=linha[2],
            meses=linha[3],
            somas={
                c: (None if v is None else int(v)) for c, v in zip(CAMPOS_RMA_SCFV, linha[4:], strict=True)
            },
        )
        for linha in await sessao.execute(_rma_por_ano(*filtros))
    ]


def _colunas(modelo: type[Any]) -> list[Any]:
    return list(modelo.__table__.columns)


@dataclass(frozen=True)
class SiscDoAno:
    """SISC de um CRAS no ano, somado no banco: quantos meses chegaram, usuários por faixa etária (só as faixas
    que chegaram) e, dos registros com capacidade informada, usuários e capacidade (None = nenhum a informou)."""

    id_cras: str
    ano: int
    ibge7: str
    meses: int
    usuarios_por_faixa: dict[str, int]
    usuarios_com_capacidade: int
    capacidade: int | None


def _sisc_por_ano(*filtros: Any) -> Select[Any]:
    # Uma linha por CRAS e ano, não uma por mês e faixa (centenas de milhares em escala nacional); agrupar pelo
    # prefixo da chave primária deixa o banco somar em ordem, sem tabela temporária.
    usuarios = Sisc.usuarios_atendidos
    colunas: list[Any] = [
        Sisc.id_cras,
        Sisc.ano,
        func.min(Sisc.ibge7),
        func.count(distinct(Sisc.mes)),
        *(func.sum(case((Sisc.faixa_etaria == faixa, usuarios))) for faixa in FAIXAS_SISC),
        func.sum(case((Sisc.capacidade_atendimento.is_not(None), usuarios))),
        func.sum(Sisc.capacidade_atendimento),
    ]
    return select(*colunas).where(*filtros).group_by(Sisc.id_cras, Sisc.ano).order_by(Sisc.id_cras, Sisc.ano)


async def _sisc(sessao: AsyncSession, *filtros: Any) -> list[SiscDoAno]:
    return [
        SiscDoAno(
            id_cras=linha[0],
            ano=linha[1],
            ibge7=linha[2],
            meses=linha[3],
            usuarios_por_faixa={
                f: int(v) for f, v in zip(FAIXAS_SISC, linha[4:-2], strict=True) if v is not None
            },
            usuarios_com_capacidade=int(linha[-2] or 0),
            capacidade=None if linha[-1] is None else int(linha[-1]),
        )
        for linha in await sessao.execute(_sisc_por_ano(*filtros))
    ]


async def _linhas(sessao: AsyncSession, consulta: Select[Any]) -> list[Any]:
    """Linhas com atributos pelos nomes das colunas, sem montar objetos do ORM (dezenas de milhares por apuração)."""
    return list(await sessao.execute(consulta))


@dataclass(frozen=True)
class DadosBrutos:
    """O que a leitura tem para os anos de uma apuração."""

    municipios: dict[str, str]
    censo: list[CensoCras]  # ou linhas com as mesmas colunas
    idcras: list[Idcras]
    rma: list[RmaDoAno]
    sisc: list[SiscDoAno]
    planos: list[PlanoProvidencias]
    situacoes: list[PlanoProvidenciasSituacao]


async def dados_dos_anos(sessao: AsyncSession, anos: Sequence[int]) -> DadosBrutos:
    return DadosBrutos(
        municipios={
            ibge7: nome for ibge7, nome in await sessao.execute(select(Municipio.ibge7, Municipio.nome))
        },
        censo=await _linhas(sessao, select(*_colunas(CensoCras)).order_by(CensoCras.id_cras, CensoCras.ano)),
        idcras=await _linhas(sessao, select(*_colunas(Idcras)).where(Idcras.ano.in_(anos))),
        rma=await _rma(sessao, RmaScfv.ano.in_(anos)),
        sisc=await _sisc(sessao, Sisc.ano.in_(anos)),
        planos=list(await sessao.scalars(select(PlanoProvidencias))),
        situacoes=list(await sessao.scalars(select(PlanoProvidenciasSituacao))),
    )


async def dados_do_cras(sessao: AsyncSession, id_cras: str) -> DadosBrutos:
    planos = [
        p
        for p in await sessao.scalars(select(PlanoProvidencias).order_by(PlanoProvidencias.plano_id))
        if id_cras in p.unidades
    ]
    return DadosBrutos(
        municipios={},
        censo=list(
            await sessao.scalars(
                select(CensoCras).where(CensoCras.id_cras == id_cras).order_by(CensoCras.ano)
            )
        ),
        idcras=list(
            await sessao.scalars(select(Idcras).where(Idcras.id_cras == id_cras).order_by(Idcras.ano))
        ),
        rma=await _rma(sessao, RmaScfv.id_cras == id_cras),
        sisc=await _sisc(sessao, Sisc.id_cras == id_cras),
        planos=planos,
        situacoes=[],
    )
