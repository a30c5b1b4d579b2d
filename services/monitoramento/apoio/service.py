"""Plano de apoio: a SPS o elabora a partir de um plano de providências; cada ação enfrenta uma dificuldade dele."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoramento.dominio import ciclo
from services.monitoramento.dominio.ciclo import TRANSICOES_APOIO, Ator, SituacaoAcao, SituacaoApoio
from services.monitoramento.planos import acesso, andamento, consultas, repository
from services.monitoramento.planos.andamento import PrecondicaoNaoAtendida, novo_id, registrar_do_usuario
from services.monitoramento.planos.models import AcaoApoio, PlanoApoio, PlanoProvidencias
from services.monitoramento.planos.schemas import (
    AcaoApoioSaida,
    ConteudoApoio,
    NovoPlanoApoio,
    PlanoApoioDetalhe,
    SituacaoAcaoEntrada,
    TransicaoEntrada,
)
from services.monitoramento.planos.service import visivel
from shared.erros import Conflito, DadosInvalidos, NaoEncontrado
from shared.eventos.esquemas import (
    PlanoApoioConcluido,
    PlanoApoioElaborado,
    PlanoApoioEmExecucao,
    PlanoApoioEvento,
    PlanoApoioPactuadoCib,
)
from shared.http.concorrencia import conferir_versao
from shared.http.seguranca import Usuario
from shared.outbox import UnidadeDeTrabalho

EVENTO_DA_TRANSICAO: dict[str, type[PlanoApoioEvento]] = {
    "pactuar_cib": PlanoApoioPactuadoCib,
    "iniciar_execucao": PlanoApoioEmExecucao,
    "concluir": PlanoApoioConcluido,
}


def _evento(
    classe: type[PlanoApoioEvento], apoio: PlanoApoio, providencias: PlanoProvidencias, autor: str
) -> PlanoApoioEvento:
    return classe(
        plano_apoio_id=apoio.id,
        plano_providencias_id=providencias.id,
        ibge7=apoio.ibge7,
        unidades=tuple(providencias.unidades),
        situacao=apoio.situacao,
        situacao_desde=apoio.situacao_desde,
        versao_plano=apoio.versao,
        autor=autor,
    )


async def _gravar_acoes(sessao: AsyncSession, apoio: PlanoApoio, conteudo: ConteudoApoio) -> None:
    """Cada ação enfrenta uma dificuldade do plano de providências; valor só no apoio financeiro."""
    dificuldades = {d.id for d in await repository.dificuldades(sessao, apoio.plano_providencias_id)}
    existentes = {a.id: a for a in await repository.acoes_apoio(sessao, apoio.id)}
    erros = []
    for i, a in enumerate(conteudo.acoes):
        if a.dificuldade_id not in dificuldades:
            erros.append(
                {
                    "campo": f"acoes[{i}].dificuldade_id",
                    "valor": a.dificuldade_id,
                    "motivo": "não é uma dificuldade do plano de providências apoiado",
                }
            )
        if a.valor is not None and a.tipo != "apoio_financeiro":
            erros.append(
                {
                    "campo": f"acoes[{i}].valor",
                    "valor": str(a.valor),
                    "motivo": f"valor só cabe em apoio_financeiro, não em {a.tipo}",
                }
            )
        if a.id is not None and a.id not in existentes:
            erros.append(
                {"campo": f"acoes[{i}].id", "valor": a.id, "motivo": "não é uma ação deste plano de apoio"}
            )
    if erros:
        raise DadosInvalidos(
            f"o plano de apoio tem {len(erros)} problema(s): "
            + "; ".join(f"{e['campo']} = {e['valor']!r}: {e['motivo']}" for e in erros),
            erros=erros,
        )
    mantidas = {a.id for a in conteudo.acoes if a.id}
    for gravada in existentes.values():
        if gravada.id not in mantidas:
            await repository.remover(sessao, gravada)
    apoio.objetivo = conteudo.objetivo
    for ordem, a in enumerate(conteudo.acoes):
        acao = existentes.get(a.id or "")
        if acao is None:
            acao = AcaoApoio(id=novo_id(), plano_apoio_id=apoio.id, situacao=SituacaoAcao.pendente.value)
            repository.adicionar(sessao, acao)
        acao.ordem, acao.tipo, acao.dificuldade_id, acao.descricao = (
            ordem,
            a.tipo,
            a.dificuldade_id,
            a.descricao,
        )
        acao.responsavel, acao.prazo, acao.valor = a.responsavel, a.prazo, a.valor


async def visivel_apoio(
    sessao: AsyncSession, plano_id: str, usuario: Usuario, *, para_alterar: bool = False
) -> tuple[PlanoApoio, PlanoProvidencias]:
    apoio = await repository.plano_apoio(sessao, plano_id, para_alterar=para_alterar)
    if apoio is None:
        raise acesso.nao_encontrado("plano de apoio", plano_id)
    try:
        providencias = await visivel(sessao, apoio.plano_providencias_id, usuario)
    except NaoEncontrado:
        raise acesso.nao_encontrado("plano de apoio", plano_id) from None
    return apoio, providencias


async def elaborar(
    *, uow: UnidadeDeTrabalho, dados: NovoPlanoApoio, usuario: Usuario, agora: datetime
) -> PlanoApoio:
    """Art. 7º: o plano de apoio decorre de um plano de providências e é planejado pela SPS."""
    providencias = await visivel(uow.sessao, dados.plano_providencias_id, usuario)
    acesso.exigir_ator(usuario, providencias.ibge7, {Ator.sps}, o_que="elaborar o plano de apoio (Art. 7º)")
    if not ciclo.ativo(providencias.situacao):
        raise Conflito(
            f"o plano de providências {providencias.id} está {providencias.situacao}; só um plano ativo recebe plano de apoio",
            situacao_atual=providencias.situacao,
        )
    apoio = PlanoApoio(
        id=novo_id(),
        plano_providencias_id=providencias.id,
        ibge7=providencias.ibge7,
        objetivo=dados.objetivo,
        situacao=SituacaoApoio.elaborado.value,
        situacao_desde=agora,
        versao=1,
        criado_por=acesso.autor(usuario),
        criado_em=agora,
    )
    repository.adicionar(uow.sessao, apoio)
    await uow.sessao.flush()
    await _gravar_acoes(uow.sessao, apoio, dados)
    registrar_do_usuario(
        uow.sessao,
        apoio,
        usuario,
        agora,
        acao="elaborado",
        situacao_para=apoio.situacao,
        detalhes={"acoes": len(dados.acoes)},
    )
    uow.publicar(_evento(PlanoApoioElaborado, apoio, providencias, acesso.autor(usuario)))
    return apoio


async def editar(
    *,
    uow: UnidadeDeTrabalho,
    plano_id: str,
    conteudo: ConteudoApoio,
    usuario: Usuario,
    lida: int,
    agora: datetime,
) -> PlanoApoio:
    apoio, providencias = await visivel_apoio(uow.sessao, plano_id, usuario, para_alterar=True)
    acesso.exigir_ator(usuario, providencias.ibge7, {Ator.sps}, o_que="editar o plano de apoio")
    if apoio.situacao != SituacaoApoio.elaborado:
        raise Conflito(
            f"o plano de apoio está {apoio.situacao}; só se edita antes da pactuação (elaborado)",
            situacao_atual=apoio.situacao,
            transicoes_possiveis=ciclo.possiveis(TRANSICOES_APOIO, apoio.situacao),
        )
    conferir_versao(atual=apoio.versao, lida=lida, recurso=f"o plano de apoio {apoio.id}")
    await _gravar_acoes(uow.sessao, apoio, conteudo)
    apoio.versao += 1
    registrar_do_usuario(
        uow.sessao, apoio, usuario, agora, acao="editado", detalhes={"acoes": len(conteudo.acoes)}
    )
    return apoio


async def transitar(
    *,
    uow: UnidadeDeTrabalho,
    plano_id: str,
    nome: str,
    entrada: TransicaoEntrada,
    usuario: Usuario,
    lida: int,
    agora: datetime,
) -> PlanoApoio:
    apoio, providencias = await visivel_apoio(uow.sessao, plano_id, usuario, para_alterar=True)

    async def todas_executadas() -> None:
        if nome != "concluir":
            return
        pendentes = [
            f"a ação de apoio {a.descricao!r} está {a.situacao}, não executada"
            for a in await repository.acoes_apoio(uow.sessao, apoio.id)
            if a.situacao != SituacaoAcao.executada
        ]
        if pendentes:
            raise PrecondicaoNaoAtendida(
                "o plano de apoio só se conclui com todas as ações executadas: " + "; ".join(pendentes),
                problemas=pendentes,
                situacao_atual=apoio.situacao,
            )

    await andamento.transitar(
        sessao=uow.sessao,
        plano=apoio,
        tabela=TRANSICOES_APOIO,
        nome=nome,
        entrada=entrada,
        usuario=usuario,
        lida=lida,
        agora=agora,
        recurso=f"o plano de apoio {apoio.id}",
        precondicoes=todas_executadas,
    )
    uow.publicar(_evento(EVENTO_DA_TRANSICAO[nome], apoio, providencias, acesso.autor(usuario)))
    return apoio


async def atualizar_acao(
    *,
    uow: UnidadeDeTrabalho,
    plano_id: str,
    acao_id: str,
    entrada: SituacaoAcaoEntrada,
    usuario: Usuario,
    lida: int,
    agora: datetime,
) -> PlanoApoio:
    apoio, providencias = await visivel_apoio(uow.sessao, plano_id, usuario, para_alterar=True)
    acesso.exigir_ator(
        usuario, providencias.ibge7, {Ator.sps}, o_que="registrar o andamento de uma ação de apoio"
    )
    await andamento.andar_acao(
        sessao=uow.sessao,
        plano=apoio,
        tabela=TRANSICOES_APOIO,
        acoes=await repository.acoes_apoio(uow.sessao, apoio.id),
        acao_id=acao_id,
        entrada=entrada,
        usuario=usuario,
        lida=lida,
        agora=agora,
        recurso=f"o plano de apoio {apoio.id}",
    )
    return apoio


async def detalhe(sessao: AsyncSession, apoio: PlanoApoio, agora: datetime) -> PlanoApoioDetalhe:
    hoje = agora.date()
    return PlanoApoioDetalhe(
        id=apoio.id,
        plano_providencias_id=apoio.plano_providencias_id,
        ibge7=apoio.ibge7,
        objetivo=apoio.objetivo,
        situacao=apoio.situacao,
        situacao_desde=apoio.situacao_desde,
        versao=apoio.versao,
        acoes=[
            AcaoApoioSaida(
                id=a.id,
                tipo=a.tipo,
                dificuldade_id=a.dificuldade_id,
                descricao=a.descricao,
                responsavel=a.responsavel,
                prazo=a.prazo,
                valor=a.valor,
                situacao=a.situacao,
                atrasada=ciclo.atrasada(situacao=a.situacao, prazo=a.prazo, hoje=hoje),
                executada_em=a.executada_em,
            )
            for a in await repository.acoes_apoio(sessao, apoio.id)
        ],
        deliberacoes=[consultas.deliberacao(d) for d in await repository.deliberacoes(sessao, apoio.id)],
        transicoes_possiveis=ciclo.possiveis(TRANSICOES_APOIO, apoio.situacao),
        linha_do_tempo=[consultas.passo(r) for r in await repository.historico(sessao, apoio.id)],
    )
