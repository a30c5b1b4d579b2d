from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from shared.erros import NaoEncontrado
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import SessaoDep
from shared.http.seguranca import UsuarioDep
from shared.municipios import repository
from shared.municipios.models import MunicipioMixin
from shared.municipios.schemas import MunicipioSaida, PaginaMunicipios

Ibge7Path = Annotated[
    str, Path(pattern=r"^\d{7}$", description="Código IBGE do município (7 dígitos)", examples=["2304400"])
]


def criar_router_municipios(modelo: type[MunicipioMixin]) -> APIRouter:
    router = APIRouter(prefix="/municipios", tags=["municípios"])

    @router.get(
        "", response_model=PaginaMunicipios, summary="Lista os municípios conhecidos por este serviço"
    )
    async def listar(
        sessao: SessaoDep,
        _usuario: UsuarioDep,
        pagina: Annotated[int, Query(ge=1)] = 1,
        tamanho: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> PaginaMunicipios:
        itens, total = await repository.listar(sessao, modelo, pagina=pagina, tamanho=tamanho)
        return PaginaMunicipios(
            itens=[MunicipioSaida.model_validate(m) for m in itens],
            total=total,
            pagina=pagina,
            tamanho=tamanho,
        )

    @router.get(
        "/{ibge7}",
        response_model=MunicipioSaida,
        summary="Dados de um município",
        responses={404: ESQUEMA_PROBLEMA},
    )
    async def obter(ibge7: Ibge7Path, sessao: SessaoDep, _usuario: UsuarioDep) -> MunicipioSaida:
        municipio = await repository.obter(sessao, modelo, ibge7)
        if municipio is None:
            raise NaoEncontrado(f"o município {ibge7} não está registrado neste serviço", ibge7=ibge7)
        return MunicipioSaida.model_validate(municipio)

    return router
