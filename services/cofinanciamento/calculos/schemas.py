"""Corpos da API dos cálculos e da memória de cálculo (JSON em português; dinheiro como texto exato)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field


class PedidoCalculo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mes: Annotated[int, Field(ge=1, le=12, description="Mês de competência do cálculo")]
    ano_censo: Annotated[
        int | None,
        Field(ge=2000, le=2100, description="Censo SUAS usado; vazio = o mais recente até o exercício"),
    ] = None


class CalculoResumo(BaseModel):
    id: str
    exercicio: int
    mes: int
    ano_censo: int
    regras_versao: int
    impressao_digital: str
    criado_por: str
    criado_em: datetime
    valor_mensal_total: Decimal
    blocos: dict[str, Decimal] = Field(description="Total mensal do Estado por bloco")


class MunicipioCalculado(BaseModel):
    ibge7: str
    nome: str | None
    porte: str | None
    suspenso: bool
    valor_mensal: Decimal
    blocos: dict[str, Decimal]


class CalculoSaida(CalculoResumo):
    componentes: list[dict[str, Any]] = Field(
        description="Por componente: orçamento, saldo do orçamento, seleção e totais"
    )
    premissas: list[dict[str, Any]]
    total_municipios: int
    pagina: int
    tamanho: int
    municipios: list[MunicipioCalculado]


class ListaCalculos(BaseModel):
    exercicio: int
    calculos: list[CalculoResumo]


class UnidadeCalculada(BaseModel):
    componente: str
    bloco: str
    id_unidade: str
    ibge7: str
    tipo_unidade: str
    situacao: str
    motivos: list[str]
    valor_piso: Decimal | None
    valor_mensal: Decimal
    posicao: int | None
    rodada: int | None
    posicao_municipio: int | None
    memoria: Annotated[
        dict[str, Any],
        Field(
            description="Entradas, parâmetros com a fonte, fórmula, prioridade, orçamento, premissas e o texto"
        ),
    ]


class MemoriaBloco(BaseModel):
    bloco: str
    nome: str
    valor_mensal: Decimal
    explicacao: Annotated[
        str, Field(description="Por que o município recebe este valor neste bloco, em pt-BR")
    ]
    formula: str
    componentes: list[dict[str, Any]]
    unidades: list[UnidadeCalculada]


class MemoriaMunicipio(BaseModel):
    """Memória de cálculo do município (Art. 23): responde sozinha 'por que o município recebe R$ Y no bloco Z'."""

    calculo_id: str
    exercicio: int
    mes: int
    ano_censo: int
    regras_versao: int
    impressao_digital: str
    ibge7: str
    nome: str | None
    porte: str | None
    populacao: dict[str, Any] | None
    suspenso: bool
    valor_mensal: Decimal
    blocos: list[MemoriaBloco]
    premissas: list[dict[str, Any]]


class FilaComponente(BaseModel):
    """Ordem de cobertura de um componente: quem está coberto e quem aguarda, com a posição e o porquê."""

    calculo_id: str
    componente: str
    orcamento: dict[str, Any]
    prioridades: list[dict[str, Any]]
    unidades: list[UnidadeCalculada]
