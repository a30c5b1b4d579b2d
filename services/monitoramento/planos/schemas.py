"""Corpos da API dos planos (JSON em português, snake_case)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.eventos.esquemas import IBGE7, ID_UNIDADE, ORIGEM_DIFICULDADE

AREA_DIFICULDADE = Literal["gestao_orcamentaria_financeira", "gestao_suas", "oferta_servicos"]
TIPO_ACAO_APOIO = Literal["acompanhamento", "assessoria_tecnica", "apoio_financeiro"]
Texto = Annotated[str, Field(min_length=1, max_length=4000)]
Nome = Annotated[str, Field(min_length=1, max_length=200)]


class _Entrada(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AcaoEntrada(_Entrada):
    id: Annotated[str | None, Field(description="Para manter uma ação já gravada ao editar")] = None
    descricao: Texto
    responsavel: Annotated[
        str | None, Field(max_length=200, description="Obrigatório para submeter (Art. 6º, III)")
    ] = None
    prazo: Annotated[date | None, Field(description="Obrigatório para submeter (Art. 6º, III)")] = None


class DificuldadeEntrada(_Entrada):
    id: Annotated[str | None, Field(description="Para manter uma dificuldade já gravada ao editar")] = None
    area: Annotated[
        AREA_DIFICULDADE,
        Field(description="Art. 6º: gestão orçamentária e financeira, gestão do SUAS ou oferta de serviços"),
    ]
    origem: ORIGEM_DIFICULDADE
    descricao: Texto
    evidencia: Annotated[
        Texto, Field(description="Relatório, denúncia, dado do Censo SUAS… que aponta a dificuldade")
    ]
    acoes: list[AcaoEntrada] = []


class ConteudoPlano(_Entrada):
    """O que o município escreve no plano; editável em rascunho ou devolvido."""

    titulo: Nome
    unidades: Annotated[
        list[ID_UNIDADE], Field(description="Unidades que o plano nomeia (id do Censo SUAS)")
    ] = []
    prazo: Annotated[date | None, Field(description="Prazo do plano (Art. 6º §3º: fixado caso a caso)")] = (
        None
    )
    dificuldades: list[DificuldadeEntrada] = []


class NovoPlano(ConteudoPlano):
    ibge7: IBGE7
    instituicao_id: Annotated[
        str | None, Field(description="Instituição local alvo do plano; vazio = o próprio município")
    ] = None


class DeliberacaoEntrada(_Entrada):
    numero_resolucao: Annotated[
        str, Field(min_length=1, max_length=60, examples=["Resolução CMAS nº 12/2026"])
    ]
    data: date
    texto: Texto


class TransicaoEntrada(_Entrada):
    nota: Annotated[
        str | None, Field(max_length=4000, description="Motivo (devolução, cancelamento) ou observação")
    ] = None
    deliberacao: Annotated[
        DeliberacaoEntrada | None, Field(description="Obrigatória na aprovação do CMAS e na pactuação da CIB")
    ] = None


class SituacaoAcaoEntrada(_Entrada):
    situacao: Literal["em_andamento", "executada"]
    nota: Annotated[str | None, Field(max_length=4000)] = None


class AcompanhamentoEntrada(_Entrada):
    data: date
    constatacao: Annotated[Texto, Field(description="O que foi visto")]
    evidencia: Annotated[str | None, Field(max_length=4000)] = None


class AcaoSaida(BaseModel):
    id: str
    dificuldade_id: str
    descricao: str
    responsavel: str | None
    prazo: date | None
    situacao: str
    atrasada: bool
    executada_em: datetime | None


class DificuldadeSaida(BaseModel):
    id: str
    area: str
    origem: str
    descricao: str
    evidencia: str
    alerta_id: str | None
    acoes: list[AcaoSaida]


class DeliberacaoSaida(BaseModel):
    instancia: str
    decisao: str
    numero_resolucao: str | None
    data: date | None
    texto: str
    registrada_por: str
    registrada_em: datetime


class AcompanhamentoSaida(BaseModel):
    instancia: str
    data: date
    constatacao: str
    evidencia: str | None
    autor: str
    registrado_em: datetime


class PassoHistorico(BaseModel):
    versao: int
    momento: datetime
    autor: str
    papeis: list[str]
    acao: str
    situacao_de: str | None
    situacao_para: str | None
    nota: str | None
    detalhes: dict[str, object]


class PlanoResumo(BaseModel):
    id: str
    ibge7: str
    municipio: str | None
    instituicao_id: str | None
    titulo: str
    unidades: list[str]
    situacao: str
    situacao_desde: datetime
    ativo: bool
    versao: int
    prazo: date | None
    prazo_vencido: bool
    exigido: bool
    bloqueio_id: str | None
    origens: list[str]
    acoes_total: int
    acoes_executadas: int
    acoes_atrasadas: int


class PlanoDetalhe(PlanoResumo):
    dificuldades: list[DificuldadeSaida]
    deliberacoes: list[DeliberacaoSaida]
    acompanhamentos: list[AcompanhamentoSaida]
    planos_apoio: list[str]
    transicoes_possiveis: Annotated[
        list[str],
        Field(description="Transições que partem da situação atual (o papel de cada uma está na API)"),
    ]
    linha_do_tempo: list[PassoHistorico]


class PaginaPlanos(BaseModel):
    total: int
    pagina: int
    tamanho: int
    itens: list[PlanoResumo]


class AcaoApoioEntrada(_Entrada):
    id: str | None = None
    tipo: TIPO_ACAO_APOIO
    dificuldade_id: Annotated[
        str, Field(description="Dificuldade do plano de providências que a ação enfrenta")
    ]
    descricao: Texto
    responsavel: Nome
    prazo: date
    valor: Annotated[
        Decimal | None,
        Field(ge=0, max_digits=14, decimal_places=2, description="Só para apoio financeiro, em reais"),
    ] = None


class ConteudoApoio(_Entrada):
    objetivo: Texto
    acoes: Annotated[list[AcaoApoioEntrada], Field(min_length=1)]


class NovoPlanoApoio(ConteudoApoio):
    plano_providencias_id: str


class AcaoApoioSaida(BaseModel):
    id: str
    tipo: str
    dificuldade_id: str
    descricao: str
    responsavel: str
    prazo: date
    valor: Decimal | None
    situacao: str
    atrasada: bool
    executada_em: datetime | None


class PlanoApoioDetalhe(BaseModel):
    id: str
    plano_providencias_id: str
    ibge7: str
    objetivo: str
    situacao: str
    situacao_desde: datetime
    versao: int
    acoes: list[AcaoApoioSaida]
    deliberacoes: list[DeliberacaoSaida]
    transicoes_possiveis: list[str]
    linha_do_tempo: list[PassoHistorico]


class NovaInstituicao(_Entrada):
    ibge7: IBGE7
    nome: Nome
    cnpj: Annotated[str, Field(pattern=r"^\d{14}$", description="CNPJ, só os 14 dígitos")]


class InstituicaoSaida(BaseModel):
    id: str
    ibge7: str
    nome: str
    cnpj: str
    registrada_por: str
    registrada_em: datetime
