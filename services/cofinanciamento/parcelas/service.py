"""Parcelas mensais do exercício (Arts. 24 e 26): geradas de um cálculo pela regra do domínio (`gerar_parcelas`), com
o Plano de Ação de cada município e o estado das sanções; pagamento e conciliação do calculado com o pago.

Gerar de novo não duplica (uma parcela por exercício, município, bloco e mês) e segue uma regra só: parcela paga
nunca muda; parcela não paga (prevista, bloqueada ou suspensa) passa a ter o valor, a situação e a origem do cálculo
da geração nova; a não paga que o cálculo novo não produz mais é removida. A geração fica registrada com o que mudou.
Os serviços não fazem commit: a rota confirma a unidade de trabalho.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.calculos import repository as calculos
from services.cofinanciamento.calculos import service as calculos_service
from services.cofinanciamento.contas import repository as contas
from services.cofinanciamento.contas.service import ART_26, descrever
from services.cofinanciamento.dominio.regras import NOMES_BLOCO, Bloco
from services.cofinanciamento.dominio.saldos import (
    ART_13_I,
    ART_13_II,
    SITUACAO_DA_PARCELA,
    EstadoSancao,
    gerar_parcelas,
)
from services.cofinanciamento.models import Municipio
from services.cofinanciamento.parcelas import repository
from services.cofinanciamento.parcelas.models import GeracaoParcelas, Parcela, PendenciaParcela
from services.cofinanciamento.parcelas.repository import FiltrosParcelas
from services.cofinanciamento.parcelas.schemas import (
    Conciliacao,
    GeracaoSaida,
    LinhaConciliacao,
    ListaParcelas,
    Pagamento,
    PagamentoEntrada,
    ParcelaSaida,
    PendenciaSaida,
    ResumoGeracao,
    SituacaoParcela,
)
from services.cofinanciamento.plano_acao import acesso
from services.cofinanciamento.plano_acao.service import FUSO_CEARA, hoje_no_ceara, planos_do_exercicio
from services.cofinanciamento.sancoes import repository as sancoes
from shared.erros import Conflito, DadosInvalidos, NaoEncontrado
from shared.formatos import moeda_br
from shared.http.seguranca import Usuario
from shared.municipios import repository as municipios

SITUACAO_DO_DOMINIO: dict[str, SituacaoParcela] = {
    "a_pagar": "prevista",
    "bloqueada": "bloqueada",
    "suspensa": "suspensa",
}
FUNDAMENTO_DA_SANCAO = {"bloqueado": ART_13_I, "suspenso": ART_13_II}
SANCAO_DA_RETIDA = {
    situacao: estado for estado, situacao in SITUACAO_DA_PARCELA.items() if estado != "regular"
}
ZERO = Decimal("0.00")


class GeracaoSimultanea(Conflito):
    codigo = "geracao_simultanea"
    titulo = "Outra geração das parcelas terminou antes desta"


def _nome_parcela(p: Parcela) -> str:
    return f"a parcela {p.mes:02d}/{p.exercicio} do {NOMES_BLOCO[Bloco(p.bloco)]} de {p.ibge7}"


async def gerar(
    *, sessao: AsyncSession, exercicio: int, calculo_id: str | None, usuario: Usuario, agora: datetime
) -> GeracaoParcelas:
    """Gera (ou gera de novo) as parcelas do exercício a partir do cálculo pedido, ou do mais recente."""
    calculo = (
        await calculos_service.do_exercicio(sessao, exercicio, calculo_id)
        if calculo_id
        else await calculos.ultimo(sessao, exercicio)
    )
    if calculo is None:
        raise Conflito(
            f"não há cálculo do cofinanciamento de {exercicio}: calcule o exercício antes das parcelas"
        )
    resultado, regras = await calculos_service.refazer(sessao, calculo)
    estados = {
        # a tabela de sanções só guarda os três estados do domínio
        (ibge7, Bloco(bloco)): cast(EstadoSancao, estado)
        for (ibge7, bloco), estado in (await sancoes.estados(sessao)).items()
    }
    geradas = gerar_parcelas(resultado, await planos_do_exercicio(sessao, exercicio), regras, sancoes=estados)
    geracao = GeracaoParcelas(
        exercicio=exercicio,
        calculo_id=calculo.id,
        gerada_por=acesso.autor(usuario),
        gerada_em=agora,
        resumo={},  # preenchido ao fim, com o que mudou
    )
    repository.adicionar(sessao, geracao)
    await sessao.flush()  # o id da geração vem do banco
    existentes = {
        (p.ibge7, p.bloco, p.mes): p for p in await repository.do_exercicio_para_alterar(sessao, exercicio)
    }
    resumo: Counter[str] = Counter()
    for nova in geradas.parcelas:
        parcela = existentes.pop((nova.ibge7, nova.bloco.value, nova.mes), None)
        if parcela is not None and parcela.situacao == "paga":
            resumo["pagas_mantidas"] += 1
            continue
        if parcela is None:
            parcela = Parcela(
                id=str(uuid.uuid4()),
                exercicio=exercicio,
                ibge7=nova.ibge7,
                bloco=nova.bloco.value,
                mes=nova.mes,
            )
            repository.adicionar(sessao, parcela)
            resumo["criadas"] += 1
        else:
            resumo["recalculadas"] += 1
        parcela.valor, parcela.situacao = nova.valor, SITUACAO_DO_DOMINIO[nova.situacao]
        parcela.calculo_id, parcela.geracao_id, parcela.memoria = calculo.id, geracao.id, nova.memoria
        parcela.componentes = {c.value: str(v) for c, v in nova.componentes.items()}
        parcela.unidades = list(nova.unidades)
    for sobra in existentes.values():
        if sobra.situacao == "paga":
            resumo["pagas_mantidas"] += 1
        else:
            await repository.remover(sessao, sobra)
            resumo["removidas"] += 1
    repository.adicionar(
        sessao,
        *(
            PendenciaParcela(
                geracao_id=geracao.id,
                ibge7=p.ibge7,
                bloco=p.bloco.value,
                valor_mensal=p.valor_mensal,
                motivo=p.motivo,
                descricao=p.descricao,
            )
            for p in geradas.pendencias
        ),
    )
    geracao.resumo = {
        "criadas": resumo["criadas"],
        "recalculadas": resumo["recalculadas"],
        "pagas_mantidas": resumo["pagas_mantidas"],
        "removidas": resumo["removidas"],
        "pendencias": len(geradas.pendencias),
    }
    return geracao


async def _nomes(sessao: AsyncSession, ibge7s: Iterable[str]) -> dict[str, str]:
    return {i: m.nome for i, m in (await municipios.por_ibge7(sessao, Municipio, set(ibge7s))).items()}


async def ler_geracao(
    sessao: AsyncSession, geracao: GeracaoParcelas, *, ibge7: str | None = None, bloco: str | None = None
) -> GeracaoSaida:
    pendencias = await repository.pendencias(sessao, geracao.id, ibge7=ibge7, bloco=bloco)
    nomes = await _nomes(sessao, (p.ibge7 for p in pendencias))
    return GeracaoSaida(
        id=geracao.id,
        exercicio=geracao.exercicio,
        calculo_id=geracao.calculo_id,
        gerada_por=geracao.gerada_por,
        gerada_em=geracao.gerada_em,
        resumo=ResumoGeracao.model_validate(geracao.resumo),
        pendencias=[
            PendenciaSaida(
                ibge7=p.ibge7,
                nome=nomes.get(p.ibge7),
                bloco=p.bloco,
                valor_mensal=p.valor_mensal,
                motivo=p.motivo,
                descricao=p.descricao,
            )
            for p in pendencias
        ],
    )


def saida(p: Parcela) -> ParcelaSaida:
    pagamento = None
    if p.situacao == "paga":
        assert p.data_pagamento and p.valor_pago is not None and p.conta_pagamento and p.pago_por
        assert p.pagamento_registrado_em is not None
        pagamento = Pagamento(
            data=p.data_pagamento,
            valor=p.valor_pago,
            conta=p.conta_pagamento,
            por=p.pago_por,
            registrado_em=p.pagamento_registrado_em,
        )
    return ParcelaSaida(
        id=p.id,
        exercicio=p.exercicio,
        mes=p.mes,
        ibge7=p.ibge7,
        bloco=p.bloco,
        valor=p.valor,
        situacao=cast(SituacaoParcela, p.situacao),  # gravada só com as quatro situações
        calculo_id=p.calculo_id,
        componentes={c: Decimal(v) for c, v in p.componentes.items()},
        unidades=p.unidades,
        memoria=p.memoria,
        memoria_calculo=f"/api/v1/exercicios/{p.exercicio}/calculos/{p.calculo_id}/municipios/{p.ibge7}/memoria",
        pagamento=pagamento,
    )


async def listar(
    sessao: AsyncSession, *, exercicio: int, filtros: FiltrosParcelas, pagina: int, tamanho: int
) -> ListaParcelas:
    total, parcelas = await repository.listar(sessao, exercicio, filtros, pagina=pagina, tamanho=tamanho)
    geracao = await repository.ultima_geracao(sessao, exercicio)
    return ListaParcelas(
        exercicio=exercicio,
        geracao=None
        if geracao is None
        else await ler_geracao(sessao, geracao, ibge7=filtros.ibge7, bloco=filtros.bloco),
        total=total,
        pagina=pagina,
        tamanho=tamanho,
        parcelas=[saida(p) for p in parcelas],
    )


async def do_exercicio(
    sessao: AsyncSession, exercicio: int, parcela_id: str, *, para_alterar: bool = False
) -> Parcela:
    parcela = await repository.parcela(sessao, parcela_id, para_alterar=para_alterar)
    if parcela is None or parcela.exercicio != exercicio:
        raise NaoEncontrado(f"não há parcela {parcela_id} no exercício {exercicio}")
    return parcela


async def pagar(
    *,
    sessao: AsyncSession,
    exercicio: int,
    parcela_id: str,
    entrada: PagamentoEntrada,
    usuario: Usuario,
    agora: datetime,
) -> Parcela:
    """Registra o pagamento de uma parcela prevista, na conta do bloco (Art. 26), se o bloco não está sancionado."""
    parcela = await do_exercicio(sessao, exercicio, parcela_id, para_alterar=True)
    if parcela.situacao == "paga":
        assert parcela.data_pagamento is not None and parcela.valor_pago is not None
        raise Conflito(
            f"{_nome_parcela(parcela)} já foi paga em {parcela.data_pagamento:%d/%m/%Y} "
            f"({moeda_br(parcela.valor_pago)}, registrado por {parcela.pago_por})"
        )
    if parcela.situacao in SANCAO_DA_RETIDA:
        raise Conflito(
            f"{_nome_parcela(parcela)} está {parcela.situacao} pelo saldo acumulado: não se paga "
            f"({FUNDAMENTO_DA_SANCAO[SANCAO_DA_RETIDA[parcela.situacao]]})",
            situacao=parcela.situacao,
        )
    # A geração pode ser anterior à sanção: o estado de agora é o que vale para pagar.
    sancao = await sancoes.sancao(sessao, parcela.ibge7, parcela.bloco)
    if sancao is not None and sancao.estado != "regular":
        raise Conflito(
            f"o {NOMES_BLOCO[Bloco(parcela.bloco)]} de {parcela.ibge7} está {sancao.estado} desde "
            f"{sancao.desde.astimezone(FUSO_CEARA):%d/%m/%Y}: nenhuma parcela se paga "
            f"({FUNDAMENTO_DA_SANCAO[sancao.estado]}); gere as parcelas de novo para que a situação apareça",
            situacao=sancao.estado,
        )
    conta = await contas.conta(sessao, parcela.ibge7, parcela.bloco)
    if conta is None:
        raise Conflito(
            f"o {NOMES_BLOCO[Bloco(parcela.bloco)]} de {parcela.ibge7} não tem conta específica registrada: o repasse "
            f"só entra na conta do bloco ({ART_26}); registre-a com PUT "
            f"/api/v1/municipios/{parcela.ibge7}/contas/{parcela.bloco}"
        )
    hoje = hoje_no_ceara(agora)
    if entrada.data > hoje:
        raise DadosInvalidos(
            f"a data do pagamento {entrada.data:%d/%m/%Y} é futura (hoje é {hoje:%d/%m/%Y}): registre o pagamento "
            "depois do crédito",
            erros=[{"campo": "data", "valor": entrada.data.isoformat(), "motivo": "data futura"}],
        )
    parcela.situacao, parcela.data_pagamento, parcela.valor_pago = "paga", entrada.data, entrada.valor
    parcela.conta_pagamento, parcela.pago_por, parcela.pagamento_registrado_em = (
        descrever(conta),
        acesso.autor(usuario),
        agora,
    )
    return parcela


# Conciliação -----------------------------------------------------------------------------------------


@dataclass
class _Soma:
    parcelas: int = 0
    pagas: int = 0
    calculado: Decimal = ZERO
    a_pagar: Decimal = ZERO
    retido: Decimal = ZERO
    pago: Decimal = ZERO
    diferenca_nas_pagas: Decimal = ZERO


async def conciliar(
    sessao: AsyncSession, *, exercicio: int, ibge7: str | None = None, bloco: str | None = None
) -> Conciliacao:
    """Por município e bloco: a soma das parcelas (o calculado) contra o pago, com as diferenças."""
    _, parcelas = await repository.listar(sessao, exercicio, FiltrosParcelas(ibge7=ibge7, bloco=bloco))
    somas: dict[tuple[str, str], _Soma] = {}
    for p in parcelas:
        s = somas.setdefault((p.ibge7, p.bloco), _Soma())
        s.parcelas += 1
        s.calculado += p.valor
        if p.situacao == "prevista":
            s.a_pagar += p.valor
        elif p.situacao == "paga":
            assert p.valor_pago is not None
            s.pagas += 1
            s.pago += p.valor_pago
            s.diferenca_nas_pagas += p.valor - p.valor_pago
        else:
            s.retido += p.valor
    nomes = await _nomes(sessao, (i for i, _ in somas))
    linhas = [
        LinhaConciliacao(
            ibge7=i,
            nome=nomes.get(i),
            bloco=b,
            parcelas=s.parcelas,
            pagas=s.pagas,
            valor_calculado=s.calculado,
            valor_a_pagar=s.a_pagar,
            valor_retido=s.retido,
            valor_pago=s.pago,
            diferenca=s.calculado - s.pago,
            diferenca_nas_pagas=s.diferenca_nas_pagas,
        )
        for (i, b), s in sorted(somas.items())
    ]
    calculado = sum((linha.valor_calculado for linha in linhas), ZERO)
    pago = sum((linha.valor_pago for linha in linhas), ZERO)
    return Conciliacao(
        exercicio=exercicio,
        valor_calculado=calculado,
        valor_pago=pago,
        diferenca=calculado - pago,
        linhas=linhas,
    )
