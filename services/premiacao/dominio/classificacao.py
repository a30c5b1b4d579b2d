"""Classificação dos CRAS e distribuição dos prêmios (Decreto nº 35.038/2022, Arts. 2º a 7º), em aritmética exata."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Literal

from services.premiacao.dominio.entradas import EntradaCras
from services.premiacao.dominio.regras import CriterioDesempate, RegrasPremio

CRITERIO_FINAL = "id_cras"
MotivoNaoPremiado = Literal["municipio_ja_premiado", "alem_do_numero_de_premios"]


@dataclass(frozen=True)
class Indicadores:
    """Valores brutos de um CRAS apto: IDCRAS e percentual do SCFV 0–14 nos anos t e t−1."""

    idcras_t: Fraction
    idcras_t_menos_1: Fraction
    scfv_t: Fraction
    scfv_t_menos_1: Fraction


NOMES_INDICADORES = ("idcras_t", "idcras_t_menos_1", "scfv_t", "scfv_t_menos_1")


@dataclass(frozen=True)
class Extremos:
    minimo: Fraction
    maximo: Fraction

    @property
    def constante(self) -> bool:
        return self.minimo == self.maximo


@dataclass(frozen=True)
class CrasApto:
    posicao: int
    entrada: EntradaCras
    brutos: Indicadores
    padronizados: Indicadores
    ic: Fraction
    iq: Fraction
    idcras_minimo_nos_dois_anos: bool
    media_atendimento_sobre_capacidade: Fraction | None
    desempate_decisivo: str | None  # critério que o pôs abaixo do anterior, quando empatado em IQ
    empate_nao_resolvido: bool
    colocacao_premio: int | None
    valor_premio: Decimal
    motivo_nao_premiado: MotivoNaoPremiado | None
    premiado_do_municipio: str | None  # o CRAS do mesmo município que já levou o prêmio

    @property
    def premiado(self) -> bool:
        return self.colocacao_premio is not None


@dataclass(frozen=True)
class CrasInapto:
    entrada: EntradaCras
    motivos: tuple[str, ...]


@dataclass(frozen=True)
class TotalFaixa:
    de: int
    ate: int
    valor: Decimal
    premiados: int
    total: Decimal


@dataclass(frozen=True)
class Resultado:
    aptos: tuple[CrasApto, ...]
    inaptos: tuple[CrasInapto, ...]
    extremos: Mapping[str, Extremos]  # por indicador (NOMES_INDICADORES e "ic")
    faixas: tuple[TotalFaixa, ...]
    valor_total_distribuido: Decimal
    premio_adicional_para: str | None  # IBGE7 do município do 1º lugar

    @property
    def premiados(self) -> tuple[CrasApto, ...]:
        return tuple(c for c in self.aptos if c.premiado)

    @property
    def indicadores_constantes(self) -> tuple[str, ...]:
        return tuple(nome for nome, e in self.extremos.items() if e.constante)

    @property
    def empates_nao_resolvidos(self) -> int:
        return sum(1 for c in self.aptos if c.empate_nao_resolvido)


def fracao(valor: Decimal | int) -> Fraction:
    return Fraction(valor)


def decimal_de(valor: Fraction, casas: int = 10) -> Decimal:
    """Fração exata mostrada com `casas` decimais (arredondamento bancário); a ordem usa a fração."""
    quantum = Decimal(1).scaleb(-casas)
    return (Decimal(valor.numerator) / Decimal(valor.denominator)).quantize(quantum, rounding=ROUND_HALF_EVEN)


def motivos_de_inaptidao(entrada: EntradaCras, regras: RegrasPremio) -> tuple[str, ...]:
    """Por que um CRAS não pode ser classificado (Art. 4º e premissas de dados)."""
    motivos = []
    if entrada.planos_ativos:
        motivos.append("plano_providencias_ativo")
    for ano in (regras.ano_t, regras.ano_t_menos_1):
        if ano not in entrada.idcras:
            motivos.append(f"sem_idcras_{ano}")
    for ano in (regras.ano_t, regras.ano_t_menos_1):
        contagem = entrada.scfv.get(ano)
        if contagem is None:
            motivos.append(f"sem_scfv_{ano}")
        elif contagem.total == 0:
            motivos.append(f"scfv_sem_atendimentos_{ano}")
    politicas = regras.politicas
    return tuple(
        m
        for m in motivos
        if not (m.startswith("sem_idcras_") and not politicas.exige_idcras_nos_dois_anos)
        and not (m.startswith(("sem_scfv_", "scfv_sem_")) and not politicas.exige_scfv_nos_dois_anos)
    )


def _percentual_scfv(entrada: EntradaCras, ano: int) -> Fraction:
    """Percentual do SCFV de 0 a 14 anos sobre o total do SCFV (Art. 5º, II)."""
    contagem = entrada.scfv.get(ano)
    if contagem is None or contagem.total == 0:
        return Fraction(0)
    return Fraction(100 * contagem.faixa_0_14, contagem.total)


def _brutos(entrada: EntradaCras, regras: RegrasPremio) -> Indicadores:
    return Indicadores(
        idcras_t=fracao(entrada.idcras.get(regras.ano_t, Decimal(0))),
        idcras_t_menos_1=fracao(entrada.idcras.get(regras.ano_t_menos_1, Decimal(0))),
        scfv_t=_percentual_scfv(entrada, regras.ano_t),
        scfv_t_menos_1=_percentual_scfv(entrada, regras.ano_t_menos_1),
    )


def extremos_de(valores: Iterable[Fraction]) -> Extremos:
    lista = list(valores)
    return Extremos(minimo=min(lista), maximo=max(lista))


def padronizar(valor: Fraction, extremos: Extremos, constante: Fraction) -> Fraction:
    """Min–max sobre os CRAS aptos, equações (3) e (4) do Art. 7º [PREMISSA: constante quando máx = mín]."""
    if extremos.constante:
        return constante
    return (valor - extremos.minimo) / (extremos.maximo - extremos.minimo)


def indice_composto(z: Indicadores, regras: RegrasPremio) -> Fraction:
    """IC = w1·Z_id[t] + w2·Z_id[t−1] + w3·Z_scfv[t] + w4·Z_scfv[t−1], equação (2) do Art. 7º [PREMISSA]."""
    p = regras.pesos
    return (
        fracao(p.w1) * z.idcras_t
        + fracao(p.w2) * z.idcras_t_menos_1
        + fracao(p.w3) * z.scfv_t
        + fracao(p.w4) * z.scfv_t_menos_1
    )


def media_atendimento_sobre_capacidade(entrada: EntradaCras, regras: RegrasPremio) -> Fraction | None:
    """Média, nos anos t e t−1, do atendimento do SCFV em % da capacidade (Art. 6º, II); falta um ano → None."""
    percentuais = []
    for ano in (regras.ano_t, regras.ano_t_menos_1):
        dados = entrada.atendimento_capacidade.get(ano)
        if dados is None or dados.capacidade == 0:
            return None
        percentuais.append(Fraction(100 * dados.usuarios, dados.capacidade))
    return sum(percentuais, Fraction(0)) / len(percentuais)


@dataclass(frozen=True)
class _Calculado:
    entrada: EntradaCras
    brutos: Indicadores
    padronizados: Indicadores
    ic: Fraction
    iq: Fraction
    idcras_minimo: bool
    media_capacidade: Fraction | None

    def chave_do_criterio(self, criterio: str) -> tuple[int, Fraction] | str:
        """Menor vem antes."""
        if criterio == CriterioDesempate.idcras_minimo_nos_dois_anos:
            return (0 if self.idcras_minimo else 1, Fraction(0))
        if criterio == CriterioDesempate.media_atendimento_sobre_capacidade:
            media = self.media_capacidade
            return (0, -media) if media is not None else (1, Fraction(0))
        return self.entrada.id_cras


def _calcular(
    aptos: Sequence[EntradaCras], regras: RegrasPremio
) -> tuple[list[_Calculado], dict[str, Extremos]]:
    brutos = {e.id_cras: _brutos(e, regras) for e in aptos}
    constante = fracao(regras.politicas.padronizado_quando_indicador_constante)
    extremos = {nome: extremos_de(getattr(b, nome) for b in brutos.values()) for nome in NOMES_INDICADORES}
    padronizados = {
        id_cras: Indicadores(
            **{nome: padronizar(getattr(b, nome), extremos[nome], constante) for nome in NOMES_INDICADORES}
        )
        for id_cras, b in brutos.items()
    }
    ics = {id_cras: indice_composto(z, regras) for id_cras, z in padronizados.items()}
    extremos["ic"] = extremos_de(ics.values())
    escala = fracao(regras.escala)
    limiar = fracao(regras.idcras_minimo_desempate)
    calculados = []
    for entrada in aptos:
        b = brutos[entrada.id_cras]
        calculados.append(
            _Calculado(
                entrada=entrada,
                brutos=b,
                padronizados=padronizados[entrada.id_cras],
                ic=ics[entrada.id_cras],
                # IQ = escala · min–max do IC, equação (1) do Art. 7º [PREMISSA]
                iq=escala * padronizar(ics[entrada.id_cras], extremos["ic"], constante),
                idcras_minimo=b.idcras_t >= limiar and b.idcras_t_menos_1 >= limiar,
                media_capacidade=media_atendimento_sobre_capacidade(entrada, regras),
            )
        )
    return calculados, extremos


def _ordenar(calculados: list[_Calculado], regras: RegrasPremio) -> list[tuple[_Calculado, str | None, bool]]:
    """Ordem por IQ decrescente e, no empate, pelos critérios do Art. 6º; devolve o critério decisivo e o empate não resolvido."""
    criterios = [*regras.desempate, CRITERIO_FINAL]
    ordenados = sorted(calculados, key=lambda c: (-c.iq, *(c.chave_do_criterio(k) for k in criterios)))
    decisivos: list[str | None] = [None] * len(ordenados)
    nao_resolvido = [False] * len(ordenados)
    for i in range(1, len(ordenados)):
        anterior, atual = ordenados[i - 1], ordenados[i]
        if anterior.iq != atual.iq:
            continue
        decisivo = next(k for k in criterios if anterior.chave_do_criterio(k) != atual.chave_do_criterio(k))
        decisivos[i] = decisivo
        if decisivo == CRITERIO_FINAL:
            nao_resolvido[i - 1] = nao_resolvido[i] = True
    return list(zip(ordenados, decisivos, nao_resolvido, strict=True))


def classificar(entradas: Iterable[EntradaCras], regras: RegrasPremio) -> Resultado:
    """Aptidão, IQ, ordem com desempates, e prêmios com no máximo um por município (Arts. 2º a 7º)."""
    todas = sorted(entradas, key=lambda e: e.id_cras)
    repetidos = sorted({a.id_cras for a, b in pairwise(todas) if a.id_cras == b.id_cras})
    if repetidos:  # os cálculos são por id_cras: um id repetido misturaria os dados de dois CRAS
        raise ValueError(f"id_cras repetido nas entradas: {', '.join(repetidos)}")
    inaptos = []
    aptos = []
    for entrada in todas:
        motivos = motivos_de_inaptidao(entrada, regras)
        if motivos:
            inaptos.append(CrasInapto(entrada=entrada, motivos=motivos))
        else:
            aptos.append(entrada)
    if not aptos:
        return Resultado(
            aptos=(),
            inaptos=tuple(inaptos),
            extremos={},
            faixas=_totais_por_faixa([], regras),
            valor_total_distribuido=Decimal("0.00"),
            premio_adicional_para=None,
        )
    calculados, extremos = _calcular(aptos, regras)
    premiados_por_municipio: dict[str, str] = {}
    premios = 0
    linhas = []
    for posicao, (c, decisivo, nao_resolvido) in enumerate(_ordenar(calculados, regras), start=1):
        ibge7 = c.entrada.ibge7
        colocacao: int | None = None
        motivo: MotivoNaoPremiado | None = None
        valor = Decimal("0.00")
        if regras.um_premio_por_municipio and ibge7 in premiados_por_municipio:
            motivo = "municipio_ja_premiado"  # Art. 2º, parágrafo único
        elif premios < regras.numero_premios:
            premios += 1
            colocacao = premios
            valor = regras.valor_da_colocacao(colocacao)
            premiados_por_municipio.setdefault(ibge7, c.entrada.id_cras)
        else:
            motivo = "alem_do_numero_de_premios"
        linhas.append(
            CrasApto(
                posicao=posicao,
                entrada=c.entrada,
                brutos=c.brutos,
                padronizados=c.padronizados,
                ic=c.ic,
                iq=c.iq,
                idcras_minimo_nos_dois_anos=c.idcras_minimo,
                media_atendimento_sobre_capacidade=c.media_capacidade,
                desempate_decisivo=decisivo,
                empate_nao_resolvido=nao_resolvido,
                colocacao_premio=colocacao,
                valor_premio=valor,
                motivo_nao_premiado=motivo,
                premiado_do_municipio=premiados_por_municipio.get(ibge7)
                if motivo == "municipio_ja_premiado"
                else None,
            )
        )
    premiados = [linha for linha in linhas if linha.premiado]
    return Resultado(
        aptos=tuple(linhas),
        inaptos=tuple(inaptos),
        extremos=extremos,
        faixas=_totais_por_faixa(premiados, regras),
        valor_total_distribuido=sum((p.valor_premio for p in premiados), Decimal("0.00")),
        premio_adicional_para=premiados[0].entrada.ibge7 if premiados else None,
    )


def _totais_por_faixa(premiados: Sequence[CrasApto], regras: RegrasPremio) -> tuple[TotalFaixa, ...]:
    totais = []
    for faixa in sorted(regras.faixas, key=lambda f: f.de):
        quantos = sum(
            1
            for p in premiados
            if p.colocacao_premio is not None and faixa.de <= p.colocacao_premio <= faixa.ate
        )
        totais.append(
            TotalFaixa(
                de=faixa.de, ate=faixa.ate, valor=faixa.valor, premiados=quantos, total=faixa.valor * quantos
            )
        )
    return tuple(totais)
