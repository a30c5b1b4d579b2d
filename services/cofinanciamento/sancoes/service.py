"""Sanções por saldo acumulado: cada saldo, plano concluído ou prazo vencido reavalia o bloco do município.

A regra é do domínio (`dominio/saldos.py`); aqui se junta o saldo mais recente, a parcela mensal do bloco no
cálculo mais recente [PREMISSA parcela_de_referencia] e o plano de providências do bloqueio, e se publica a mudança.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.calculos import repository as calculos
from services.cofinanciamento.dominio.entradas import BLOCO_DO_SALDO, PlanoProvidenciasDoBloqueio, SaldoConta
from services.cofinanciamento.dominio.regras import Bloco
from services.cofinanciamento.dominio.saldos import DecisaoSancao, EstadoSancao, avaliar_saldo, decidir_sancao
from services.cofinanciamento.leitura import models as leitura
from services.cofinanciamento.leitura import repository as leitura_repo
from services.cofinanciamento.regras.service import REGRAS
from services.cofinanciamento.sancoes import repository
from services.cofinanciamento.sancoes.models import HistoricoSancao, Sancao
from shared.db import agora
from shared.eventos.envelope import EventoRecebido
from shared.eventos.esquemas import (
    MunicipioBloqueado,
    MunicipioDesbloqueado,
    MunicipioSuspenso,
    PlanoProvidenciasEvento,
    PlanoProvidenciasPrazoVencido,
    SaldoContaRegistrado,
)
from shared.leitura import tratador_vigente
from shared.outbox import UnidadeDeTrabalho

NOME_DO_BLOCO_NO_SALDO = {bloco: nome for nome, bloco in BLOCO_DO_SALDO.items()}


async def _plano(sessao: AsyncSession, bloqueio_id: str | None) -> PlanoProvidenciasDoBloqueio | None:
    p = await leitura_repo.plano_do_bloqueio(sessao, bloqueio_id) if bloqueio_id else None
    return None if p is None else PlanoProvidenciasDoBloqueio(p.plano_id, p.situacao, p.prazo_vencido)


async def reavaliar(uow: UnidadeDeTrabalho, ibge7: str, bloco: Bloco) -> DecisaoSancao | None:
    """Aplica a decisão do Art. 13 ao bloco; sem saldo ou sem cálculo ainda não há o que medir."""
    sessao = uow.sessao
    saldo = await leitura_repo.saldo_mais_recente(sessao, ibge7, NOME_DO_BLOCO_NO_SALDO[bloco])
    calculo = await calculos.ultimo(sessao)
    if saldo is None or calculo is None:
        return None
    municipio = await calculos.municipio(sessao, calculo.id, ibge7)
    parcela = next(
        (
            Decimal(b["valor_mensal"])
            for b in (municipio.blocos if municipio else [])
            if b["bloco"] == bloco.value
        ),
        Decimal("0.00"),
    )
    versao = await REGRAS.versao(sessao=sessao, exercicio=calculo.exercicio, numero=calculo.regras_versao)
    assert versao is not None
    regras = REGRAS.regras_de(versao)
    atual = await repository.sancao(sessao, ibge7, bloco.value, para_alterar=True)
    estado: EstadoSancao = atual.estado if atual else "regular"  # type: ignore[assignment]
    avaliacao = avaliar_saldo(SaldoConta(ibge7, bloco, saldo.ano, saldo.mes, saldo.saldo), parcela, regras)
    decisao = decidir_sancao(
        estado,
        avaliacao,
        await _plano(sessao, atual.bloqueio_id if atual else None),
        regras,
    )
    if decisao.transicao is None:
        return decisao
    momento = agora()
    bloqueio_id = (
        atual.bloqueio_id
        if atual and atual.bloqueio_id and decisao.transicao != "bloqueio"
        else str(uuid.uuid4())
    )
    if atual is None:
        atual = Sancao(ibge7=ibge7, bloco=bloco.value)
        sessao.add(atual)
    atual.estado, atual.bloqueio_id, atual.desde = decisao.estado, bloqueio_id, momento
    sessao.add(
        HistoricoSancao(
            ibge7=ibge7,
            bloco=bloco.value,
            de=decisao.estado_anterior,
            para=decisao.estado,
            transicao=decisao.transicao,
            bloqueio_id=bloqueio_id,
            saldo=saldo.saldo,
            parcela_mensal=parcela,
            motivo=decisao.motivo,
            momento=momento,
        )
    )
    if decisao.transicao == "bloqueio":
        uow.publicar(
            MunicipioBloqueado(
                bloqueio_id=bloqueio_id,
                ibge7=ibge7,
                bloco=bloco.value,
                ano=saldo.ano,
                mes=saldo.mes,
                saldo=saldo.saldo,
                parcela_mensal=parcela,
                parcelas_acumuladas=avaliacao.parcelas_acumuladas or Decimal(0),
                limite_parcelas=avaliacao.limiar_parcelas,
                bloqueado_em=momento,
            )
        )
    elif decisao.transicao == "suspensao":
        plano = await _plano(sessao, bloqueio_id)
        uow.publicar(
            MunicipioSuspenso(
                bloqueio_id=bloqueio_id,
                ibge7=ibge7,
                bloco=bloco.value,
                plano_id=plano.plano_id if plano else None,
                saldo=saldo.saldo,
                notificar=decisao.notificar,
                suspenso_em=momento,
            )
        )
    else:
        uow.publicar(
            MunicipioDesbloqueado(
                bloqueio_id=bloqueio_id,
                ibge7=ibge7,
                bloco=bloco.value,
                situacao_anterior=decisao.estado_anterior,
                saldo=saldo.saldo,
                motivo=decisao.motivo,
                desbloqueado_em=momento,
            )
        )
    return decisao


_gravar_saldos = tratador_vigente(leitura.SaldoConta)


async def tratar_saldos(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
    await _gravar_saldos(uow, eventos)
    await uow.sessao.flush()
    blocos = {
        (e.corpo.ibge7, BLOCO_DO_SALDO[e.corpo.bloco])
        for e in eventos
        if isinstance(e.corpo, SaldoContaRegistrado)
    }
    for ibge7, bloco in sorted(blocos):
        await reavaliar(uow, ibge7, bloco)


async def tratar_planos(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
    """Guarda o estado mais novo de cada plano; plano de bloqueio concluído ou com prazo vencido reavalia o bloco."""
    sessao = uow.sessao
    for e in eventos:
        corpo = e.corpo
        plano = await sessao.get(leitura.PlanoProvidencias, getattr(corpo, "plano_id", ""))
        if isinstance(corpo, PlanoProvidenciasEvento):
            if plano is not None and plano.versao_plano >= corpo.versao_plano:
                continue  # reentrega ou fora de ordem: fica o mais novo
            if plano is None:
                plano = leitura.PlanoProvidencias(plano_id=corpo.plano_id, prazo_vencido=False)
                sessao.add(plano)
            plano.ibge7, plano.situacao, plano.versao_plano = corpo.ibge7, corpo.situacao, corpo.versao_plano
            plano.bloqueio_id, plano.prazo = corpo.bloqueio_id, corpo.prazo
        elif isinstance(corpo, PlanoProvidenciasPrazoVencido):
            if plano is None:
                plano = leitura.PlanoProvidencias(
                    plano_id=corpo.plano_id,
                    ibge7=corpo.ibge7,
                    situacao=corpo.situacao,
                    versao_plano=0,
                    bloqueio_id=corpo.bloqueio_id,
                    prazo=corpo.prazo,
                )
                sessao.add(plano)
            plano.prazo_vencido = True
        await sessao.flush()
        if plano is not None and plano.bloqueio_id:
            for sancao in await repository.do_bloqueio(sessao, plano.bloqueio_id):
                await reavaliar(uow, sancao.ibge7, Bloco(sancao.bloco))
