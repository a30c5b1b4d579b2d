from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.monitoramento.planos.schemas import AREA_DIFICULDADE, AcaoEntrada, Nome, Texto


class AlertaSaida(BaseModel):
    id: str
    regra: str
    ibge7: str
    id_unidade: str
    nome_unidade: str | None
    ano: int
    descricao: str
    evidencia: dict[str, Any]
    situacao: str
    motivo: str | None
    plano_id: str | None
    dificuldade_id: str | None
    criado_em: datetime
    resolvido_por: str | None
    resolvido_em: datetime | None


class PaginaAlertas(BaseModel):
    total: int
    pagina: int
    tamanho: int
    parametros: Annotated[dict[str, Any], Field(description="Regras de alerta em vigor neste serviço")]
    itens: list[AlertaSaida]


class Descarte(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    motivo: Annotated[Texto, Field(description="Por que o alerta não pede providência")]


class NovoPlanoDoAlerta(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    titulo: Nome
    prazo: date | None = None


class Conversao(BaseModel):
    """O alerta vira dificuldade (origem censo_suas) de um plano em elaboração ou de um plano novo."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    plano_id: Annotated[str | None, Field(description="Plano existente, em rascunho ou devolvido")] = None
    novo_plano: Annotated[NovoPlanoDoAlerta | None, Field(description="Ou um plano novo, em rascunho")] = None
    area: AREA_DIFICULDADE
    descricao: Annotated[str | None, Field(max_length=4000, description="Vazio = a descrição do alerta")] = (
        None
    )
    acoes: list[AcaoEntrada] = []

    @model_validator(mode="after")
    def _um_destino(self) -> Conversao:
        if (self.plano_id is None) == (self.novo_plano is None):
            raise ValueError("informe plano_id (plano existente) ou novo_plano (plano novo), um dos dois")
        return self
