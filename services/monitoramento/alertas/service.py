"""Alertas: os dados do Censo SUAS passam pelas regras configuradas; a SPS descarta ou converte em dificuldade."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoramento.alertas import repository
from services.monitoramento.alertas.models import Alerta
from services.monitoramento.alertas.schemas import AlertaSaida, Conversao, Descarte, PaginaAlertas
from services.monitoramento.dominio.alertas import (
    AlertaDetectado,
    RegrasAlerta,
    alertas_equipe,
    alertas_funcionamento,
    alertas_idcras,
)
from services.monitoramento.dominio.ciclo import Ator
from services.monitoramento.planos import acesso
from services.monitoramento.planos import repository as planos_repository
from services.monitoramento.planos import service as planos
from services.monitoramento.planos.andamento import novo_id
from services.monitoramento.planos.consultas import escopo_municipio
from services.monitoramento.planos.schemas import DificuldadeEntrada, NovoPlano
from shared.consumidor import Tratador
from shared.db import agora as relogio_padrao
from shared.erros import Conflito
from shared.eventos.base import Evento
from shared.eventos.envelope import EventoRecebido
from shared.eventos.esquemas import (
    CensoCrasRegistrado,
    EquipeCrasRegistrada,
    IdcrasPublicado,
    UnidadeRegistrada,
)
from shared.http.seguranca import Usuario
from shared.outbox import UnidadeDeTrabalho


def _linhas(detectados: list[AlertaDetectado]) -> list[dict[str, Any]]:
    momento = relogio_padrao()
    return [
        {
            "id": novo_id(),
            "regra": d.regra,
            "ibge7": d.ibge7,
            "id_unidade": d.id_unidade,
            "ano": d.ano,
            "descricao": d.descricao,
            "evidencia": dict(d.evidencia),
            "situacao": "aberto",
            "criado_em": momento,
        }
        for d in detectados
    ]


def tratadores_censo(regras_de: Callable[[UnidadeDeTrabalho], RegrasAlerta]) -> dict[type[Evento], Tratador]:
    """Cada evento do Censo atualiza a unidade e passa pelas regras de alerta em vigor no serviço."""

    async def censo_cras(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
        corpos = [e.corpo for e in eventos if isinstance(e.corpo, CensoCrasRegistrado)]
        await repository.gravar_unidades(
            uow.sessao,
            [
                {"id_unidade": c.id_cras, "ibge7": c.ibge7, "tipo": "cras", "nome": c.nome, "ano": c.ano}
                for c in corpos
            ],
        )
        regras = regras_de(uow)
        detectados = [
            a
            for c in corpos
            for a in alertas_funcionamento(
                regras,
                id_unidade=c.id_cras,
                ibge7=c.ibge7,
                ano=c.ano,
                dias_semana=c.dias_semana,
                horas_dia=c.horas_dia,
            )
        ]
        await repository.gravar_alertas(uow.sessao, _linhas(detectados))

    async def unidade(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
        corpos = [e.corpo for e in eventos if isinstance(e.corpo, UnidadeRegistrada)]
        await repository.gravar_unidades(
            uow.sessao,
            [
                {
                    "id_unidade": u.id_unidade,
                    "ibge7": u.ibge7,
                    "tipo": u.tipo_unidade,
                    "nome": u.nome,
                    "ano": u.ano,
                }
                for u in corpos
            ],
        )

    async def equipe(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
        regras = regras_de(uow)
        detectados = [
            a
            for e in eventos
            if isinstance(c := e.corpo, EquipeCrasRegistrada)
            for a in alertas_equipe(
                regras, id_cras=c.id_cras, ibge7=c.ibge7, ano=c.ano, assistentes_sociais=c.assistentes_sociais
            )
        ]
        await repository.gravar_alertas(uow.sessao, _linhas(detectados))

    async def idcras(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
        regras = regras_de(uow)
        detectados = [
            a
            for e in eventos
            if isinstance(c := e.corpo, IdcrasPublicado)
            for a in alertas_idcras(
                regras,
                id_cras=c.id_cras,
                ibge7=c.ibge7,
                ano=c.ano,
                niveis={
                    "estrutura_fisica": c.estrutura_fisica,
                    "recursos_humanos": c.recursos_humanos,
                    "servicos": c.servicos,
                },
            )
        ]
        await repository.gravar_alertas(uow.sessao, _linhas(detectados))

    return {
        CensoCrasRegistrado: censo_cras,
        UnidadeRegistrada: unidade,
        EquipeCrasRegistrada: equipe,
        IdcrasPublicado: idcras,
    }


def saida(alerta: Alerta, nome_unidade: str | None) -> AlertaSaida:
    return AlertaSaida.model_validate(
        {
            **{c: getattr(alerta, c) for c in AlertaSaida.model_fields if c != "nome_unidade"},
            "nome_unidade": nome_unidade,
        }
    )


async def listar(
    sessao: AsyncSession,
    *,
    usuario: Usuario,
    regras: RegrasAlerta,
    ibge7: str | None,
    situacao: str | None,
    regra: str | None,
    ano: int | None,
    pagina: int,
    tamanho: int,
) -> PaginaAlertas:
    total, linhas = await repository.listar(
        sessao,
        ibge7=escopo_municipio(usuario, ibge7),
        situacao=situacao,
        regra=regra,
        ano=ano,
        pagina=pagina,
        tamanho=tamanho,
    )
    return PaginaAlertas(
        total=total,
        pagina=pagina,
        tamanho=tamanho,
        parametros=regras.model_dump(),
        itens=[saida(a, n) for a, n in linhas],
    )


async def _aberto(
    sessao: AsyncSession, alerta_id: str, usuario: Usuario, aceitos: set[Ator], o_que: str
) -> Alerta:
    alerta = await repository.alerta(sessao, alerta_id, para_alterar=True)
    if alerta is None or acesso.visibilidade(usuario).ibge7 not in (None, alerta.ibge7):
        raise acesso.nao_encontrado("alerta", alerta_id)
    acesso.exigir_ator(usuario, alerta.ibge7, aceitos, o_que=o_que)
    if alerta.situacao != "aberto":
        raise Conflito(
            f"o alerta já está {alerta.situacao} ({alerta.motivo or 'plano ' + str(alerta.plano_id)})",
            situacao_atual=alerta.situacao,
        )
    return alerta


async def descartar(
    *, sessao: AsyncSession, alerta_id: str, descarte: Descarte, usuario: Usuario, agora: datetime
) -> Alerta:
    alerta = await _aberto(sessao, alerta_id, usuario, {Ator.sps}, "descartar um alerta")
    alerta.situacao, alerta.motivo = "descartado", descarte.motivo
    alerta.resolvido_por, alerta.resolvido_em = acesso.autor(usuario), agora
    return alerta


async def converter(
    *, uow: UnidadeDeTrabalho, alerta_id: str, conversao: Conversao, usuario: Usuario, agora: datetime
) -> Alerta:
    """O alerta vira dificuldade (origem censo_suas, a evidência é o próprio alerta) de um plano."""
    alerta = await _aberto(
        uow.sessao, alerta_id, usuario, {Ator.sps, Ator.municipio}, "converter um alerta em dificuldade"
    )
    dificuldade = DificuldadeEntrada(
        area=conversao.area,
        origem="censo_suas",
        descricao=conversao.descricao or alerta.descricao,
        evidencia=f"Alerta {alerta.regra} ({alerta.id}): {alerta.descricao}",
        acoes=conversao.acoes,
    )
    if conversao.novo_plano is not None:
        plano = await planos.criar(
            uow=uow,
            dados=NovoPlano(
                ibge7=alerta.ibge7,
                titulo=conversao.novo_plano.titulo,
                prazo=conversao.novo_plano.prazo,
                unidades=[alerta.id_unidade],
                dificuldades=[dificuldade],
            ),
            usuario=usuario,
            agora=agora,
            alerta_id=alerta.id,
        )
        dificuldade_id = (await planos_repository.dificuldades(uow.sessao, plano.id))[0].id
    else:
        assert conversao.plano_id is not None
        alvo = await planos.visivel(uow.sessao, conversao.plano_id, usuario)
        if alvo.ibge7 != alerta.ibge7:
            raise Conflito(
                f"o alerta é do município {alerta.ibge7} e o plano {alvo.id} é do município {alvo.ibge7}"
            )
        plano, nova = await planos.adicionar_dificuldade(
            uow=uow,
            plano_id=conversao.plano_id,
            entrada=dificuldade,
            usuario=usuario,
            agora=agora,
            alerta_id=alerta.id,
            unidade=alerta.id_unidade,
        )
        dificuldade_id = nova.id
    alerta.situacao, alerta.plano_id, alerta.dificuldade_id = "convertido", plano.id, dificuldade_id
    alerta.resolvido_por, alerta.resolvido_em = acesso.autor(usuario), agora
    return alerta


async def detalhe(sessao: AsyncSession, alerta: Alerta) -> AlertaSaida:
    return saida(alerta, await repository.nome_unidade(sessao, alerta.id_unidade))
