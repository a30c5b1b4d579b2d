"""Leituras dos planos: detalhe com a linha do tempo, listas filtradas, prazos e resumo por município."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoramento.dominio import ciclo
from services.monitoramento.dominio.ciclo import TRANSICOES_PLANO
from services.monitoramento.planos import acesso, repository
from services.monitoramento.planos.models import Acao, Deliberacao, PlanoProvidencias, RegistroHistorico
from services.monitoramento.planos.repository import FiltrosPlanos
from services.monitoramento.planos.schemas import (
    AcaoSaida,
    AcompanhamentoSaida,
    DeliberacaoSaida,
    DificuldadeSaida,
    PaginaPlanos,
    PassoHistorico,
    PlanoDetalhe,
    PlanoResumo,
)
from services.monitoramento.planos.service import atrasada
from shared.erros import Proibido
from shared.http.seguranca import Usuario


def passo(registro: RegistroHistorico) -> PassoHistorico:
    return PassoHistorico.model_validate(registro, from_attributes=True)


def deliberacao(d: Deliberacao) -> DeliberacaoSaida:
    return DeliberacaoSaida.model_validate(d, from_attributes=True)


def acao_saida(a: Acao, hoje: date) -> AcaoSaida:
    return AcaoSaida(
        id=a.id,
        dificuldade_id=a.dificuldade_id,
        descricao=a.descricao,
        responsavel=a.responsavel,
        prazo=a.prazo,
        situacao=a.situacao,
        atrasada=atrasada(a, hoje),
        executada_em=a.executada_em,
    )


def _resumo(
    plano: PlanoProvidencias,
    *,
    municipio: str | None,
    contagem: repository.ContagemAcoes,
    origens: list[str],
    hoje: date,
) -> PlanoResumo:
    return PlanoResumo(
        id=plano.id,
        ibge7=plano.ibge7,
        municipio=municipio,
        instituicao_id=plano.instituicao_id,
        titulo=plano.titulo,
        unidades=list(plano.unidades),
        situacao=plano.situacao,
        situacao_desde=plano.situacao_desde,
        ativo=ciclo.ativo(plano.situacao),
        versao=plano.versao,
        prazo=plano.prazo,
        prazo_vencido=plano.prazo is not None and plano.prazo < hoje and ciclo.ativo(plano.situacao),
        exigido=plano.exigido,
        bloqueio_id=plano.bloqueio_id,
        origens=origens,
        acoes_total=contagem.total,
        acoes_executadas=contagem.executadas,
        acoes_atrasadas=contagem.atrasadas,
    )


async def resumos(sessao: AsyncSession, planos: list[PlanoProvidencias], hoje: date) -> list[PlanoResumo]:
    ids = [p.id for p in planos]
    contagens = await repository.contagens_acoes(sessao, ids, hoje)
    origens = await repository.origens(sessao, ids)
    nomes = await repository.nomes_municipios(sessao, [p.ibge7 for p in planos])
    return [
        _resumo(
            p,
            municipio=nomes.get(p.ibge7),
            contagem=contagens.get(p.id, repository.ContagemAcoes()),
            origens=origens.get(p.id, []),
            hoje=hoje,
        )
        for p in planos
    ]


async def detalhe(sessao: AsyncSession, plano: PlanoProvidencias, hoje: date) -> PlanoDetalhe:
    (resumo,) = await resumos(sessao, [plano], hoje)
    acoes = await repository.acoes(sessao, plano.id)
    return PlanoDetalhe(
        **resumo.model_dump(),
        dificuldades=[
            DificuldadeSaida(
                id=d.id,
                area=d.area,
                origem=d.origem,
                descricao=d.descricao,
                evidencia=d.evidencia,
                alerta_id=d.alerta_id,
                acoes=[acao_saida(a, hoje) for a in acoes if a.dificuldade_id == d.id],
            )
            for d in await repository.dificuldades(sessao, plano.id)
        ],
        deliberacoes=[deliberacao(d) for d in await repository.deliberacoes(sessao, plano.id)],
        acompanhamentos=[
            AcompanhamentoSaida.model_validate(a, from_attributes=True)
            for a in await repository.acompanhamentos(sessao, plano.id)
        ],
        planos_apoio=await repository.planos_apoio_de(sessao, plano.id),
        transicoes_possiveis=ciclo.possiveis(TRANSICOES_PLANO, plano.situacao),
        linha_do_tempo=[passo(r) for r in await repository.historico(sessao, plano.id)],
    )


async def listar(
    sessao: AsyncSession,
    *,
    filtros: FiltrosPlanos,
    usuario: Usuario,
    hoje: date,
    pagina: int,
    tamanho: int | None,
) -> PaginaPlanos:
    total, planos = await repository.listar_planos(
        sessao,
        filtros=filtros,
        visibilidade=acesso.visibilidade(usuario),
        hoje=hoje,
        pagina=pagina,
        tamanho=tamanho,
    )
    return PaginaPlanos(
        total=total, pagina=pagina, tamanho=tamanho or total, itens=await resumos(sessao, planos, hoje)
    )


def escopo_municipio(usuario: Usuario, ibge7: str | None) -> str | None:
    """Usuário de município (ou CMAS) só consulta o próprio município; pedir outro é 403."""
    proprio = acesso.visibilidade(usuario).ibge7
    if proprio is None:
        return ibge7
    if ibge7 not in (None, proprio):
        raise Proibido(
            f"o seu usuário consulta só o município {proprio}, não {ibge7}", papeis_exigidos=["sps_tecnico"]
        )
    return proprio


def janela(hoje: date, dias: int) -> date:
    return hoje + timedelta(days=dias)
