"""Rotas das contas bancárias por bloco (Art. 26)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from sqlalchemy.exc import IntegrityError

from services.cofinanciamento.contas import service
from services.cofinanciamento.contas.schemas import ContaEntrada, ContaSaida, ContasMunicipio
from services.cofinanciamento.dominio.regras import Bloco
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.concorrencia import VersaoLidaOpcionalDep, marcar_versao
from shared.http.dependencias import RelogioDep, SessaoDep, UoWDep
from shared.http.seguranca import UsuarioDep

router = APIRouter(prefix="/municipios/{ibge7}/contas", tags=["contas bancárias"])
Ibge7Path = Annotated[str, Path(pattern=r"^\d{7}$")]


@router.get(
    "",
    response_model=ContasMunicipio,
    summary="Contas do município por bloco, os blocos ainda sem conta e o histórico de registros e trocas",
)
async def listar(ibge7: Ibge7Path, sessao: SessaoDep, _usuario: UsuarioDep) -> ContasMunicipio:
    return await service.do_municipio(sessao, ibge7=ibge7)


@router.get(
    "/{bloco}",
    response_model=ContaSaida,
    summary="Conta de um bloco do município (o ETag traz a versão, para trocá-la)",
    responses={404: ESQUEMA_PROBLEMA},
)
async def ler(
    ibge7: Ibge7Path, bloco: Bloco, sessao: SessaoDep, _usuario: UsuarioDep, response: Response
) -> ContaSaida:
    conta = await service.ler(sessao, ibge7=ibge7, bloco=bloco)
    marcar_versao(response, conta.versao)
    return conta


@router.put(
    "/{bloco}",
    response_model=ContaSaida,
    summary="Registra ou troca a conta específica do bloco (gestor municipal do município ou SPS)",
    description="Decreto nº 34.262/2021, Art. 26: o repasse de cada bloco entra numa conta específica. Uma conta "
    "(mesmo banco, agência e conta, de qualquer município) já ligada a outro bloco → 409 (parágrafo único: conta "
    "centralizadora vedada). Trocar a conta exige If-Match com o ETag da leitura (428 sem ele, 412 se mudou). "
    "Cada registro fica no histórico.",
    responses={
        403: ESQUEMA_PROBLEMA,
        409: ESQUEMA_PROBLEMA,
        412: ESQUEMA_PROBLEMA,
        422: ESQUEMA_PROBLEMA,
        428: ESQUEMA_PROBLEMA,
    },
)
async def registrar(
    *,
    ibge7: Ibge7Path,
    bloco: Bloco,
    dados: ContaEntrada,
    uow: UoWDep,
    usuario: UsuarioDep,
    lida: VersaoLidaOpcionalDep,
    agora: RelogioDep,
    response: Response,
) -> ContaSaida:
    conta = await service.registrar(
        sessao=uow.sessao, ibge7=ibge7, bloco=bloco, dados=dados, usuario=usuario, lida=lida, agora=agora
    )
    try:
        await uow.commit()
    except IntegrityError:
        # Duas requisições gravaram ao mesmo tempo a mesma conta, ou a primeira conta do mesmo bloco.
        raise service.ContaCompartilhada(
            f"outra requisição registrou agora a mesma conta, ou a conta deste bloco: leia as contas de novo "
            f"({service.ART_26_UNICO})"
        ) from None
    marcar_versao(response, conta.versao)
    return ContaSaida.model_validate(conta, from_attributes=True)
