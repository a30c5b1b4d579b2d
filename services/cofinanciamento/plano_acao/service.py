"""Plano de Ação (Decreto nº 34.262/2021, Arts. 24–25): a SPS abre o exercício com um prazo, o município preenche o
uso planejado por bloco e componente até o prazo, e depois dele o CMAS do município dá o parecer.

O plano precisa somar, componente a componente, o que o cálculo mais recente do exercício dá ao município (a regra
é do domínio, `problemas_plano_acao`). Os serviços não fazem commit: a rota confirma a unidade de trabalho.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal, cast
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.calculos import repository as calculos
from services.cofinanciamento.calculos.service import refazer
from services.cofinanciamento.dominio import entradas as dominio
from services.cofinanciamento.dominio.regras import DECRETO
from services.cofinanciamento.dominio.saldos import problemas_plano_acao
from services.cofinanciamento.models import Municipio
from services.cofinanciamento.plano_acao import acesso, repository
from services.cofinanciamento.plano_acao.models import (
    HistoricoPlanoAcao,
    PlanoAcaoExercicio,
    PlanoAcaoMunicipio,
)
from services.cofinanciamento.plano_acao.schemas import (
    Parecer,
    ParecerEntrada,
    ParecerSaida,
    PassoHistorico,
    PlanoAcaoExercicioSaida,
    PlanoAcaoMunicipioSaida,
    SituacaoMunicipio,
    UsoEntrada,
    UsoSaida,
    ValorCalculado,
)
from services.cofinanciamento.regras.service import REGRAS
from shared.erros import Conflito, DadosInvalidos, NaoEncontrado, VersaoExigida
from shared.http.concorrencia import conferir_versao
from shared.http.seguranca import Usuario
from shared.municipios import repository as municipios

FUSO_CEARA = ZoneInfo("America/Fortaleza")
PARECER_NO_DOMINIO: dict[str, Literal["aprovado", "rejeitado"]] = {
    "favoravel": "aprovado",
    "desfavoravel": "rejeitado",
}


class ForaDoPrazo(Conflito):
    codigo = "fora_do_prazo"
    titulo = "Fora do prazo do Plano de Ação"


class PlanoAcaoInconsistente(DadosInvalidos):
    codigo = "plano_acao_inconsistente"
    titulo = "O Plano de Ação não fecha com o cálculo do exercício"


def hoje_no_ceara(agora: datetime) -> date:
    """Prazos são datas do Ceará: às 22h do último dia, em UTC, já seria o dia seguinte."""
    return agora.astimezone(FUSO_CEARA).date()


def prazo_encerrado(aberto: PlanoAcaoExercicio, agora: datetime) -> bool:
    """O prazo vale até o fim do dia: no dia seguinte não se preenche mais e o CMAS dá o parecer."""
    return hoje_no_ceara(agora) > aberto.prazo


def _nao_aberto(exercicio: int) -> str:
    return (
        f"o Plano de Ação de {exercicio} ainda não foi aberto pela SPS (POST "
        f"/api/v1/exercicios/{exercicio}/plano-acao com o prazo)"
    )


async def _aberto_para_alterar(sessao: AsyncSession, exercicio: int) -> PlanoAcaoExercicio:
    aberto = await repository.exercicio(sessao, exercicio, para_alterar=True)
    if aberto is None:
        raise Conflito(_nao_aberto(exercicio))
    return aberto


async def abrir(
    *, sessao: AsyncSession, exercicio: int, prazo: date, usuario: Usuario, agora: datetime
) -> PlanoAcaoExercicio:
    """Abre o Plano de Ação do exercício com o prazo de preenchimento (Art. 24); uma vez por exercício."""
    existente = await repository.exercicio(sessao, exercicio, para_alterar=True)
    if existente is not None:
        raise Conflito(
            f"o Plano de Ação de {exercicio} já foi aberto em {existente.aberto_em.astimezone(FUSO_CEARA):%d/%m/%Y} por "
            f"{existente.aberto_por}, com prazo até {existente.prazo:%d/%m/%Y}",
            prazo=existente.prazo.isoformat(),
        )
    hoje = hoje_no_ceara(agora)
    if prazo < hoje:
        raise DadosInvalidos(
            f"o prazo {prazo:%d/%m/%Y} já passou (hoje é {hoje:%d/%m/%Y}): os municípios não teriam tempo de "
            "preencher",
            erros=[{"campo": "prazo", "valor": prazo.isoformat(), "motivo": "data no passado"}],
        )
    aberto = PlanoAcaoExercicio(
        exercicio=exercicio, prazo=prazo, aberto_por=acesso.autor(usuario), aberto_em=agora
    )
    repository.adicionar(sessao, aberto)
    return aberto


async def preencher(
    *,
    sessao: AsyncSession,
    exercicio: int,
    ibge7: str,
    usos: list[UsoEntrada],
    usuario: Usuario,
    lida: int | None,
    agora: datetime,
) -> PlanoAcaoMunicipio:
    """Grava o uso planejado do município, se ele soma o que o cálculo mais recente do exercício lhe dá."""
    acesso.exigir(
        usuario,
        acesso.gestor_municipal(usuario, ibge7),
        o_que=f"preencher o Plano de Ação de {ibge7}",
        quem=f"gestor municipal de {ibge7} (papel municipio)",
    )
    aberto = await _aberto_para_alterar(sessao, exercicio)
    if prazo_encerrado(aberto, agora):
        raise ForaDoPrazo(
            f"o prazo do Plano de Ação de {exercicio} terminou em {aberto.prazo:%d/%m/%Y}: o plano não se "
            f"preenche nem se altera mais ({DECRETO}, Art. 24); agora é a vez do parecer do CMAS (Art. 25)",
            prazo=aberto.prazo.isoformat(),
        )
    plano = await repository.plano(sessao, exercicio, ibge7, para_alterar=True)
    if plano is not None:
        if lida is None:
            raise VersaoExigida(
                f"o Plano de Ação de {ibge7} em {exercicio} já foi preenchido (versão {plano.versao}); para "
                f'alterá-lo, envie If-Match: "{plano.versao}" depois de lê-lo'
            )
        conferir_versao(atual=plano.versao, lida=lida, recurso=f"o Plano de Ação de {ibge7} em {exercicio}")
    calculo = await calculos.ultimo(sessao, exercicio)
    if calculo is None:
        raise Conflito(
            f"não há cálculo do cofinanciamento de {exercicio}: o plano é conferido com o valor calculado, e a SPS "
            "ainda não calculou o exercício"
        )
    resultado, regras = await refazer(sessao, calculo)
    planejado = dominio.PlanoAcao(
        ibge7=ibge7,
        exercicio=exercicio,
        preenchido=True,
        usos=tuple(dominio.UsoPlanejado(u.bloco, u.componente, u.valor_anual, u.descricao) for u in usos),
    )
    problemas = [
        f"linha {n}: diga o que será feito com o valor (descrição do uso planejado)"
        for n, u in enumerate(usos, start=1)
        if not u.descricao
    ] + problemas_plano_acao(planejado, resultado, regras)
    if problemas:
        raise PlanoAcaoInconsistente(
            f"o Plano de Ação de {ibge7} tem {len(problemas)} problema(s) diante do cálculo {calculo.id}: "
            + "; ".join(problemas),
            erros=[{"motivo": p} for p in problemas],
            calculo_id=calculo.id,
        )
    if plano is None:
        plano = PlanoAcaoMunicipio(exercicio=exercicio, ibge7=ibge7, versao=0)
        repository.adicionar(sessao, plano)
    plano.versao += 1
    plano.calculo_id, plano.preenchido_por, plano.preenchido_em = calculo.id, acesso.autor(usuario), agora
    linhas = [
        {
            "exercicio": exercicio,
            "ibge7": ibge7,
            "linha": n,
            "bloco": u.bloco.value,
            "componente": u.componente.value,
            "valor_anual": u.valor_anual,
            "descricao": u.descricao,
        }
        for n, u in enumerate(usos, start=1)
    ]
    await repository.substituir_usos(sessao, exercicio, ibge7, linhas)
    _registrar(
        sessao,
        plano,
        usuario,
        agora,
        acao="preenchimento",
        detalhes={
            "calculo_id": calculo.id,
            "usos": [u.model_dump(mode="json") for u in usos],  # Decimal vira texto exato
        },
    )
    return plano


async def dar_parecer(
    *,
    sessao: AsyncSession,
    exercicio: int,
    ibge7: str,
    entrada: ParecerEntrada,
    usuario: Usuario,
    agora: datetime,
) -> PlanoAcaoMunicipio:
    """Parecer do CMAS do município, depois do prazo (Art. 25): favorável, ou desfavorável com os motivos."""
    acesso.exigir(
        usuario,
        acesso.cmas(usuario, ibge7),
        o_que=f"o parecer do Plano de Ação de {ibge7}",
        quem=f"CMAS de {ibge7} (papel conselho, conselho cmas, ibge7 {ibge7})",
    )
    aberto = await _aberto_para_alterar(sessao, exercicio)
    if not prazo_encerrado(aberto, agora):
        raise ForaDoPrazo(
            f"o parecer do CMAS vem depois do prazo do Plano de Ação de {exercicio}, que termina em "
            f"{aberto.prazo:%d/%m/%Y}: a partir de {aberto.prazo + timedelta(days=1):%d/%m/%Y} ({DECRETO}, "
            "Art. 25); até lá o município ainda pode alterar o plano",
            prazo=aberto.prazo.isoformat(),
        )
    plano = await repository.plano(sessao, exercicio, ibge7, para_alterar=True)
    if plano is None:
        raise Conflito(
            f"o município {ibge7} não preencheu o Plano de Ação de {exercicio}: não há plano para o CMAS apreciar"
        )
    if plano.parecer is not None:
        assert plano.parecer_em is not None
        raise Conflito(
            f"o CMAS já deu parecer {plano.parecer} sobre o Plano de Ação de {ibge7} em "
            f"{plano.parecer_em.astimezone(FUSO_CEARA):%d/%m/%Y}, por {plano.parecer_por}"
        )
    if not entrada.favoravel and not entrada.motivos:
        raise DadosInvalidos(
            "o parecer desfavorável precisa dos motivos, para o município saber o que corrigir",
            erros=[{"campo": "motivos", "motivo": "obrigatório quando o parecer é desfavorável"}],
        )
    plano.parecer = "favoravel" if entrada.favoravel else "desfavoravel"
    plano.parecer_motivos, plano.parecer_por, plano.parecer_em = entrada.motivos, acesso.autor(usuario), agora
    plano.versao += 1
    _registrar(
        sessao,
        plano,
        usuario,
        agora,
        acao="parecer",
        detalhes={"parecer": plano.parecer, "motivos": entrada.motivos},
    )
    return plano


def _registrar(
    sessao: AsyncSession,
    plano: PlanoAcaoMunicipio,
    usuario: Usuario,
    agora: datetime,
    *,
    acao: str,
    detalhes: dict[str, Any],
) -> None:
    repository.adicionar(
        sessao,
        HistoricoPlanoAcao(
            exercicio=plano.exercicio,
            ibge7=plano.ibge7,
            versao=plano.versao,
            acao=acao,
            autor=acesso.autor(usuario),
            papeis=sorted(usuario.papeis),
            momento=agora,
            detalhes=detalhes,
        ),
    )


# Leituras --------------------------------------------------------------------------------------------


async def _aberto(sessao: AsyncSession, exercicio: int) -> PlanoAcaoExercicio:
    aberto = await repository.exercicio(sessao, exercicio)
    if aberto is None:
        raise NaoEncontrado(_nao_aberto(exercicio))
    return aberto


def _situacao(ibge7: str, nome: str | None, plano: PlanoAcaoMunicipio | None) -> SituacaoMunicipio:
    return SituacaoMunicipio(
        ibge7=ibge7,
        nome=nome,
        situacao="pendente" if plano is None else "preenchido",
        versao=plano.versao if plano else None,
        preenchido_por=plano.preenchido_por if plano else None,
        preenchido_em=plano.preenchido_em if plano else None,
        parecer=cast(Parecer | None, plano.parecer if plano else None),
        parecer_em=plano.parecer_em if plano else None,
    )


async def ler_exercicio(sessao: AsyncSession, *, exercicio: int, agora: datetime) -> PlanoAcaoExercicioSaida:
    aberto = await _aberto(sessao, exercicio)
    municipios = [_situacao(*m) for m in await repository.municipios_com_planos(sessao, exercicio)]
    preenchidos = sum(1 for m in municipios if m.situacao == "preenchido")
    return PlanoAcaoExercicioSaida(
        exercicio=exercicio,
        prazo=aberto.prazo,
        prazo_encerrado=prazo_encerrado(aberto, agora),
        aberto_por=aberto.aberto_por,
        aberto_em=aberto.aberto_em,
        preenchidos=preenchidos,
        pendentes=len(municipios) - preenchidos,
        municipios=municipios,
    )


async def _calculado(
    sessao: AsyncSession, exercicio: int, ibge7: str
) -> tuple[str | None, list[ValorCalculado]]:
    """O que o cálculo mais recente dá ao município por componente, por mês e no ano (mensal × meses de repasse)."""
    calculo = await calculos.ultimo(sessao, exercicio)
    if calculo is None:
        return None, []
    municipio = await calculos.municipio(sessao, calculo.id, ibge7)
    versao = await REGRAS.versao(sessao=sessao, exercicio=exercicio, numero=calculo.regras_versao)
    assert versao is not None, "a versão de regras de um cálculo nunca se apaga"
    meses = REGRAS.regras_de(versao).parcelas.meses_de_repasse
    return calculo.id, [
        ValorCalculado(
            bloco=b["bloco"],
            componente=c["componente"],
            valor_mensal=Decimal(c["valor_mensal"]),
            meses=meses,
            valor_anual=Decimal(c["valor_mensal"]) * meses,
        )
        for b in (municipio.blocos if municipio else [])
        for c in b["componentes"]
    ]


async def ler_municipio(
    sessao: AsyncSession, *, exercicio: int, ibge7: str, agora: datetime
) -> PlanoAcaoMunicipioSaida:
    aberto = await _aberto(sessao, exercicio)
    plano = await repository.plano(sessao, exercicio, ibge7)
    ultimo, calculado = await _calculado(sessao, exercicio, ibge7)
    parecer = None
    if plano is not None and plano.parecer is not None:
        assert plano.parecer_por is not None and plano.parecer_em is not None
        parecer = ParecerSaida(
            favoravel=plano.parecer == "favoravel",
            motivos=plano.parecer_motivos,
            por=plano.parecer_por,
            em=plano.parecer_em,
        )
    return PlanoAcaoMunicipioSaida(
        exercicio=exercicio,
        ibge7=ibge7,
        nome=municipio.nome if (municipio := await municipios.obter(sessao, Municipio, ibge7)) else None,
        prazo=aberto.prazo,
        prazo_encerrado=prazo_encerrado(aberto, agora),
        situacao="pendente" if plano is None else "preenchido",
        versao=plano.versao if plano else None,
        calculo_id=plano.calculo_id if plano else None,
        preenchido_por=plano.preenchido_por if plano else None,
        preenchido_em=plano.preenchido_em if plano else None,
        usos=[
            UsoSaida(bloco=u.bloco, componente=u.componente, valor_anual=u.valor_anual, descricao=u.descricao)
            for u in await repository.usos(sessao, exercicio, ibge7)
        ],
        parecer=parecer,
        calculo_mais_recente=ultimo,
        calculado=calculado,
        historico=[
            PassoHistorico.model_validate(h, from_attributes=True)
            for h in await repository.historico(sessao, exercicio, ibge7)
        ],
    )


async def planos_do_exercicio(sessao: AsyncSession, exercicio: int) -> list[dominio.PlanoAcao]:
    """Os planos preenchidos, como o domínio os lê para gerar as parcelas (preenchimento e parecer do CMAS)."""
    return [
        dominio.PlanoAcao(
            ibge7=p.ibge7,
            exercicio=exercicio,
            preenchido=True,
            parecer_cmas=PARECER_NO_DOMINIO[p.parecer] if p.parecer else None,
        )
        for p in await repository.planos(sessao, exercicio)
    ]
