from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from services.ingestao.lotes import repository
from services.ingestao.lotes.schemas import LoteSaida
from shared.erros import NaoEncontrado
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import SessaoDep
from shared.http.seguranca import UsuarioDep

router = APIRouter(prefix="/lotes", tags=["lotes"])


@router.get(
    "/{lote_id}",
    response_model=LoteSaida,
    summary="Situação e contagens de um lote",
    responses={404: ESQUEMA_PROBLEMA},
)
async def obter_lote(
    lote_id: Annotated[str, Path(max_length=36)], sessao: SessaoDep, _u: UsuarioDep
) -> LoteSaida:
    lote = await repository.obter(sessao, lote_id)
    if lote is None:
        raise NaoEncontrado(f"lote {lote_id} não encontrado")
    return LoteSaida.model_validate(lote)
