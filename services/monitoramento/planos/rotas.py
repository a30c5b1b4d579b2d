"""Peças comuns às rotas dos planos de providências e de apoio: erros documentados e os endpoints de transição."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from services.monitoramento.planos.schemas import TransicaoEntrada
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.concorrencia import VersaoLidaDep
from shared.http.dependencias import RelogioDep, UoWDep
from shared.http.seguranca import Usuario, UsuarioDep
from shared.outbox import UnidadeDeTrabalho

PlanoPath = Annotated[str, Path(min_length=1, max_length=64, description="Identificador do plano")]
ERROS: dict[int | str, dict[str, Any]] = {403: ESQUEMA_PROBLEMA, 404: ESQUEMA_PROBLEMA, 422: ESQUEMA_PROBLEMA}
ERROS_ALTERACAO: dict[int | str, dict[str, Any]] = {
    **ERROS,
    409: ESQUEMA_PROBLEMA,
    412: ESQUEMA_PROBLEMA,
    428: ESQUEMA_PROBLEMA,
}


class Transitar:
    """Assinatura do serviço de transição: (uow, plano, nome da transição, entrada, usuário, versão lida, agora)."""

    def __init__(
        self,
        executar: Callable[
            [UnidadeDeTrabalho, str, str, TransicaoEntrada, Usuario, int, datetime], Awaitable[object]
        ],
        responder: Callable[[UnidadeDeTrabalho, str, Response, datetime], Awaitable[Any]],
    ) -> None:
        self.executar = executar
        self.responder = responder


def registrar_transicoes(
    router: APIRouter,
    transitar: Transitar,
    passos: tuple[tuple[str, str, str], ...],
    *,
    modelo: type[Any],
    descricao: str,
    prefixo_nome: str,
) -> None:
    """Um endpoint POST /{plano_id}/<caminho> por transição (caminho, nome da transição, resumo)."""
    for caminho, nome, resumo in passos:
        router.add_api_route(
            f"/{{plano_id}}/{caminho}",
            _endpoint(transitar, nome),
            methods=["POST"],
            response_model=modelo,
            summary=resumo,
            description=descricao,
            responses=ERROS_ALTERACAO,
            name=f"{prefixo_nome}_{nome}",
        )


def _endpoint(transitar: Transitar, nome: str) -> Callable[..., Awaitable[Any]]:
    async def endpoint(
        *,
        plano_id: PlanoPath,
        uow: UoWDep,
        usuario: UsuarioDep,
        lida: VersaoLidaDep,
        agora: RelogioDep,
        response: Response,
        entrada: TransicaoEntrada | None = None,
    ) -> Any:
        await transitar.executar(uow, plano_id, nome, entrada or TransicaoEntrada(), usuario, lida, agora)
        return await transitar.responder(uow, plano_id, response, agora)

    return endpoint
