"""Corpos da API das contas bancárias por bloco."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


def _conta_canonica(conta: str) -> str:
    """'0012345-x' e '12345-X' são a mesma conta: sem zeros à esquerda e com o dígito em maiúscula."""
    numero, digito = conta.split("-")
    return f"{numero.lstrip('0') or '0'}-{digito.upper()}"


class ContaEntrada(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    banco: Annotated[
        str,
        Field(
            pattern=r"^\d{3}$", description="Código do banco (COMPE), 3 dígitos: 001, 104…", examples=["001"]
        ),
    ]
    agencia: Annotated[
        str,
        Field(
            pattern=r"^\d{4}$", description="Agência, 4 dígitos, sem o dígito verificador", examples=["1234"]
        ),
    ]
    conta: Annotated[
        str,
        Field(
            pattern=r"^\d{1,20}-[0-9Xx]$",
            description="Número da conta e o dígito verificador depois do hífen",
            examples=["12345-6"],
        ),
        AfterValidator(_conta_canonica),
    ]


class ContaSaida(BaseModel):
    ibge7: str
    bloco: str
    banco: str
    agencia: str
    conta: str
    versao: int = Field(description="Também no ETag; envie-a em If-Match para trocar a conta")
    atualizada_por: str
    atualizada_em: datetime


class PassoConta(BaseModel):
    bloco: str
    versao: int
    banco: str
    agencia: str
    conta: str
    autor: str
    papeis: list[str]
    momento: datetime


class ContasMunicipio(BaseModel):
    ibge7: str
    nome: str | None
    contas: list[ContaSaida]
    blocos_sem_conta: list[str] = Field(
        description="Blocos sem conta registrada: as parcelas deles não se pagam"
    )
    historico: list[PassoConta] = Field(
        description="Cada registro ou troca de conta, do mais antigo ao mais novo"
    )
