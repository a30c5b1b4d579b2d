"""Corpos da API do Plano de Ação (JSON em português; dinheiro como texto exato, nunca float)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.cofinanciamento.dominio.regras import Bloco, Componente, Numero

SituacaoPlano = Literal["preenchido", "pendente"]
Parecer = Literal["favoravel", "desfavoravel"]


class AberturaPlanoAcao(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prazo: Annotated[
        date,
        Field(description="Último dia para os municípios preencherem; depois dele vem o parecer do CMAS"),
    ]


class UsoEntrada(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    bloco: Bloco
    componente: Componente
    # Sem mínimo nem casas aqui: negativo e fração de centavo voltam junto com os demais problemas do plano.
    valor_anual: Annotated[
        Numero, Field(description="Uso anual planejado, em reais, como texto (ex.: '72000.00')")
    ]
    descricao: Annotated[str, Field(max_length=2000, description="O que será feito com o valor")] = ""


class PreenchimentoPlanoAcao(BaseModel):
    model_config = ConfigDict(extra="forbid")

    usos: Annotated[list[UsoEntrada], Field(max_length=200)]


class ParecerEntrada(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    favoravel: bool
    motivos: Annotated[
        str | None, Field(max_length=4000, description="Obrigatório quando o parecer é desfavorável")
    ] = None


class SituacaoMunicipio(BaseModel):
    ibge7: str
    nome: str | None
    situacao: SituacaoPlano
    versao: int | None
    preenchido_por: str | None
    preenchido_em: datetime | None
    parecer: Parecer | None
    parecer_em: datetime | None


class PlanoAcaoExercicioSaida(BaseModel):
    exercicio: int
    prazo: date
    prazo_encerrado: bool = Field(
        description="O prazo já passou: não se preenche mais, e o CMAS dá o parecer"
    )
    aberto_por: str
    aberto_em: datetime
    preenchidos: int
    pendentes: int
    municipios: list[SituacaoMunicipio]


class UsoSaida(BaseModel):
    bloco: str
    componente: str
    valor_anual: Decimal
    descricao: str


class ValorCalculado(BaseModel):
    """O que o cálculo mais recente do exercício dá ao município num componente: o plano precisa somar isto."""

    bloco: str
    componente: str
    valor_mensal: Decimal
    meses: int
    valor_anual: Decimal


class ParecerSaida(BaseModel):
    favoravel: bool
    motivos: str | None
    por: str
    em: datetime


class PassoHistorico(BaseModel):
    versao: int
    acao: str
    autor: str
    papeis: list[str]
    momento: datetime
    detalhes: dict[str, Any]


class PlanoAcaoMunicipioSaida(BaseModel):
    """O plano do município: usos, parecer, o que o cálculo mais recente pede e o histórico completo."""

    exercicio: int
    ibge7: str
    nome: str | None
    prazo: date
    prazo_encerrado: bool
    situacao: SituacaoPlano
    versao: int | None = Field(description="Também no ETag; envie-a em If-Match para alterar o plano")
    calculo_id: str | None = Field(description="Cálculo contra o qual o plano foi conferido ao ser gravado")
    preenchido_por: str | None
    preenchido_em: datetime | None
    usos: list[UsoSaida]
    parecer: ParecerSaida | None
    calculo_mais_recente: str | None
    calculado: list[ValorCalculado] = Field(description="Valores do cálculo mais recente do exercício")
    historico: list[PassoHistorico]
