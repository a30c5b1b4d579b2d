from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from services.premiacao.dominio.regras import Premissa, RegrasPremio


class Indicadores(BaseModel):
    idcras_t: Decimal
    idcras_t_menos_1: Decimal
    scfv_t: Decimal = Field(description="Percentual do SCFV de 0 a 14 anos no ano t")
    scfv_t_menos_1: Decimal


class ScfvAno(BaseModel):
    ano: int
    faixa_0_14: int
    total: int


class CapacidadeAno(BaseModel):
    ano: int
    usuarios: int
    capacidade: int


class EntradasCras(BaseModel):
    """Os valores brutos que a apuração usou deste CRAS (entram na impressão digital)."""

    idcras: dict[int, Decimal]
    scfv: list[ScfvAno]
    atendimento_capacidade: list[CapacidadeAno]
    planos_ativos: list[str]


class LinhaClassificacao(BaseModel):
    id_cras: str
    nome: str
    ibge7: str
    municipio: str
    apto: bool
    motivos_inaptidao: list[str]
    posicao: int | None = None
    iq: Decimal | None = None
    ic: Decimal | None = None
    brutos: Indicadores | None = None
    padronizados: Indicadores | None = None
    idcras_minimo_nos_dois_anos: bool | None = None
    media_atendimento_sobre_capacidade: Decimal | None = None
    desempate_decisivo: str | None = Field(
        None, description="Critério do Art. 6º que o pôs abaixo do CRAS anterior, empatado em IQ"
    )
    empate_nao_resolvido: bool = False
    premiado: bool = False
    colocacao_premio: int | None = None
    valor_premio: Decimal = Decimal("0.00")
    motivo_nao_premiado: Literal["municipio_ja_premiado", "alem_do_numero_de_premios"] | None = None
    premiado_do_municipio: str | None = None
    entradas: EntradasCras


class Extremos(BaseModel):
    minimo: Decimal
    maximo: Decimal


class TotalFaixa(BaseModel):
    de: int
    ate: int
    valor: Decimal
    premiados: int
    total: Decimal


class PremioAdicional(BaseModel):
    ibge7: str
    municipio: str
    descricao: str


class Resumo(BaseModel):
    """O que vale para a apuração inteira (guardado com ela)."""

    regras: RegrasPremio
    premissas: list[Premissa]
    extremos: dict[str, Extremos]
    indicadores_constantes: list[str]
    faixas: list[TotalFaixa]
    valor_total_declarado: Decimal
    valor_total_distribuido: Decimal
    premio_adicional: PremioAdicional | None
    aptos: int
    inaptos: int
    premiados: int
    empates_nao_resolvidos: int
    inaptos_por_motivo: dict[str, int]


class PaginaClassificacao(BaseModel):
    itens: list[LinhaClassificacao]
    total: int
    pagina: int
    tamanho: int


class ApuracaoResumo(BaseModel):
    id: str
    exercicio: int
    situacao: Literal["calculada", "publicada"]
    regras_versao: int
    impressao_digital: str = Field(description="SHA-256 de todos os valores de entrada usados")
    criada_em: datetime
    criada_por: str
    publicada_em: datetime | None
    publicada_por: str | None
    substituida_por: str | None = Field(description="Apuração publicada depois, que substitui esta")
    premiados: int
    valor_total_distribuido: Decimal


class ListaApuracoes(BaseModel):
    itens: list[ApuracaoResumo]


class ApuracaoSaida(ApuracaoResumo):
    resumo: Resumo
    classificacao: PaginaClassificacao


class SimulacaoEntrada(BaseModel):
    regras: dict[str, Any] = Field(
        default_factory=dict,
        description="Campos das regras vigentes a trocar (os aninhados se mesclam), ex.: "
        '{"pesos": {"w1": "0.4", "w2": "0.2", "w3": "0.2", "w4": "0.2"}}',
    )


class SimulacaoSaida(BaseModel):
    exercicio: int
    impressao_digital: str
    alteracoes: list[dict[str, Any]] = Field(
        description="O que a simulação mudou em relação às regras vigentes"
    )
    resumo: Resumo
    classificacao: list[LinhaClassificacao]


class ExplicacaoCras(BaseModel):
    apuracao_id: str
    id_cras: str
    texto: str = Field(description="A explicação em pt-BR, com os números")
    linha: LinhaClassificacao


class MudancaCras(BaseModel):
    id_cras: str
    nome: str
    municipio: str
    antes: str
    depois: str
    porque: list[str]


class Comparacao(BaseModel):
    apuracao_id: str
    outra_id: str
    mesmas_entradas: bool
    regras_alteradas: list[dict[str, Any]]
    entraram_no_premio: list[str]
    sairam_do_premio: list[str]
    mudancas: list[MudancaCras]
