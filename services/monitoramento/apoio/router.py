"""Rotas dos planos de apoio: a SPS elabora e executa; a CIB pactua."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from services.monitoramento.apoio import service
from services.monitoramento.planos import repository
from services.monitoramento.planos.rotas import (
    ERROS,
    ERROS_ALTERACAO,
    PlanoPath,
    registrar_andamento,
)
from services.monitoramento.planos.schemas import (
    ConteudoApoio,
    NovoPlanoApoio,
    PlanoApoioDetalhe,
)
from shared.http.concorrencia import VersaoLidaDep, marcar_versao
from shared.http.dependencias import RelogioDep, SessaoDep, UoWDep
from shared.http.seguranca import UsuarioDep
from shared.outbox import UnidadeDeTrabalho

router = APIRouter(prefix="/planos-apoio", tags=["planos de apoio"])


async def _responder(
    uow: UnidadeDeTrabalho, plano_id: str, response: Response, agora: RelogioDep
) -> PlanoApoioDetalhe:
    await uow.commit()
    apoio = await repository.plano_apoio(uow.sessao, plano_id)
    assert apoio is not None
    marcar_versao(response, apoio.versao)
    return await service.detalhe(uow.sessao, apoio, agora)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PlanoApoioDetalhe,
    summary="Elabora o plano de apoio de um plano de providências (SPS)",
    description="Ações de acompanhamento, assessoria técnica e apoio financeiro, cada uma ligada à dificuldade "
    "do plano de providências que enfrenta. Publica plano_apoio_elaborado.v1.",
    responses=ERROS,
)
async def elaborar(
    dados: NovoPlanoApoio, uow: UoWDep, usuario: UsuarioDep, agora: RelogioDep, response: Response
) -> PlanoApoioDetalhe:
    apoio = await service.elaborar(uow=uow, dados=dados, usuario=usuario, agora=agora)
    response.headers["Location"] = f"/api/v1/planos-apoio/{apoio.id}"
    return await _responder(uow, apoio.id, response, agora)


@router.get(
    "/{plano_id}",
    response_model=PlanoApoioDetalhe,
    summary="Plano de apoio com ações e linha do tempo",
    responses=ERROS,
)
async def ler(
    plano_id: PlanoPath, sessao: SessaoDep, usuario: UsuarioDep, agora: RelogioDep, response: Response
) -> PlanoApoioDetalhe:
    apoio, _ = await service.visivel_apoio(sessao, plano_id, usuario)
    marcar_versao(response, apoio.versao)
    return await service.detalhe(sessao, apoio, agora)


@router.put(
    "/{plano_id}",
    response_model=PlanoApoioDetalhe,
    summary="Edita o plano de apoio antes da pactuação (SPS; If-Match obrigatório)",
    responses=ERROS_ALTERACAO,
)
async def editar(
    *,
    plano_id: PlanoPath,
    conteudo: ConteudoApoio,
    uow: UoWDep,
    usuario: UsuarioDep,
    lida: VersaoLidaDep,
    agora: RelogioDep,
    response: Response,
) -> PlanoApoioDetalhe:
    await service.editar(
        uow=uow, plano_id=plano_id, conteudo=conteudo, usuario=usuario, lida=lida, agora=agora
    )
    return await _responder(uow, plano_id, response, agora)


registrar_andamento(
    router,
    transitar=service.transitar,
    atualizar_acao=service.atualizar_acao,
    responder=_responder,
    passos=(
        ("pactuacao-cib", "pactuar_cib", "Pactua o plano de apoio, com a resolução (CIB)"),
        ("execucao", "iniciar_execucao", "Inicia a execução do apoio (SPS)"),
        ("conclusao", "concluir", "Conclui, com todas as ações de apoio executadas (SPS)"),
    ),
    modelo=PlanoApoioDetalhe,
    descricao="[PREMISSA] ciclo elaborado → pactuado_cib → em_execucao → concluido (o texto do Art. 7º depois "
    "do §1º se perdeu). Papel errado → 403; situação errada → 409; versão velha → 412.",
    resumo_acao="Registra o andamento de uma ação de apoio (SPS)",
    prefixo_nome="apoio",
)
