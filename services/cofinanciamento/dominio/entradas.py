"""Entradas do cofinanciamento: o que os eventos da ingestão (e os planos) trazem, campo a campo, sem E/S."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Literal

from services.cofinanciamento.dominio.regras import Bloco, Componente

# Nomes de bloco do evento de saldo da ingestão → blocos do Art. 19.
BLOCO_DO_SALDO: Mapping[str, Bloco] = MappingProxyType(
    {
        "basica": Bloco.protecao_social_basica,
        "especial": Bloco.protecao_social_especial,
        "beneficios_eventuais": Bloco.beneficios_eventuais,
    }
)

SituacaoConselho = Literal[0, 1, 2]  # 0 não instituído, 1 instituído, 2 em funcionamento (Censo SUAS)


@dataclass(frozen=True)
class Populacao:
    """População de uma base (censo_2022, estimativa_2024…), como o município registrado a traz."""

    base: str
    ano: int
    habitantes: int


@dataclass(frozen=True)
class Municipio:
    ibge7: str
    nome: str
    populacoes: tuple[Populacao, ...] = ()

    def populacao(self, base: str) -> Populacao | None:
        return next((p for p in self.populacoes if p.base == base), None)


@dataclass(frozen=True)
class Cras:
    """Um CRAS no Censo SUAS do ano; `familias_referenciadas` é a capacidade declarada (q2)."""

    id_cras: str
    ibge7: str
    ano: int
    nome: str
    familias_referenciadas: int | None = None


@dataclass(frozen=True)
class UnidadeMediaComplexidade:
    """CREAS ou Centro Pop no Censo SUAS do ano."""

    id_unidade: str
    tipo_unidade: Literal["creas", "centro_pop"]
    ibge7: str
    ano: int
    nome: str
    oferta_paefi: bool | None = None


@dataclass(frozen=True)
class UnidadeAcolhimento:
    """Unidade de acolhimento (1 institucional, 2 família acolhedora) com a capacidade em vagas."""

    id_unidade: str
    ibge7: str
    ano: int
    nome: str
    modalidade_acolhimento: int | None = None
    publico: int | None = None
    capacidade: int | None = None


@dataclass(frozen=True)
class Conselhos:
    """Situação dos conselhos do município no Censo SUAS (None = não informado)."""

    ibge7: str
    ano: int
    cmas: SituacaoConselho | None = None
    cmdca: SituacaoConselho | None = None
    conselho_tutelar: SituacaoConselho | None = None
    conselho_idoso: SituacaoConselho | None = None
    conselho_mulher: SituacaoConselho | None = None
    conselho_pcd: SituacaoConselho | None = None


@dataclass(frozen=True)
class IndicadorMunicipal:
    """Valor de um indicador municipal (IVMC, Cemaris, ruptura de vínculos…) num ano, com a fonte."""

    indicador: str
    ibge7: str
    ano: int
    valor: Decimal
    fonte: str


@dataclass(frozen=True)
class Entradas:
    """Tudo o que o cálculo de um exercício usa; `suspensos` = IBGE7 com repasses suspensos (ato SPS 2023, Art. 13, II)."""

    municipios: tuple[Municipio, ...]
    cras: tuple[Cras, ...] = ()
    unidades_media: tuple[UnidadeMediaComplexidade, ...] = ()
    unidades_acolhimento: tuple[UnidadeAcolhimento, ...] = ()
    conselhos: tuple[Conselhos, ...] = ()
    indicadores: tuple[IndicadorMunicipal, ...] = ()
    suspensos: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SaldoConta:
    """Saldo da conta de um bloco de um município no fim de um mês (extrato informado)."""

    ibge7: str
    bloco: Bloco
    ano: int
    mes: int
    saldo: Decimal


@dataclass(frozen=True)
class PlanoProvidenciasDoBloqueio:
    """O Plano de Providências exigido pelo bloqueio, como o monitoramento o informa."""

    plano_id: str
    situacao: str  # rascunho … em_execucao, concluido, cancelado (Portaria SPS 352/2023)
    prazo_vencido: bool

    @property
    def concluido(self) -> bool:
        return self.situacao == "concluido"

    @property
    def cancelado(self) -> bool:
        return self.situacao == "cancelado"


@dataclass(frozen=True)
class UsoPlanejado:
    """Uma linha do Plano de Ação: uso anual planejado de um componente de um bloco."""

    bloco: Bloco
    componente: Componente
    valor_anual: Decimal
    descricao: str = ""


@dataclass(frozen=True)
class PlanoAcao:
    """Plano de Ação do município no exercício (Arts. 24–25), com o parecer do CMAS quando já dado."""

    ibge7: str
    exercicio: int
    preenchido: bool
    parecer_cmas: Literal["aprovado", "rejeitado"] | None = None
    usos: tuple[UsoPlanejado, ...] = ()
