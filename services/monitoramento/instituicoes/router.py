from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from services.monitoramento.planos import repository, service
from services.monitoramento.planos.schemas import InstituicaoSaida, NovaInstituicao
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import RelogioDep, SessaoDep, UoWDep
from shared.http.seguranca import UsuarioDep

router = APIRouter(prefix="/instituicoes-locais", tags=["instituições locais"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=InstituicaoSaida,
    summary="Registra uma instituição local (gestor municipal do município ou SPS)",
    description="Alvo possível de um plano de providências (Art. 1º: o município acompanha a sua rede local).",
    responses={403: ESQUEMA_PROBLEMA, 409: ESQUEMA_PROBLEMA, 422: ESQUEMA_PROBLEMA},
)
async def registrar(
    dados: NovaInstituicao, uow: UoWDep, usuario: UsuarioDep, agora: RelogioDep
) -> InstituicaoSaida:
    instituicao = await service.registrar_instituicao(
        sessao=uow.sessao, dados=dados, usuario=usuario, agora=agora
    )
    await uow.commit()
    return InstituicaoSaida.model_validate(instituicao, from_attributes=True)


@router.get(
    "", response_model=list[InstituicaoSaida], summary="Instituições locais, de um município ou de todos"
)
async def listar(
    sessao: SessaoDep,
    _usuario: UsuarioDep,
    ibge7: Annotated[str | None, Query(pattern=r"^\d{7}$")] = None,
) -> list[InstituicaoSaida]:
    return [
        InstituicaoSaida.model_validate(i, from_attributes=True)
        for i in await repository.instituicoes(sessao, ibge7)
    ]
