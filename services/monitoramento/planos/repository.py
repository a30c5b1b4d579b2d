"""Todo o SQL dos planos."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoramento.dominio.ciclo import SITUACOES_FINAIS, SituacaoAcao, SituacaoPlano
from services.monitoramento.models import Municipio
from services.monitoramento.planos.models import (
    Acao,
    AcaoApoio,
    Acompanhamento,
    Deliberacao,
    Dificuldade,
    InstituicaoLocal,
    PlanoApoio,
    PlanoProvidencias,
    RegistroHistorico,
)

FINAIS = [s.value for s in SITUACOES_FINAIS]


def adicionar(sessao: AsyncSession, *objetos: object) -> None:
    sessao.add_all(objetos)


async def remover(sessao: AsyncSession, objeto: object) -> None:
    await sessao.delete(objeto)


async def plano(
    sessao: AsyncSession, plano_id: str, *, para_alterar: bool = False
) -> PlanoProvidencias | None:
    """`para_alterar` trava a linha (PostgreSQL): a conferência da versão e a gravação não se cruzam."""
    consulta = select(PlanoProvidencias).where(PlanoProvidencias.id == plano_id)
    if para_alterar:
        consulta = consulta.with_for_update()
    return await sessao.scalar(consulta)


async def plano_apoio(
    sessao: AsyncSession, plano_id: str, *, para_alterar: bool = False
) -> PlanoApoio | None:
    consulta = select(PlanoApoio).where(PlanoApoio.id == plano_id)
    if para_alterar:
        consulta = consulta.with_for_update()
    return await sessao.scalar(consulta)


async def plano_do_bloqueio(sessao: AsyncSession, bloqueio_id: str) -> PlanoProvidencias | None:
    return await sessao.scalar(select(PlanoProvidencias).where(PlanoProvidencias.bloqueio_id == bloqueio_id))


async def dificuldades(sessao: AsyncSession, plano_id: str) -> list[Dificuldade]:
    return list(
        await sessao.scalars(
            select(Dificuldade).where(Dificuldade.plano_id == plano_id).order_by(Dificuldade.ordem)
        )
    )


async def acoes(sessao: AsyncSession, plano_id: str) -> list[Acao]:
    return list(await sessao.scalars(select(Acao).where(Acao.plano_id == plano_id).order_by(Acao.ordem)))


async def acoes_apoio(sessao: AsyncSession, plano_apoio_id: str) -> list[AcaoApoio]:
    return list(
        await sessao.scalars(
            select(AcaoApoio).where(AcaoApoio.plano_apoio_id == plano_apoio_id).order_by(AcaoApoio.ordem)
        )
    )


async def dificuldades_com_apoio(sessao: AsyncSession, ids: Sequence[str]) -> set[str]:
    """Dificuldades que alguma ação de plano de apoio enfrenta (não podem sair do plano)."""
    if not ids:
        return set()
    return set(
        await sessao.scalars(select(AcaoApoio.dificuldade_id).where(AcaoApoio.dificuldade_id.in_(ids)))
    )


async def deliberacoes(sessao: AsyncSession, plano_id: str) -> list[Deliberacao]:
    return list(
        await sessao.scalars(
            select(Deliberacao).where(Deliberacao.plano_id == plano_id).order_by(Deliberacao.registrada_em)
        )
    )


async def acompanhamentos(sessao: AsyncSession, plano_id: str) -> list[Acompanhamento]:
    return list(
        await sessao.scalars(
            select(Acompanhamento)
            .where(Acompanhamento.plano_id == plano_id)
            .order_by(Acompanhamento.data, Acompanhamento.registrado_em)
        )
    )


async def historico(sessao: AsyncSession, plano_id: str) -> list[RegistroHistorico]:
    return list(
        await sessao.scalars(
            select(RegistroHistorico)
            .where(RegistroHistorico.plano_id == plano_id)
            .order_by(RegistroHistorico.id)
        )
    )


async def planos_apoio_de(sessao: AsyncSession, plano_id: str) -> list[str]:
    return list(
        await sessao.scalars(
            select(PlanoApoio.id)
            .where(PlanoApoio.plano_providencias_id == plano_id)
            .order_by(PlanoApoio.criado_em)
        )
    )


async def nome_municipio(sessao: AsyncSession, ibge7: str) -> str | None:
    return await sessao.scalar(select(Municipio.nome).where(Municipio.ibge7 == ibge7))


async def instituicao(sessao: AsyncSession, instituicao_id: str) -> InstituicaoLocal | None:
    return await sessao.get(InstituicaoLocal, instituicao_id)


async def instituicao_por_cnpj(sessao: AsyncSession, cnpj: str) -> InstituicaoLocal | None:
    return await sessao.scalar(select(InstituicaoLocal).where(InstituicaoLocal.cnpj == cnpj))


async def instituicoes(sessao: AsyncSession, ibge7: str | None) -> list[InstituicaoLocal]:
    consulta = select(InstituicaoLocal).order_by(InstituicaoLocal.ibge7, InstituicaoLocal.nome)
    if ibge7:
        consulta = consulta.where(InstituicaoLocal.ibge7 == ibge7)
    return list(await sessao.scalars(consulta))


@dataclass(frozen=True)
class Visibilidade:
    """O que o usuário pode ver: um só município (ou todos) e se enxerga rascunhos."""

    ibge7: str | None
    ve_rascunhos: bool
    rascunhos_so_do_municipio: str | None = None


@dataclass(frozen=True)
class FiltrosPlanos:
    situacao: str | None = None
    ibge7: str | None = None
    origem: str | None = None
    atrasado: bool | None = None
    exigido: bool | None = None
    ativo: bool | None = None


def _atrasado(hoje: date) -> Any:
    acao_atrasada = exists().where(
        Acao.plano_id == PlanoProvidencias.id,
        Acao.prazo < hoje,
        Acao.situacao != SituacaoAcao.executada.value,
    )
    return and_(
        PlanoProvidencias.situacao.not_in(FINAIS),
        or_(acao_atrasada, PlanoProvidencias.prazo < hoje),
    )


async def listar_planos(
    sessao: AsyncSession,
    *,
    filtros: FiltrosPlanos,
    visibilidade: Visibilidade,
    hoje: date,
    pagina: int,
    tamanho: int | None,
) -> tuple[int, list[PlanoProvidencias]]:
    condicoes: list[Any] = []
    if visibilidade.ibge7:
        condicoes.append(PlanoProvidencias.ibge7 == visibilidade.ibge7)
    if not visibilidade.ve_rascunhos:
        condicoes.append(PlanoProvidencias.situacao != SituacaoPlano.rascunho.value)
    if filtros.situacao:
        condicoes.append(PlanoProvidencias.situacao == filtros.situacao)
    if filtros.ibge7:
        condicoes.append(PlanoProvidencias.ibge7 == filtros.ibge7)
    if filtros.origem:
        condicoes.append(
            exists().where(Dificuldade.plano_id == PlanoProvidencias.id, Dificuldade.origem == filtros.origem)
        )
    if filtros.atrasado is not None:
        condicoes.append(_atrasado(hoje) if filtros.atrasado else ~_atrasado(hoje))
    if filtros.exigido is not None:
        condicoes.append(PlanoProvidencias.exigido.is_(filtros.exigido))
    if filtros.ativo is not None:
        ativo = PlanoProvidencias.situacao.not_in(FINAIS)
        condicoes.append(ativo if filtros.ativo else ~ativo)
    total = await sessao.scalar(select(func.count()).select_from(PlanoProvidencias).where(*condicoes)) or 0
    consulta = (
        select(PlanoProvidencias)
        .where(*condicoes)
        .order_by(PlanoProvidencias.ibge7, PlanoProvidencias.criado_em, PlanoProvidencias.id)
    )
    if tamanho is not None:
        consulta = consulta.offset((pagina - 1) * tamanho).limit(tamanho)
    return total, list(await sessao.scalars(consulta))


@dataclass(frozen=True)
class ContagemAcoes:
    total: int = 0
    executadas: int = 0
    atrasadas: int = 0


async def contagens_acoes(
    sessao: AsyncSession, plano_ids: Sequence[str], hoje: date
) -> dict[str, ContagemAcoes]:
    if not plano_ids:
        return {}
    executada = Acao.situacao == SituacaoAcao.executada.value
    linhas = await sessao.execute(
        select(
            Acao.plano_id,
            func.count(),
            func.sum(case((executada, 1), else_=0)),
            func.sum(case((and_(~executada, Acao.prazo < hoje), 1), else_=0)),
        )
        .where(Acao.plano_id.in_(plano_ids))
        .group_by(Acao.plano_id)
    )
    return {p: ContagemAcoes(int(t), int(e or 0), int(a or 0)) for p, t, e, a in linhas}


async def origens(sessao: AsyncSession, plano_ids: Sequence[str]) -> dict[str, list[str]]:
    if not plano_ids:
        return {}
    saida: dict[str, list[str]] = {}
    linhas = await sessao.execute(
        select(Dificuldade.plano_id, Dificuldade.origem)
        .where(Dificuldade.plano_id.in_(plano_ids))
        .distinct()
        .order_by(Dificuldade.plano_id, Dificuldade.origem)
    )
    for plano_id, origem in linhas:
        saida.setdefault(plano_id, []).append(origem)
    return saida


async def nomes_municipios(sessao: AsyncSession, ibge7s: Sequence[str]) -> dict[str, str]:
    if not ibge7s:
        return {}
    linhas = await sessao.execute(
        select(Municipio.ibge7, Municipio.nome).where(Municipio.ibge7.in_(set(ibge7s)))
    )
    return {i: n for i, n in linhas}


async def acoes_com_prazo_ate(
    sessao: AsyncSession, *, ate: date, ibge7: str | None
) -> list[tuple[Acao, PlanoProvidencias]]:
    """Ações não executadas de planos ativos com prazo até a data (vencidas e a vencer), por prazo."""
    consulta = (
        select(Acao, PlanoProvidencias)
        .join(PlanoProvidencias, PlanoProvidencias.id == Acao.plano_id)
        .where(
            Acao.situacao != SituacaoAcao.executada.value,
            Acao.prazo <= ate,
            PlanoProvidencias.situacao.not_in(FINAIS),
            PlanoProvidencias.situacao != SituacaoPlano.rascunho.value,
        )
        .order_by(Acao.prazo, PlanoProvidencias.ibge7, Acao.id)
    )
    if ibge7:
        consulta = consulta.where(PlanoProvidencias.ibge7 == ibge7)
    return [(a, p) for a, p in await sessao.execute(consulta)]


async def planos_com_prazo_ate(
    sessao: AsyncSession, *, ate: date, ibge7: str | None
) -> list[PlanoProvidencias]:
    consulta = (
        select(PlanoProvidencias)
        .where(PlanoProvidencias.prazo <= ate, PlanoProvidencias.situacao.not_in(FINAIS))
        .order_by(PlanoProvidencias.prazo, PlanoProvidencias.ibge7)
    )
    if ibge7:
        consulta = consulta.where(PlanoProvidencias.ibge7 == ibge7)
    return list(await sessao.scalars(consulta))


async def planos_vencidos_sem_aviso(sessao: AsyncSession, hoje: date) -> list[PlanoProvidencias]:
    """Planos ativos com prazo antes de hoje e ainda sem o evento; SKIP LOCKED: réplicas não repetem o aviso."""
    return list(
        await sessao.scalars(
            select(PlanoProvidencias)
            .where(
                PlanoProvidencias.prazo < hoje,
                PlanoProvidencias.situacao.not_in(FINAIS),
                PlanoProvidencias.prazo_vencido_em.is_(None),
            )
            .order_by(PlanoProvidencias.prazo, PlanoProvidencias.id)
            .with_for_update(skip_locked=True)
        )
    )


async def contagem_por_situacao(sessao: AsyncSession, ibge7: str) -> dict[str, int]:
    linhas = await sessao.execute(
        select(PlanoProvidencias.situacao, func.count())
        .where(PlanoProvidencias.ibge7 == ibge7)
        .group_by(PlanoProvidencias.situacao)
    )
    return {s: int(n) for s, n in linhas}


async def exigidos_sem_apoio(sessao: AsyncSession, ibge7: str) -> list[str]:
    """Planos exigidos por bloqueio ainda sem plano de apoio (a SPS deve elaborá-lo — ato de 2023, Art. 13)."""
    sem_apoio = ~exists().where(PlanoApoio.plano_providencias_id == PlanoProvidencias.id)
    return list(
        await sessao.scalars(
            select(PlanoProvidencias.id).where(
                PlanoProvidencias.ibge7 == ibge7,
                PlanoProvidencias.exigido.is_(True),
                PlanoProvidencias.situacao.not_in(FINAIS),
                sem_apoio,
            )
        )
    )
