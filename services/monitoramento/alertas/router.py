"""Rotas dos alertas levantados pelos dados do Censo SUAS e do IDCRAS."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from services.monitoramento.alertas import service
from services.monitoramento.alertas.schemas import AlertaSaida, Conversao, Descarte, PaginaAlertas
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import RelogioDep, SessaoDep, UoWDep
from shared.http.seguranca import UsuarioDep

router = APIRouter(prefix="/alertas", tags=["alertas"])
AlertaPath = Annotated[str, Path(min_length=1, max_length=64)]
ERROS: dict[int | str, dict[str, Any]] = {
    403: ESQUEMA_PROBLEMA,
    404: ESQUEMA_PROBLEMA,
    409: ESQUEMA_PROBLEMA,
    422: ESQUEMA_PROBLEMA,
}


@router.get(
    "",
    response_model=PaginaAlertas,
    summary="Alertas, com filtros; traz os parâmetros das regras em vigor",
    description="Regras: dimensão do IDCRAS no nível mínimo, CRAS sem assistente social, unidade sem funcionamento. "
    "Município e CMAS veem só os do seu município.",
)
async def listar(
    *,
    request: Request,
    sessao: SessaoDep,
    usuario: UsuarioDep,
    ibge7: Annotated[str | None, Query(pattern=r"^\d{7}$")] = None,
    situacao: Annotated[str | None, Query(pattern="^(aberto|descartado|convertido)$")] = None,
    regra: Annotated[str | None, Query(max_length=40)] = None,
    ano: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    pagina: Annotated[int, Query(ge=1)] = 1,
    tamanho: Annotated[int, Query(ge=1, le=500)] = 50,
) -> PaginaAlertas:
    return await service.listar(
        sessao,
        usuario=usuario,
        regras=request.app.state.runtime.settings.alertas,
        ibge7=ibge7,
        situacao=situacao,
        regra=regra,
        ano=ano,
        pagina=pagina,
        tamanho=tamanho,
    )


@router.post(
    "/{alerta_id}/descarte",
    response_model=AlertaSaida,
    summary="Descarta o alerta, com o motivo (SPS)",
    responses=ERROS,
)
async def descartar(
    alerta_id: AlertaPath, descarte: Descarte, uow: UoWDep, usuario: UsuarioDep, agora: RelogioDep
) -> AlertaSaida:
    alerta = await service.descartar(
        sessao=uow.sessao, alerta_id=alerta_id, descarte=descarte, usuario=usuario, agora=agora
    )
    await uow.commit()
    return await service.detalhe(uow.sessao, alerta)


@router.post(
    "/{alerta_id}/conversao",
    response_model=AlertaSaida,
    summary="Converte o alerta em dificuldade de um plano em elaboração ou de um plano novo (SPS ou município)",
    responses=ERROS,
)
async def converter(
    alerta_id: AlertaPath, conversao: Conversao, uow: UoWDep, usuario: UsuarioDep, agora: RelogioDep
) -> AlertaSaida:
    alerta = await service.converter(
        uow=uow, alerta_id=alerta_id, conversao=conversao, usuario=usuario, agora=agora
    )
    await uow.commit()
    return await service.detalhe(uow.sessao, alerta)
