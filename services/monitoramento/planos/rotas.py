"""Peças comuns às rotas dos planos de providências e de apoio: erros documentados e os endpoints de transição."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Path, Response

from services.monitoramento.planos.schemas import SituacaoAcaoEntrada, TransicaoEntrada
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


class Transitar(Protocol):
    def __call__(
        self,
        *,
        uow: UnidadeDeTrabalho,
        plano_id: str,
        nome: str,
        entrada: TransicaoEntrada,
        usuario: Usuario,
        lida: int,
        agora: datetime,
    ) -> Awaitable[object]: ...


class AtualizarAcao(Protocol):
    def __call__(
        self,
        *,
        uow: UnidadeDeTrabalho,
        plano_id: str,
        acao_id: str,
        entrada: SituacaoAcaoEntrada,
        usuario: Usuario,
        lida: int,
        agora: datetime,
    ) -> Awaitable[object]: ...


Responder = Callable[[UnidadeDeTrabalho, str, Response, datetime], Awaitable[Any]]


def registrar_andamento(
    router: APIRouter,
    *,
    transitar: Transitar,
    atualizar_acao: AtualizarAcao,
    responder: Responder,
    passos: tuple[tuple[str, str, str], ...],
    modelo: type[Any],
    descricao: str,
    resumo_acao: str,
    prefixo_nome: str,
) -> None:
    """POST /{plano_id}/<caminho> por transição (caminho, nome, resumo) e PATCH /{plano_id}/acoes/{acao_id}."""
    for caminho, nome, resumo in passos:
        router.add_api_route(
            f"/{{plano_id}}/{caminho}",
            _transicao(transitar, responder, nome),
            methods=["POST"],
            response_model=modelo,
            summary=resumo,
            description=descricao,
            responses=ERROS_ALTERACAO,
            name=f"{prefixo_nome}_{nome}",
        )

    async def acao(
        *,
        plano_id: PlanoPath,
        acao_id: Annotated[str, Path(min_length=1, max_length=64)],
        entrada: SituacaoAcaoEntrada,
        uow: UoWDep,
        usuario: UsuarioDep,
        lida: VersaoLidaDep,
        agora: RelogioDep,
        response: Response,
    ) -> Any:
        await atualizar_acao(
            uow=uow,
            plano_id=plano_id,
            acao_id=acao_id,
            entrada=entrada,
            usuario=usuario,
            lida=lida,
            agora=agora,
        )
        return await responder(uow, plano_id, response, agora)

    router.add_api_route(
        "/{plano_id}/acoes/{acao_id}",
        acao,
        methods=["PATCH"],
        response_model=modelo,
        summary=resumo_acao,
        description="Só com o plano em execução; a ação anda um passo por vez (senão 409); versão velha → 412.",
        responses=ERROS_ALTERACAO,
        name=f"{prefixo_nome}_atualizar_acao",
    )


def _transicao(transitar: Transitar, responder: Responder, nome: str) -> Callable[..., Awaitable[Any]]:
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
        await transitar(
            uow=uow,
            plano_id=plano_id,
            nome=nome,
            entrada=entrada or TransicaoEntrada(),
            usuario=usuario,
            lida=lida,
            agora=agora,
        )
        return await responder(uow, plano_id, response, agora)

    return endpoint
