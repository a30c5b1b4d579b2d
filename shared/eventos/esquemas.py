"""Corpos dos eventos do catálogo, um modelo por tipo e versão."""

from __future__ import annotations

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
