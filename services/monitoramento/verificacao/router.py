from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from services.monitoramento.verificacao import service
from services.monitoramento.verificacao.schemas import Checklist, VerificacaoSaida
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.concorrencia import VersaoLidaOpcionalDep, marcar_versao
from shared.http.dependencias import SessaoDep, UoWDep
from shared.http.seguranca import UsuarioDep

router = APIRouter(prefix="/municipios/{ibge7}/verificacoes/{ano}", tags=["verificação anual"])
Ibge7Path = Annotated[str, Path(pattern=r"^\d{7}$")]
AnoPath = Annotated[int, Path(ge=2000, le=2100)]


@router.get(
    "",
    response_model=VerificacaoSaida,
    summary="Verificação anual do município: metas, alcançado e dados apurados",
)
async def ler(
    ibge7: Ibge7Path, ano: AnoPath, sessao: SessaoDep, _usuario: UsuarioDep, response: Response
) -> VerificacaoSaida:
    saida = await service.ler(sessao, ibge7=ibge7, ano=ano)
    if saida.versao is not None:
        marcar_versao(response, saida.versao)
    return saida


@router.put(
    "",
    response_model=VerificacaoSaida,
    summary="Registra a verificação anual (SPS); para alterar uma já registrada, If-Match com a versão lida",
    responses={403: ESQUEMA_PROBLEMA, 412: ESQUEMA_PROBLEMA, 422: ESQUEMA_PROBLEMA},
)
async def registrar(
    *,
    ibge7: Ibge7Path,
    ano: AnoPath,
    checklist: Checklist,
    uow: UoWDep,
    usuario: UsuarioDep,
    response: Response,
    lida: VersaoLidaOpcionalDep,
) -> VerificacaoSaida:
    await service.registrar(
        sessao=uow.sessao, ibge7=ibge7, ano=ano, checklist=checklist, usuario=usuario, lida=lida
    )
    await uow.commit()
    saida = await service.ler(uow.sessao, ibge7=ibge7, ano=ano)
    assert saida.versao is not None
    marcar_versao(response, saida.versao)
    return saida
