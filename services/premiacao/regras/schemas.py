from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from services.premiacao.dominio.regras import Premissa, RegrasPremio


class Alteracao(BaseModel):
    campo: str
    antes: Any
    depois: Any


class RegrasSaida(BaseModel):
    exercicio: int
    versao: int
    autor: str
    criada_em: datetime
    regras: RegrasPremio
    premissas: list[Premissa] = Field(
        description="Premissas do sistema onde o decreto é omisso, com o valor em vigor"
    )
    alteracoes: list[Alteracao] = Field(description="O que mudou em relação à versão anterior")


class HistoricoRegras(BaseModel):
    exercicio: int
    versoes: list[RegrasSaida]
