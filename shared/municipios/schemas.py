from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class PopulacaoSaida(BaseModel):
    base: str = Field(examples=["censo_2022"])
    ano: int = Field(examples=[2022])
    habitantes: int = Field(examples=[2428678])


class MunicipioSaida(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    ibge7: str = Field(description="Código IBGE com 7 dígitos", examples=["2304400"])
    ibge6: str = Field(description="Código IBGE com 6 dígitos (usado pelo MDS)", examples=["230440"])
    nome: str = Field(examples=["Fortaleza"])
    uf: str = Field(examples=["CE"])
    capital: bool
    latitude: Decimal | None = Field(examples=["-3.716220"])
    longitude: Decimal | None = Field(examples=["-38.542800"])
    populacoes: list[PopulacaoSaida]
    lote_id: str = Field(description="Lote de ingestão de onde veio o dado vigente")
    versao: int = Field(description="Quantas versões deste município foram registradas")
    atualizado_em: datetime


class PaginaMunicipios(BaseModel):
    itens: list[MunicipioSaida]
    total: int
    pagina: int
    tamanho: int
