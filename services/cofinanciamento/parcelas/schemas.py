"""Corpos da API das parcelas e da conciliação (JSON em português; dinheiro como texto exato, nunca float)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.cofinanciamento.dominio.regras import Reais

SituacaoParcela = Literal["prevista", "paga", "bloqueada", "suspensa"]


class PedidoGeracao(BaseModel):
    model_config = ConfigDict(extra="forbid")

    calculo_id: Annotated[
        str | None,
        Field(
            min_length=1, max_length=64, description="Cálculo de origem; vazio = o mais recente do exercício"
        ),
    ] = None


class PagamentoEntrada(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data: Annotated[date, Field(description="Data do crédito na conta do bloco")]
    valor: Annotated[
        Reais,
        Field(gt=0, le=Decimal("999999999999.99"), description="Valor pago, como texto (ex.: '6000.00')"),
    ]


class Pagamento(BaseModel):
    data: date
    valor: Decimal
    conta: str = Field(description="A conta do bloco em que o valor entrou (Art. 26)")
    por: str
    registrado_em: datetime


class ParcelaSaida(BaseModel):
    id: str
    exercicio: int
    mes: int
    ibge7: str
    bloco: str
    valor: Decimal
    situacao: SituacaoParcela
    calculo_id: str
    componentes: dict[str, Decimal] = Field(description="Valor mensal de cada componente do bloco")
    unidades: list[str] = Field(
        description="Unidades cobertas que compõem a parcela, cada uma com a sua memória"
    )
    memoria: str
    memoria_calculo: str = Field(
        description="Endereço da memória de cálculo do município no cálculo de origem"
    )
    pagamento: Pagamento | None


class PendenciaSaida(BaseModel):
    """Município com valor calculado no bloco e sem parcelas, e por quê."""

    ibge7: str
    nome: str | None
    bloco: str
    valor_mensal: Decimal
    motivo: str
    descricao: str


class ResumoGeracao(BaseModel):
    criadas: int
    recalculadas: int = Field(
        description="Parcelas não pagas substituídas pelos valores do cálculo desta geração"
    )
    pagas_mantidas: int = Field(description="Parcelas já pagas: nunca mudam")
    removidas: int = Field(description="Parcelas não pagas que o cálculo desta geração não produz mais")
    pendencias: int


class GeracaoSaida(BaseModel):
    id: int
    exercicio: int
    calculo_id: str
    gerada_por: str
    gerada_em: datetime
    resumo: ResumoGeracao
    pendencias: list[PendenciaSaida]


class ListaParcelas(BaseModel):
    exercicio: int
    geracao: GeracaoSaida | None = Field(description="A geração mais recente, com os municípios pendentes")
    total: int
    pagina: int
    tamanho: int
    parcelas: list[ParcelaSaida]


class LinhaConciliacao(BaseModel):
    ibge7: str
    nome: str | None
    bloco: str
    parcelas: int
    pagas: int
    valor_calculado: Decimal = Field(description="Soma das parcelas do bloco no exercício")
    valor_a_pagar: Decimal = Field(description="Parcelas previstas, ainda não pagas")
    valor_retido: Decimal = Field(description="Parcelas bloqueadas ou suspensas (ato SPS 2023, Art. 13)")
    valor_pago: Decimal
    diferenca: Decimal = Field(description="Calculado − pago")
    diferenca_nas_pagas: Decimal = Field(description="Nas parcelas pagas: valor da parcela − valor pago")


class Conciliacao(BaseModel):
    exercicio: int
    valor_calculado: Decimal
    valor_pago: Decimal
    diferenca: Decimal
    linhas: list[LinhaConciliacao]
