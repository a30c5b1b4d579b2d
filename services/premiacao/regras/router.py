from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from services.premiacao.dominio.regras import RegrasPremio
from services.premiacao.regras import service
from services.premiacao.regras.schemas import HistoricoRegras, RegrasSaida
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import SessaoDep, UoWDep
from shared.http.seguranca import Papel, Usuario, UsuarioDep, exigir_papeis

router = APIRouter(prefix="/exercicios/{ano}/regras", tags=["regras"])
AnoPath = Annotated[int, Path(ge=2021, le=2100, description="Exercício (ano do prêmio)", examples=[2022])]


@router.get(
    "",
    response_model=RegrasSaida,
    summary="Regras vigentes do exercício",
    description="Anos t e t−1, fontes, pesos w1–w4, escala, prêmios e faixas, desempates, políticas de aptidão, "
    "data de referência do plano ativo e base legal; e as premissas do sistema com o valor em vigor.",
    responses={404: ESQUEMA_PROBLEMA},
)
async def obter(ano: AnoPath, sessao: SessaoDep, _usuario: UsuarioDep) -> RegrasSaida:
    return service.saida(await service.vigente(sessao=sessao, exercicio=ano))


@router.put(
    "",
    response_model=RegrasSaida,
    summary="Grava uma nova versão das regras do exercício (só gestor da SPS)",
    description="O conjunto se valida inteiro (pesos somam 1, faixas cobrem 1..N sem lacunas, total declarado = soma "
    "das faixas…) e todos os problemas voltam juntos. Cada mudança vira uma versão nova, com autor, momento e o "
    "antes e depois de cada campo; enviar o mesmo conteúdo não cria versão.",
    responses={403: ESQUEMA_PROBLEMA, 422: ESQUEMA_PROBLEMA},
)
async def gravar(
    ano: AnoPath,
    regras: RegrasPremio,
    uow: UoWDep,
    usuario: Annotated[Usuario, exigir_papeis(Papel.sps_gestor)],
) -> RegrasSaida:
    nova = await service.gravar(
        sessao=uow.sessao, exercicio=ano, regras=regras, autor=usuario.nome or usuario.sub
    )
    await uow.commit()
    return service.saida(nova or await service.vigente(sessao=uow.sessao, exercicio=ano))


@router.get(
    "/historico",
    response_model=HistoricoRegras,
    summary="Todas as versões das regras do exercício, com quem mudou o quê e quando",
)
async def historico(ano: AnoPath, sessao: SessaoDep, _usuario: UsuarioDep) -> HistoricoRegras:
    return HistoricoRegras(exercicio=ano, versoes=await service.historico(sessao=sessao, exercicio=ano))
