from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class ItemVerificacao(BaseModel):
    """Uma meta de pactuação ou indicador de gestão, com o valor esperado e o alcançado."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    codigo: Annotated[str, Field(min_length=1, max_length=60, examples=["cras_com_equipe_minima"])]
    descricao: Annotated[str, Field(min_length=1, max_length=500)]
    meta: Annotated[
        str, Field(min_length=1, max_length=200, description="Valor esperado (texto livre: 100%, ≥ 3…)")
    ]
    alcancado: Annotated[str | None, Field(max_length=200, description="Valor alcançado no ano")] = None
    atendida: Annotated[bool | None, Field(description="Vazio = ainda não verificada")] = None
    observacao: Annotated[str | None, Field(max_length=2000)] = None


class Checklist(BaseModel):
    model_config = ConfigDict(extra="forbid")

    itens: Annotated[list[ItemVerificacao], Field(min_length=1)]


class DadosApurados(BaseModel):
    """O que os dados recebidos já dizem do município no ano, para apoiar a verificação."""

    unidades_por_tipo: dict[str, int]
    alertas_do_ano: dict[str, int]
    planos_por_situacao: dict[str, int]


class VerificacaoSaida(BaseModel):
    ibge7: str
    ano: int
    registrada: bool
    versao: int | None
    autor: str | None
    registrada_em: datetime | None
    itens: list[ItemVerificacao]
    metas_atendidas: int
    metas_nao_atendidas: int
    metas_sem_verificacao: int
    dados_apurados: DadosApurados
