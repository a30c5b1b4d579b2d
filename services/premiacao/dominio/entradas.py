"""Entradas da apuração por CRAS, e as regras que as derivam dos dados brutos (RMA, SISC, planos)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from services.premiacao.dominio.regras import RegrasPremio

SITUACOES_ENCERRADAS = frozenset({"concluido", "cancelado"})


@dataclass(frozen=True)
class ContagemScfv:
    """Atendimentos do SCFV de um CRAS num ano: os de 0 a 14 anos e o total."""

    faixa_0_14: int
    total: int


@dataclass(frozen=True)
class AtendimentoCapacidade:
    """Usuários atendidos e capacidade de atendimento do SCFV num ano (SISC)."""

    usuarios: int
    capacidade: int


@dataclass(frozen=True)
class EntradaCras:
    """Tudo o que a apuração usa de um CRAS; é o que entra na impressão digital."""

    id_cras: str
    ibge7: str
    municipio: str
    nome: str
    idcras: Mapping[int, Decimal] = field(default_factory=dict)
    scfv: Mapping[int, ContagemScfv] = field(default_factory=dict)
    atendimento_capacidade: Mapping[int, AtendimentoCapacidade] = field(default_factory=dict)
    planos_ativos: tuple[str, ...] = ()


@dataclass(frozen=True)
class SituacaoPlano:
    """Uma situação de um plano de providências, desde um momento (do evento do monitoramento)."""

    situacao: str
    desde: datetime


@dataclass(frozen=True)
class PlanoProvidencias:
    plano_id: str
    ibge7: str
    unidades: tuple[str, ...]
    historico: tuple[SituacaoPlano, ...]


def plano_ativo_em(plano: PlanoProvidencias, momento: datetime) -> bool:
    """Ativo = existe no momento e não está concluído nem cancelado (Portaria SPS 352/2023, Art. 6º §3º)."""
    vigente = None
    for situacao in sorted(plano.historico, key=lambda s: s.desde):
        if situacao.desde <= momento:
            vigente = situacao
    return vigente is not None and vigente.situacao not in SITUACOES_ENCERRADAS


def planos_que_excluem(
    *, id_cras: str, ibge7: str, planos: Iterable[PlanoProvidencias], momento: datetime, regras: RegrasPremio
) -> tuple[str, ...]:
    """Planos ativos que tiram o CRAS da classificação (Decreto 35.038/2022, Art. 4º, parágrafo único)."""
    sem_unidade_exclui = regras.politicas.plano_sem_unidade_exclui_cras_do_municipio
    return tuple(
        sorted(
            p.plano_id
            for p in planos
            if plano_ativo_em(p, momento)
            and (id_cras in p.unidades or (sem_unidade_exclui and not p.unidades and p.ibge7 == ibge7))
        )
    )


def scfv_do_rma(meses: Sequence[Mapping[str, int | None]], regras: RegrasPremio) -> ContagemScfv | None:
    """SCFV 0–14 do ano pelo RMA, somando os meses informados (Art. 5º, II) [PREMISSA]; vazio ≠ zero."""
    campos = regras.indicador_scfv
    numerador = total = 0
    informado = False
    for valores in meses:
        for campo in campos.campos_rma_denominador:
            valor = valores.get(campo)
            if valor is None:
                continue
            informado = True
            total += valor
            if campo in campos.campos_rma_numerador:
                numerador += valor
    return ContagemScfv(faixa_0_14=numerador, total=total) if informado else None


def scfv_do_sisc(registros: Iterable[tuple[str, int]], regras: RegrasPremio) -> ContagemScfv | None:
    """SCFV 0–14 do ano pelo SISC: (faixa etária, usuários atendidos) somados no ano [PREMISSA]."""
    faixas = regras.indicador_scfv.faixas_sisc_numerador
    numerador = total = 0
    informado = False
    for faixa, usuarios in registros:
        informado = True
        total += usuarios
        if faixa in faixas:
            numerador += usuarios
    return ContagemScfv(faixa_0_14=numerador, total=total) if informado else None


def atendimento_sobre_capacidade(
    registros: Iterable[tuple[int, int | None]],
) -> AtendimentoCapacidade | None:
    """Usuários e capacidade do SCFV no ano (SISC), só dos registros com capacidade informada (Art. 6º, II)."""
    usuarios = capacidade = 0
    for atendidos, vagas in registros:
        if vagas is None:
            continue
        usuarios += atendidos
        capacidade += vagas
    return AtendimentoCapacidade(usuarios=usuarios, capacidade=capacidade) if capacidade else None
