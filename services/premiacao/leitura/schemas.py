from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field


class PlanoDoCras(BaseModel):
    plano_id: str
    situacao: str
    ativo: bool


class CrasLeitura(BaseModel):
    """O que este serviço sabe de um CRAS (para conferir por que ele entra ou não numa apuração)."""

    id_cras: str
    ibge7: str
    nome: str
    anos_censo: list[int]
    idcras: dict[int, Decimal] = Field(description="IDCRAS por ano")
    meses_rma: dict[int, int] = Field(description="Quantos meses de RMA há por ano")
    rma_scfv: dict[int, dict[str, int | None]] = Field(
        description="Soma no ano de cada campo do SCFV no RMA (d1–d8); null = nenhum mês informado"
    )
    meses_sisc: dict[int, int] = Field(description="Quantos meses de SISC há por ano")
    planos_providencias: list[PlanoDoCras]
