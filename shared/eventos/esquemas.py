"""Corpos dos eventos do catálogo, um modelo por tipo e versão."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from shared.eventos.base import Evento, Valor

IBGE7 = Annotated[str, Field(pattern=r"^\d{7}$", description="Código IBGE do município, 7 dígitos")]


class Populacao(Valor):
    base: Annotated[str, Field(description="Base populacional, ex.: censo_2022, estimativa_2024")]
    ano: int
    habitantes: Annotated[int, Field(ge=0)]


class MunicipioRegistrado(Evento):
    """Um município da referência foi registrado ou teve seus dados alterados."""

    fato = "municipio_registrado"
    servico = "ingestao"
    descricao = "Município da referência (IBGE) registrado ou alterado pela ingestão."

    ibge7: IBGE7
    ibge6: Annotated[str, Field(pattern=r"^\d{6}$")]
    nome: Annotated[str, Field(min_length=1, max_length=120)]
    uf: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    capital: bool
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    populacoes: tuple[Populacao, ...]
    lote_id: Annotated[str, Field(description="Lote de ingestão de onde o dado veio")]

    def chave(self) -> str:
        return self.ibge7


class IdcrasPublicado(Evento):
    """O IDCRAS de um CRAS num ano, como o MDS publicou (ou a versão corrigida de um lote novo)."""

    fato = "idcras_publicado"
    servico = "ingestao"
    descricao = "IDCRAS de um CRAS num ano, com os níveis das três dimensões (1–5)."

    id_cras: Annotated[str, Field(pattern=r"^\d{11}$", description="NU_IDENTIFICADOR do CRAS")]
    ibge7: IBGE7
    ano: Annotated[int, Field(ge=2000, le=2100)]
    idcras: Annotated[Decimal, Field(ge=1, le=5)]
    estrutura_fisica: Annotated[int, Field(ge=1, le=5)]
    recursos_humanos: Annotated[int, Field(ge=1, le=5)]
    servicos: Annotated[int, Field(ge=1, le=5)]
    lote_id: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.id_cras


ID_UNIDADE = Annotated[str, Field(pattern=r"^\d{11}$", description="NU_IDENTIFICADOR da unidade (CadSUAS)")]
ANO = Annotated[int, Field(ge=2000, le=2100)]


class CensoCrasRegistrado(Evento):
    """Os dados gerais de um CRAS num ano do Censo SUAS."""

    fato = "censo_cras_registrado"
    servico = "ingestao"
    descricao = "Dados gerais de um CRAS no Censo SUAS de um ano (localização, capacidade, funcionamento)."

    id_cras: ID_UNIDADE
    ibge7: IBGE7
    ano: ANO
    nome: Annotated[str, Field(min_length=1, max_length=200)]
    data_implantacao: date | None = None
    localizacao: Annotated[
        int | None, Field(ge=1, le=3, description="1 urbano central, 2 urbano periférico, 3 rural")
    ] = None
    familias_referenciadas: Annotated[
        int | None, Field(description="Capacidade declarada (q2): 2.500, 3.500 ou 5.000")
    ] = None
    dias_semana: Annotated[int | None, Field(ge=0, le=7)] = None
    horas_dia: Annotated[int | None, Field(ge=0, le=24)] = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    lote_id: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.id_cras


class EquipeCrasRegistrada(Evento):
    """A equipe de um CRAS num ano, em contagens (sem nomes, CPF ou datas de nascimento)."""

    fato = "equipe_cras_registrada"
    servico = "ingestao"
    descricao = "Contagens da equipe de um CRAS num ano, por profissão e por vínculo (códigos do Censo SUAS)."

    id_cras: ID_UNIDADE
    ibge7: IBGE7
    ano: ANO
    total: Annotated[int, Field(ge=0)]
    assistentes_sociais: Annotated[int, Field(ge=0)]
    psicologos: Annotated[int, Field(ge=0)]
    por_profissao: dict[str, int]
    por_vinculo: dict[str, int]
    lote_id: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.id_cras


class RmaCrasRegistrado(Evento):
    """O RMA de um CRAS num mês; um envio posterior do mesmo CRAS e mês é uma correção (versão nova)."""

    fato = "rma_cras_registrado"
    servico = "ingestao"
    descricao = "Registro Mensal de Atendimentos de um CRAS (campos A.1–D.8; vazio = não informado)."

    id_cras: ID_UNIDADE
    ibge7: IBGE7
    ano: ANO
    mes: Annotated[int, Field(ge=1, le=12)]
    valores: Annotated[
        dict[str, int | None], Field(description="a1…d8; null = não informado, diferente de zero")
    ]
    lote_id: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.id_cras


class LoteConcluido(Evento):
    """Um lote de ingestão terminou: quantos registros publicou, para o consumidor saber que está completo."""

    fato = "lote_concluido"
    servico = "ingestao"
    descricao = (
        "Lote de ingestão concluído, com as contagens (o consumidor sabe quando um ano está completo)."
    )

    lote_id: str
    tipo_lote: Annotated[str, Field(description="Tipo de arquivo do lote, ex.: idcras, rma_cras")]
    ano: int | None = None
    mes: int | None = None
    linhas_lidas: int
    linhas_validas: int
    linhas_rejeitadas: int
    registros_publicados: int

    def chave(self) -> str:
        return self.tipo_lote  # os lotes de um tipo ficam em ordem numa partição

    def assunto(self) -> str:
        return self.lote_id
