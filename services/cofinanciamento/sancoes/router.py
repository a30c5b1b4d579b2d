from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel

from services.cofinanciamento.sancoes import repository
from shared.http.dependencias import SessaoDep
from shared.http.seguranca import UsuarioDep

router = APIRouter(tags=["sanções"])


class EstadoBloco(BaseModel):
    bloco: str
    estado: str
    bloqueio_id: str | None
    desde: datetime


class PassoSancao(BaseModel):
    bloco: str
    de: str
    para: str
    transicao: str
    bloqueio_id: str
    saldo: Decimal
    parcela_mensal: Decimal
    motivo: str
    momento: datetime


class SancoesMunicipio(BaseModel):
    ibge7: str
    blocos: list[EstadoBloco]
    historico: list[PassoSancao]


@router.get(
    "/municipios/{ibge7}/sancoes",
    response_model=SancoesMunicipio,
    summary="Bloqueio e suspensão por saldo acumulado de cada bloco do município, com o histórico e o porquê",
    description="Ato SPS de 17/10/2023, Art. 13: saldo ≥ limite × parcela mensal bloqueia; prazo do plano de "
    "providências vencido com o saldo parado suspende; plano concluído e saldo abaixo do limite retomam. "
    "Bloco sem linha aqui está regular.",
)
async def sancoes(
    ibge7: Annotated[str, Path(pattern=r"^\d{7}$")], sessao: SessaoDep, _usuario: UsuarioDep
) -> SancoesMunicipio:
    return SancoesMunicipio(
        ibge7=ibge7,
        blocos=[
            EstadoBloco.model_validate(s, from_attributes=True)
            for s in (await repository.do_municipio(sessao, ibge7))
        ],
        historico=[
            PassoSancao.model_validate(h, from_attributes=True)
            for h in await repository.historico(sessao, ibge7)
        ],
    )
