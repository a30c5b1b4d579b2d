"""Rotas dos planos de providências: cada transição do ciclo de vida é um endpoint com o seu papel."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Response, status

from services.monitoramento.planos import consultas, exportacao, repository, service
from services.monitoramento.planos.repository import FiltrosPlanos
from services.monitoramento.planos.rotas import (
    ERROS,
    ERROS_ALTERACAO,
    PlanoPath,
    registrar_andamento,
)
from services.monitoramento.planos.schemas import (
    AcompanhamentoEntrada,
    ConteudoPlano,
    NovoPlano,
    PaginaPlanos,
    PlanoDetalhe,
    TransicaoEntrada,
)
from shared.eventos.esquemas import ORIGEM_DIFICULDADE, SITUACAO_PLANO_PROVIDENCIAS
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.concorrencia import VersaoLidaDep, marcar_versao
from shared.http.dependencias import RelogioDep, SessaoDep, UoWDep
from shared.http.seguranca import Conselho, UsuarioDep
from shared.outbox import UnidadeDeTrabalho
from shared.planilhas import RESPOSTAS_PLANILHA, resposta

router = APIRouter(prefix="/planos-providencias", tags=["planos de providências"])


def _filtros(
    *,
    situacao: Annotated[SITUACAO_PLANO_PROVIDENCIAS | None, Query()] = None,
    ibge7: Annotated[str | None, Query(pattern=r"^\d{7}$")] = None,
    origem: Annotated[
        ORIGEM_DIFICULDADE | None, Query(description="Origem de alguma dificuldade do plano")
    ] = None,
    atrasado: Annotated[
        bool | None, Query(description="Planos ativos com ação atrasada ou prazo do plano vencido")
    ] = None,
    exigido: Annotated[
        bool | None, Query(description="Planos exigidos por bloqueio (saldo acumulado)")
    ] = None,
    ativo: Annotated[bool | None, Query(description="Ativo = nem concluído nem cancelado")] = None,
) -> FiltrosPlanos:
    return FiltrosPlanos(
        situacao=situacao, ibge7=ibge7, origem=origem, atrasado=atrasado, exigido=exigido, ativo=ativo
    )


Filtros = Annotated[FiltrosPlanos, Depends(_filtros)]


async def _responder(
    uow: UnidadeDeTrabalho, plano_id: str, response: Response, agora: RelogioDep
) -> PlanoDetalhe:
    """Confirma a transação e devolve o plano como ficou, com o ETag da versão nova."""
    await uow.commit()
    plano = await repository.plano(uow.sessao, plano_id)
    assert plano is not None
    marcar_versao(response, plano.versao)
    return await consultas.detalhe(uow.sessao, plano, agora.date())


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PlanoDetalhe,
    summary="Elabora um plano de providências (gestor municipal do município)",
    description="Começa em rascunho. Dificuldades com origem e evidência; ações com responsável e prazo "
    "(exigidos para submeter). Publica plano_providencias_criado.v1.",
    responses=ERROS,
)
async def criar(
    dados: NovoPlano, uow: UoWDep, usuario: UsuarioDep, agora: RelogioDep, response: Response
) -> PlanoDetalhe:
    plano = await service.criar(uow=uow, dados=dados, usuario=usuario, agora=agora)
    response.headers["Location"] = f"/api/v1/planos-providencias/{plano.id}"
    return await _responder(uow, plano.id, response, agora)


@router.get(
    "", response_model=PaginaPlanos, summary="Planos, com filtros (situação, município, origem, atraso…)"
)
async def listar(
    *,
    filtros: Filtros,
    sessao: SessaoDep,
    usuario: UsuarioDep,
    agora: RelogioDep,
    pagina: Annotated[int, Query(ge=1)] = 1,
    tamanho: Annotated[int, Query(ge=1, le=500)] = 50,
) -> PaginaPlanos:
    return await consultas.listar(
        sessao, filtros=filtros, usuario=usuario, hoje=agora.date(), pagina=pagina, tamanho=tamanho
    )


@router.get(
    ".{formato}",
    summary="Exporta os planos filtrados, uma linha por ação (CSV ou XLSX)",
    response_class=Response,
    responses={**RESPOSTAS_PLANILHA, 422: ESQUEMA_PROBLEMA},
)
async def exportar(
    formato: Annotated[Literal["csv", "xlsx"], Path()],
    filtros: Filtros,
    sessao: SessaoDep,
    usuario: UsuarioDep,
    agora: RelogioDep,
) -> Response:
    conteudo = await exportacao.exportar(
        sessao, filtros=filtros, usuario=usuario, agora=agora, formato=formato
    )
    return resposta(conteudo, formato=formato, arquivo=f"planos_providencias_{agora:%Y%m%d}")


@router.get(
    "/{plano_id}",
    response_model=PlanoDetalhe,
    summary="Plano com dificuldades, ações, deliberações, acompanhamentos e a linha do tempo completa",
    description="O cabeçalho ETag traz a versão; envie-a em If-Match para alterar o plano.",
    responses=ERROS,
)
async def ler(
    plano_id: PlanoPath, sessao: SessaoDep, usuario: UsuarioDep, agora: RelogioDep, response: Response
) -> PlanoDetalhe:
    plano = await service.visivel(sessao, plano_id, usuario)
    marcar_versao(response, plano.versao)
    return await consultas.detalhe(sessao, plano, agora.date())


@router.put(
    "/{plano_id}",
    response_model=PlanoDetalhe,
    summary="Edita o plano em rascunho ou devolvido (gestor municipal; If-Match obrigatório)",
    description="Substitui título, unidades, prazo, dificuldades e ações; mande o `id` do que já existe para "
    "mantê-lo. Mudança de unidades ou de prazo publica plano_providencias_alterado.v1.",
    responses=ERROS_ALTERACAO,
)
async def editar(
    *,
    plano_id: PlanoPath,
    conteudo: ConteudoPlano,
    uow: UoWDep,
    usuario: UsuarioDep,
    lida: VersaoLidaDep,
    agora: RelogioDep,
    response: Response,
) -> PlanoDetalhe:
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
        ("submissao", "submeter", "Submete ao CMAS (gestor municipal)"),
        ("aprovacao-cmas", "aprovar_cmas", "Aprova, com a resolução (CMAS do município)"),
        ("pactuacao-cib", "pactuar_cib", "Pactua, com a resolução (CIB)"),
        ("execucao", "iniciar_execucao", "Inicia a execução (gestor municipal ou SPS)"),
        ("conclusao", "concluir", "Conclui, com todas as ações executadas (SPS)"),
        ("cancelamento", "cancelar", "Cancela, com o motivo (SPS)"),
    ),
    modelo=PlanoDetalhe,
    descricao="Transição do ciclo de vida (Portaria SPS 352/2023, Art. 6º). Papel errado → 403; situação "
    "que não permite a transição → 409 com a situação atual e as possíveis; versão velha → 412.",
    resumo_acao="Registra o andamento de uma ação: pendente → em_andamento → executada (município ou SPS)",
    prefixo_nome="plano",
)


@router.post(
    "/{plano_id}/devolucao",
    response_model=PlanoDetalhe,
    summary="Devolve ao município, com os motivos (CMAS do município, se submetido; CIB, se aprovado pelo CMAS)",
    responses=ERROS_ALTERACAO,
)
async def devolver(
    *,
    plano_id: PlanoPath,
    entrada: TransicaoEntrada,
    uow: UoWDep,
    usuario: UsuarioDep,
    lida: VersaoLidaDep,
    agora: RelogioDep,
    response: Response,
) -> PlanoDetalhe:
    nome = "devolver_cib" if usuario.conselho is Conselho.cib else "devolver_cmas"
    await service.transitar(
        uow=uow, plano_id=plano_id, nome=nome, entrada=entrada, usuario=usuario, lida=lida, agora=agora
    )
    return await _responder(uow, plano_id, response, agora)


@router.post(
    "/{plano_id}/acompanhamentos",
    status_code=status.HTTP_201_CREATED,
    response_model=PlanoDetalhe,
    summary="Registra um acompanhamento da execução: data, o que foi visto, evidência (CMAS do município ou SPS)",
    responses={**ERROS, 409: ESQUEMA_PROBLEMA},
)
async def acompanhar(
    *,
    plano_id: PlanoPath,
    entrada: AcompanhamentoEntrada,
    uow: UoWDep,
    usuario: UsuarioDep,
    agora: RelogioDep,
    response: Response,
) -> PlanoDetalhe:
    await service.acompanhar(uow=uow, plano_id=plano_id, entrada=entrada, usuario=usuario, agora=agora)
    return await _responder(uow, plano_id, response, agora)
