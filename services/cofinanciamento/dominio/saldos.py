"""Saldos acumulados (ato SPS 2023, Art. 13), parcelas mensais e Plano de Ação (Decreto nº 34.262/2021, Arts. 24–25)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Literal

from services.cofinanciamento.dominio.calculo import ResultadoCofinanciamento
from services.cofinanciamento.dominio.entradas import PlanoAcao, PlanoProvidenciasDoBloqueio, SaldoConta
from services.cofinanciamento.dominio.regras import (
    BLOCO_DO_COMPONENTE,
    DECRETO,
    NOMES_BLOCO,
    NOMES_COMPONENTE,
    Bloco,
    Componente,
    RegrasCofinanciamento,
    reais_br,
)
from shared.formatos import moeda_br

EstadoSancao = Literal["regular", "bloqueado", "suspenso"]
Transicao = Literal["bloqueio", "suspensao", "desbloqueio", "fim_da_suspensao"]
SituacaoParcela = Literal["a_pagar", "bloqueada", "suspensa"]
MotivoPendencia = Literal["plano_de_acao_nao_preenchido", "parecer_cmas_nao_favoravel"]
ART_13_I = "ato SPS 2023, Art. 13, I"
ART_13_II = "ato SPS 2023, Art. 13, II"
ZERO = Decimal("0.00")
SITUACAO_DA_PARCELA: Mapping[EstadoSancao, SituacaoParcela] = {
    "regular": "a_pagar",
    "bloqueado": "bloqueada",
    "suspenso": "suspensa",
}


@dataclass(frozen=True)
class AvaliacaoSaldo:
    """O saldo de um bloco num mês medido em parcelas mensais, e se chega ao limiar de bloqueio."""

    ibge7: str
    bloco: Bloco
    ano: int
    mes: int
    saldo: Decimal
    parcela_mensal: Decimal
    limiar_parcelas: int
    valor_limiar: Decimal | None  # None: bloco sem parcela, não há acúmulo a medir
    parcelas_acumuladas: Decimal | None  # truncado em 2 casas, só para leitura; a decisão usa o valor exato
    acumulo: bool
    memoria: str


def avaliar_saldo(
    saldo: SaldoConta, parcela_mensal: Decimal, regras: RegrasCofinanciamento
) -> AvaliacaoSaldo:
    """Saldo ≥ limiar × parcela mensal do bloco é acúmulo que bloqueia (ato SPS 2023, Art. 13, I)."""
    limiar = regras.sancoes.limiar_parcelas_acumuladas
    periodo = f"{saldo.mes:02d}/{saldo.ano}"
    if parcela_mensal <= 0:  # bloco sem parcela não acumula parcelas [PREMISSA sancao_por_bloco]
        return AvaliacaoSaldo(
            ibge7=saldo.ibge7,
            bloco=saldo.bloco,
            ano=saldo.ano,
            mes=saldo.mes,
            saldo=saldo.saldo,
            parcela_mensal=parcela_mensal,
            limiar_parcelas=limiar,
            valor_limiar=None,
            parcelas_acumuladas=None,
            acumulo=False,
            memoria=(
                f"{NOMES_BLOCO[saldo.bloco]}, {periodo}: saldo {moeda_br(saldo.saldo)}; bloco sem parcela mensal, "
                f"não há parcelas acumuladas ({ART_13_I}) [PREMISSA sancao_por_bloco]"
            ),
        )
    valor_limiar = limiar * parcela_mensal
    acumulo = saldo.saldo >= valor_limiar
    acumuladas = (saldo.saldo / parcela_mensal).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    comparacao = "≥" if acumulo else "<"
    return AvaliacaoSaldo(
        ibge7=saldo.ibge7,
        bloco=saldo.bloco,
        ano=saldo.ano,
        mes=saldo.mes,
        saldo=saldo.saldo,
        parcela_mensal=parcela_mensal,
        limiar_parcelas=limiar,
        valor_limiar=valor_limiar,
        parcelas_acumuladas=acumuladas,
        acumulo=acumulo,
        memoria=(
            f"{NOMES_BLOCO[saldo.bloco]}, {periodo}: saldo {moeda_br(saldo.saldo)} {comparacao} {limiar} × "
            f"{moeda_br(parcela_mensal)} = {moeda_br(valor_limiar)} ({acumuladas} parcelas acumuladas; "
            f"{regras.sancoes.fonte_limiar}): {'acúmulo que bloqueia' if acumulo else 'abaixo do limiar'}"
        ),
    )


@dataclass(frozen=True)
class DecisaoSancao:
    """O estado de um bloco do município depois de olhar o saldo e o Plano de Providências, com o que fazer."""

    ibge7: str
    bloco: Bloco
    estado_anterior: EstadoSancao
    estado: EstadoSancao
    transicao: Transicao | None
    paga_parcelas: bool
    exige_plano_providencias: bool  # o monitoramento abre (ou exige) o plano, origem saldo_acumulado
    prazo_plano_dias: int | None
    notificar: tuple[str, ...]  # ministerio_publico, camara_municipal (na suspensão)
    excluir_de_expansoes: bool
    motivo: str


def decidir_sancao(
    estado_atual: EstadoSancao,
    avaliacao: AvaliacaoSaldo,
    plano: PlanoProvidenciasDoBloqueio | None,
    regras: RegrasCofinanciamento,
) -> DecisaoSancao:
    """Bloqueio, suspensão e retomada pelo saldo e pelo Plano de Providências (ato SPS 2023, Art. 13, I e II)."""
    sancoes = regras.sancoes
    concluido = plano is not None and plano.concluido
    transicao: Transicao | None = None
    estado = estado_atual
    if estado_atual == "regular" and avaliacao.acumulo:
        estado, transicao = "bloqueado", "bloqueio"
        motivo = f"{avaliacao.memoria}; bloqueio e Plano de Providências exigido ({ART_13_I})"
    elif estado_atual == "bloqueado" and avaliacao.acumulo and plano is not None and plano.prazo_vencido:
        estado, transicao = "suspenso", "suspensao"
        motivo = (
            f"{avaliacao.memoria}; saldo ainda sem uso depois do prazo do Plano de Providências {plano.plano_id}: "
            f"suspensão, aviso ao Ministério Público e à Câmara Municipal, fora das expansões ({ART_13_II})"
        )
    elif estado_atual == "bloqueado" and concluido and not avaliacao.acumulo:
        estado, transicao = "regular", "desbloqueio"
        motivo = f"{avaliacao.memoria}; Plano de Providências concluído: parcelas retomadas ({ART_13_I})"
    elif (
        estado_atual == "suspenso"
        and sancoes.suspensao_termina_com_plano_concluido
        and concluido
        and not avaliacao.acumulo
    ):
        estado, transicao = "regular", "fim_da_suspensao"
        motivo = (
            f"{avaliacao.memoria}; Plano de Providências concluído: suspensão encerrada "
            f"({ART_13_II}) [PREMISSA fim_da_suspensao]"
        )
    else:
        motivo = f"{avaliacao.memoria}; permanece {estado_atual}" + _o_que_falta(
            estado_atual, avaliacao, plano
        )
    sancionado = estado != "regular"
    return DecisaoSancao(
        ibge7=avaliacao.ibge7,
        bloco=avaliacao.bloco,
        estado_anterior=estado_atual,
        estado=estado,
        transicao=transicao,
        paga_parcelas=not sancionado,
        exige_plano_providencias=sancionado and (plano is None or plano.cancelado),
        prazo_plano_dias=sancoes.prazo_plano_providencias_dias if sancionado else None,
        notificar=("ministerio_publico", "camara_municipal") if transicao == "suspensao" else (),
        excluir_de_expansoes=estado == "suspenso",
        motivo=motivo,
    )


def _o_que_falta(
    estado: EstadoSancao, avaliacao: AvaliacaoSaldo, plano: PlanoProvidenciasDoBloqueio | None
) -> str:
    if estado == "regular":
        return ""
    falta = []
    if plano is None or plano.cancelado:
        falta.append("Plano de Providências a apresentar")
    elif not plano.concluido:
        falta.append(f"Plano de Providências {plano.plano_id} não concluído ({plano.situacao})")
    if avaliacao.acumulo:
        falta.append("saldo ainda no limiar ou acima")
    return f": {'; '.join(falta)}" if falta else ""


# Parcelas --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parcela:
    """Parcela mensal de um bloco a um município, com os componentes e as unidades que a compõem."""

    ibge7: str
    bloco: Bloco
    exercicio: int
    mes: int
    valor: Decimal
    situacao: SituacaoParcela
    componentes: Mapping[Componente, Decimal]
    unidades: tuple[str, ...]  # id das unidades cobertas: cada uma tem a sua memória de cálculo
    memoria: str


@dataclass(frozen=True)
class Pendencia:
    """Município com valor calculado num bloco mas sem parcela, e por quê."""

    ibge7: str
    bloco: Bloco
    valor_mensal: Decimal
    motivo: MotivoPendencia
    descricao: str


@dataclass(frozen=True)
class ResultadoParcelas:
    parcelas: tuple[Parcela, ...]
    pendencias: tuple[Pendencia, ...]


def _pendencia(plano: PlanoAcao | None, regras: RegrasCofinanciamento) -> tuple[MotivoPendencia, str] | None:
    """Plano de Ação preenchido (Art. 24) e, se o exercício exigir, com parecer favorável do CMAS (Art. 25, § 2º)."""
    if plano is None or not plano.preenchido:
        return (
            "plano_de_acao_nao_preenchido",
            f"Plano de Ação do exercício não preenchido ({DECRETO}, Art. 24)",
        )
    if regras.parcelas.exige_parecer_favoravel_cmas and plano.parecer_cmas != "aprovado":
        parecer = plano.parecer_cmas or "sem parecer"
        return (
            "parecer_cmas_nao_favoravel",
            f"Plano de Ação sem parecer favorável do CMAS ({parecer}; {DECRETO}, Art. 25, § 2º) [PREMISSA parcelas_plano_acao]",
        )
    return None


def gerar_parcelas(
    resultado: ResultadoCofinanciamento,
    planos: Iterable[PlanoAcao],
    regras: RegrasCofinanciamento,
    *,
    meses: Iterable[int] | None = None,
    sancoes: Mapping[tuple[str, Bloco], EstadoSancao] | None = None,
) -> ResultadoParcelas:
    """Parcelas mensais por município e bloco dos pisos cobertos, só com Plano de Ação preenchido (Arts. 24 e 26)."""
    por_municipio: dict[str, PlanoAcao] = {}
    for plano in planos:
        if plano.exercicio != resultado.exercicio:
            continue
        if plano.ibge7 in por_municipio:
            raise ValueError(f"dois Planos de Ação do município {plano.ibge7} no exercício {plano.exercicio}")
        por_municipio[plano.ibge7] = plano
    lista_meses = sorted(set(meses if meses is not None else range(1, regras.parcelas.meses_de_repasse + 1)))
    if any(not 1 <= m <= 12 for m in lista_meses):
        raise ValueError(f"mês fora de 1–12: {lista_meses}")
    estados = sancoes or {}
    cobertas: dict[tuple[str, Bloco], list[str]] = {}
    for u in resultado.unidades:
        if u.situacao == "coberto":
            cobertas.setdefault((u.ibge7, u.bloco), []).append(u.id_unidade)
    parcelas: list[Parcela] = []
    pendencias: list[Pendencia] = []
    for municipio in resultado.municipios:
        pendencia = _pendencia(por_municipio.get(municipio.ibge7), regras)
        for total in municipio.blocos:
            if total.valor_mensal <= 0:
                continue
            if pendencia is not None:
                motivo, descricao = pendencia
                pendencias.append(
                    Pendencia(municipio.ibge7, total.bloco, total.valor_mensal, motivo, descricao)
                )
                continue
            situacao = SITUACAO_DA_PARCELA[estados.get((municipio.ibge7, total.bloco), "regular")]
            unidades = tuple(cobertas.get((municipio.ibge7, total.bloco), ()))
            componentes = {c.componente: c.valor_mensal for c in total.componentes}
            for mes in lista_meses:
                parcelas.append(
                    Parcela(
                        ibge7=municipio.ibge7,
                        bloco=total.bloco,
                        exercicio=resultado.exercicio,
                        mes=mes,
                        valor=total.valor_mensal,
                        situacao=situacao,
                        componentes=componentes,
                        unidades=unidades,
                        memoria=(
                            f"parcela {mes:02d}/{resultado.exercicio} do {NOMES_BLOCO[total.bloco]}: {total.formula}; "
                            f"Plano de Ação preenchido ({DECRETO}, Art. 24); situação {situacao}"
                        ),
                    )
                )
    return ResultadoParcelas(parcelas=tuple(parcelas), pendencias=tuple(pendencias))


# Plano de Ação ---------------------------------------------------------------------------------------


def problemas_plano_acao(
    plano: PlanoAcao, resultado: ResultadoCofinanciamento, regras: RegrasCofinanciamento
) -> list[str]:
    """O uso planejado por bloco e componente soma o valor calculado do exercício (Arts. 22–24); todos os problemas."""
    erros: list[str] = []
    if plano.exercicio != resultado.exercicio:
        erros.append(
            f"o Plano de Ação é do exercício {plano.exercicio}; o cálculo é de {resultado.exercicio}"
        )
    if not plano.preenchido:
        erros.append(f"o Plano de Ação não foi preenchido ({DECRETO}, Art. 24)")
    municipio = next((m for m in resultado.municipios if m.ibge7 == plano.ibge7), None)
    if municipio is None:
        erros.append(f"o município {plano.ibge7} não tem cofinanciamento calculado no exercício")
    planejado: dict[Componente, Decimal] = dict.fromkeys(Componente, ZERO)
    for n, uso in enumerate(plano.usos, start=1):
        bloco_certo = BLOCO_DO_COMPONENTE[uso.componente]
        if uso.bloco != bloco_certo:
            erros.append(
                f"linha {n}: o {NOMES_COMPONENTE[uso.componente]} pertence ao {NOMES_BLOCO[bloco_certo]}, "
                f"não ao {NOMES_BLOCO[uso.bloco]} ({DECRETO}, Arts. 19–21)"
            )
        if uso.valor_anual < 0:
            erros.append(f"linha {n}: valor negativo ({moeda_br(uso.valor_anual)})")
        if uso.valor_anual != uso.valor_anual.quantize(Decimal("0.01")):
            erros.append(f"linha {n}: valor com fração de centavo ({uso.valor_anual})")
        planejado[uso.componente] += uso.valor_anual
    if municipio is None:
        return erros
    meses = regras.parcelas.meses_de_repasse
    for total in municipio.blocos:
        for componente in total.componentes:
            calculado = componente.valor_mensal * meses
            soma = planejado[componente.componente]
            if soma != calculado:
                erros.append(
                    f"{NOMES_BLOCO[total.bloco]}, {NOMES_COMPONENTE[componente.componente]}: planejado "
                    f"{reais_br(soma)}, calculado {moeda_br(calculado)} ({meses} × {moeda_br(componente.valor_mensal)}); "
                    f"diferença {reais_br(soma - calculado)}"
                )
    return erros
