from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from services.monitoramento.planos.consultas import escopo_municipio
from services.monitoramento.prazos import service
from services.monitoramento.prazos.schemas import AvisoPrazos, Prazos, ResumoMunicipio
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import RelogioDep, SessaoDep
from shared.http.seguranca import Papel, Usuario, UsuarioDep, exigir_papeis

router = APIRouter(tags=["prazos e resumo"])


@router.get(
    "/prazos",
    response_model=Prazos,
    summary="Ações e planos vencidos e a vencer em N dias, por município ou do Estado",
    description="Vencida = prazo antes de hoje sem execução (ação) ou sem conclusão (plano). Sem ibge7, o Estado "
    "inteiro (usuário de município vê só o seu).",
    responses={403: ESQUEMA_PROBLEMA},
)
async def prazos(
    sessao: SessaoDep,
    usuario: UsuarioDep,
    agora: RelogioDep,
    dias: Annotated[int, Query(ge=0, le=3650, description="Janela dos que vencem em breve")] = 30,
    ibge7: Annotated[str | None, Query(pattern=r"^\d{7}$")] = None,
) -> Prazos:
    return await service.prazos(sessao, hoje=agora.date(), dias=dias, ibge7=escopo_municipio(usuario, ibge7))


@router.post(
    "/prazos/verificacao",
    response_model=AvisoPrazos,
    summary="Verifica agora os prazos vencidos e publica plano_providencias_prazo_vencido.v1 (SPS ou sistema)",
    description="O serviço faz isto sozinho de tempos em tempos; cada plano é avisado uma vez só.",
    responses={403: ESQUEMA_PROBLEMA},
)
async def verificar(
    request: Request,
    agora: RelogioDep,
    _usuario: Annotated[Usuario, exigir_papeis(Papel.sps_gestor, Papel.sps_tecnico, Papel.sistema)],
) -> AvisoPrazos:
    avisados = await service.verificar_prazos(request.app.state.runtime)
    return AvisoPrazos(referencia=agora.date(), planos_avisados=avisados)


@router.get(
    "/municipios/{ibge7}/resumo",
    response_model=ResumoMunicipio,
    summary="Resumo do acompanhamento de um município: planos ativos, ações atrasadas, alertas",
    responses={403: ESQUEMA_PROBLEMA},
)
async def resumo(
    ibge7: Annotated[str, Path(pattern=r"^\d{7}$")], sessao: SessaoDep, usuario: UsuarioDep, agora: RelogioDep
) -> ResumoMunicipio:
    return await service.resumo(sessao, ibge7=escopo_municipio(usuario, ibge7) or ibge7, hoje=agora.date())
