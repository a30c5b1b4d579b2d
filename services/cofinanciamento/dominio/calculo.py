"""Pisos por unidade, prioridade dos municípios e cobertura dentro do orçamento (Decreto nº 34.262/2021, Arts. 11–23)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Literal

from services.cofinanciamento.dominio.entradas import (
    Conselhos,
    Cras,
    Entradas,
    IndicadorMunicipal,
    Municipio,
    Populacao,
    UnidadeAcolhimento,
    UnidadeMediaComplexidade,
)
from services.cofinanciamento.dominio.regras import (
    BLOCO_DO_COMPONENTE,
    NOMES_BLOCO,
    NOMES_COMPONENTE,
    NOMES_PORTE,
    Bloco,
    Chave,
    Componente,
    Condicao,
    Indicador,
    Porte,
    Premissa,
    RegrasCofinanciamento,
    Selecao,
    percentual_br,
    premissas_em_vigor,
    reais_br,
)
from shared.formatos import moeda_br, numero_br

Situacao = Literal["coberto", "aguardando_disponibilidade", "inelegivel", "parametro_ausente", "dado_ausente"]
Impedimento = Literal["inelegivel", "parametro_ausente", "dado_ausente"]
TipoUnidade = Literal["cras", "creas", "centro_pop", "acolhimento"]
CRITERIO_FINAL = "ibge7"
ZERO = Decimal("0.00")
NOMES_TIPO: Mapping[str, str] = {
    "cras": "CRAS",
    "creas": "CREAS",
    "centro_pop": "Centro Pop",
    "acolhimento": "unidade de acolhimento",
}


@dataclass(frozen=True)
class ParametroUsado:
    """Um parâmetro do conjunto de regras usado num cálculo, com o valor e a fonte legal."""

    nome: str
    valor: str
    fonte: str


@dataclass(frozen=True)
class Piso:
    """O piso mensal de uma unidade num componente, antes da prioridade e do orçamento."""

    componente: Componente
    ibge7: str
    id_unidade: str
    tipo_unidade: TipoUnidade
    valor: Decimal | None  # None: não calculável (ver impedimento)
    impedimento: Impedimento | None
    motivos: tuple[str, ...]
    entradas: Mapping[str, str]
    parametros: tuple[ParametroUsado, ...]
    formula: str


@dataclass(frozen=True)
class PrioridadeMunicipio:
    """Elegibilidade e posição de um município numa seleção, com os valores dos indicadores usados."""

    ibge7: str
    elegivel: bool
    motivos: tuple[str, ...]
    posicao: int | None
    valores: Mapping[str, Decimal | None]
    criterio_decisivo: str | None  # a chave que o separou do anterior na ordem
    empate_nao_resolvido: bool


@dataclass(frozen=True)
class EstadoOrcamento:
    """Orçamento mensal do componente (None = sem limite), o já usado antes da unidade e o que resta."""

    orcamento_mensal: Decimal | None
    usado_antes: Decimal
    restante: Decimal | None


@dataclass(frozen=True)
class Memoria:
    """Memória de cálculo de uma unidade num componente (Art. 23): responde sozinha 'por que este valor?'."""

    exercicio: int
    componente: Componente
    bloco: Bloco
    entradas: Mapping[str, str]
    parametros: tuple[ParametroUsado, ...]
    formula: str
    prioridade: str | None
    orcamento: EstadoOrcamento | None
    conclusao: str
    premissas: tuple[Premissa, ...]

    def texto(self) -> str:
        """A memória em linhas pt-BR, para exportar."""
        linhas = [
            f"Exercício {self.exercicio} — {NOMES_BLOCO[self.bloco]} — {NOMES_COMPONENTE[self.componente]}",
            *(f"{rotulo}: {valor}" for rotulo, valor in self.entradas.items()),
            *(f"parâmetro {p.nome} = {p.valor} ({p.fonte})" for p in self.parametros),
            f"fórmula: {self.formula}",
        ]
        if self.prioridade:
            linhas.append(f"prioridade: {self.prioridade}")
        linhas.append(f"resultado: {self.conclusao}")
        linhas.extend(f"premissa {p.codigo}: {p.descricao} — em vigor: {p.valor}" for p in self.premissas)
        return "\n".join(linhas)


@dataclass(frozen=True)
class ResultadoUnidade:
    """O que uma unidade recebe num componente, e por quê."""

    componente: Componente
    bloco: Bloco
    ibge7: str
    id_unidade: str
    tipo_unidade: TipoUnidade
    situacao: Situacao
    motivos: tuple[str, ...]
    valor_piso: Decimal | None  # o piso da unidade, se calculável
    valor_mensal: Decimal  # o que o Estado repassa: o piso se coberto, senão 0,00
    posicao: int | None  # na ordem de cobertura do componente
    rodada: int | None  # 1 = 1ª unidade do município no componente, 2 = 2ª…
    posicao_municipio: int | None
    memoria: Memoria

    @property
    def elegivel(self) -> bool:
        return self.situacao not in ("inelegivel", "dado_ausente")


@dataclass(frozen=True)
class TotalComponente:
    componente: Componente
    valor_mensal: Decimal
    cobertas: int
    aguardando: int
    inelegiveis: int
    parametro_ausente: int
    dado_ausente: int
    formula: str


@dataclass(frozen=True)
class TotalBloco:
    bloco: Bloco
    valor_mensal: Decimal
    componentes: tuple[TotalComponente, ...]
    formula: str


@dataclass(frozen=True)
class ResultadoMunicipio:
    ibge7: str
    nome: str | None
    porte: Porte | None
    populacao: Populacao | None
    suspenso: bool
    blocos: tuple[TotalBloco, ...]
    valor_mensal: Decimal

    def bloco(self, bloco: Bloco) -> TotalBloco:
        return next(b for b in self.blocos if b.bloco == bloco)


@dataclass(frozen=True)
class ResumoComponente:
    """Estado inteiro num componente: orçamento, quanto foi coberto, saldo do orçamento e contagens."""

    componente: Componente
    bloco: Bloco
    orcamento_mensal: Decimal | None
    saldo_orcamento: Decimal | None
    selecao: str | None
    total: TotalComponente


@dataclass(frozen=True)
class ResultadoCofinanciamento:
    exercicio: int
    unidades: tuple[ResultadoUnidade, ...]
    municipios: tuple[ResultadoMunicipio, ...]
    componentes: tuple[ResumoComponente, ...]
    blocos: Mapping[Bloco, Decimal]  # total mensal do Estado por bloco
    valor_mensal_total: Decimal
    prioridades: Mapping[Componente, tuple[PrioridadeMunicipio, ...]]
    premissas: tuple[Premissa, ...]

    def municipio(self, ibge7: str) -> ResultadoMunicipio:
        return next(m for m in self.municipios if m.ibge7 == ibge7)

    def unidades_de(self, componente: Componente) -> tuple[ResultadoUnidade, ...]:
        return tuple(u for u in self.unidades if u.componente == componente)


# Formatação --------------------------------------------------------------------------------------


def quantizar(valor: Decimal, regras: RegrasCofinanciamento) -> Decimal:
    """Valor ao centavo pela regra do exercício [PREMISSA arredondamento]."""
    modo = ROUND_HALF_EVEN if regras.arredondamento == "meio_para_par" else ROUND_HALF_UP
    return valor.quantize(Decimal("0.01"), rounding=modo)


def _inteiro(valor: int) -> str:
    return numero_br(valor, 0)


def _numero(valor: Decimal) -> str:
    expoente = valor.as_tuple().exponent
    return numero_br(valor, max(0, -expoente) if isinstance(expoente, int) else 2)


def formula_de_soma(valores: Iterable[Decimal]) -> str:
    """'2 × R$ 3.000,00 + 1 × R$ 4.200,00 = R$ 10.200,00', agrupando valores iguais, maiores primeiro."""
    contagem = Counter(valores)
    total = sum((v * n for v, n in contagem.items()), ZERO)
    if not contagem:
        return "nenhuma unidade coberta = R$ 0,00"
    parcelas = " + ".join(f"{n} × {moeda_br(v)}" for v, n in sorted(contagem.items(), reverse=True))
    return f"{parcelas} = {moeda_br(total)}"


# Porte e famílias referenciadas ------------------------------------------------------------------


def porte(populacao: int, regras: RegrasCofinanciamento) -> Porte:
    """Porte populacional pelos limites da PNAS 2004 (parâmetros do exercício)."""
    p = regras.porte
    for limite, classe in (
        (p.pequeno_i_ate, Porte.pequeno_i),
        (p.pequeno_ii_ate, Porte.pequeno_ii),
        (p.medio_ate, Porte.medio),
        (p.grande_ate, Porte.grande),
    ):
        if populacao <= limite:
            return classe
    return Porte.metropole


def _porte_do_municipio(
    ibge7: str, municipio: Municipio | None, regras: RegrasCofinanciamento
) -> tuple[Porte | None, Populacao | None, dict[str, str], tuple[str, ...]]:
    """Porte pela base populacional do exercício; o que falta vira motivo de dado ausente."""
    base = regras.porte.base_populacional
    if municipio is None:
        return None, None, {"município": f"{ibge7} (não registrado)"}, ("municipio_nao_registrado",)
    entradas = {"município": f"{municipio.nome} ({ibge7})", "base populacional": base}
    populacao = municipio.populacao(base)
    if populacao is None:
        entradas["população"] = f"sem população na base {base}"
        return None, None, entradas, (f"sem_populacao:{base}",)
    classe = porte(populacao.habitantes, regras)
    entradas["população"] = f"{_inteiro(populacao.habitantes)} habitantes ({base}, {populacao.ano})"
    entradas["porte"] = NOMES_PORTE[classe]
    return classe, populacao, entradas, ()


def _parametro_porte(regras: RegrasCofinanciamento) -> ParametroUsado:
    p = regras.porte
    return ParametroUsado(
        "limites de porte",
        f"Pequeno I até {_inteiro(p.pequeno_i_ate)}; Pequeno II até {_inteiro(p.pequeno_ii_ate)}; "
        f"Médio até {_inteiro(p.medio_ate)}; Grande até {_inteiro(p.grande_ate)}; Metrópole acima",
        p.fonte_limites,
    )


def familias_referenciadas(
    cras: Cras, porte_do_municipio: Porte | None, regras: RegrasCofinanciamento
) -> tuple[int | None, str, tuple[str, ...]]:
    """Famílias referenciadas do CRAS: pelo porte do município ou pela capacidade declarada (q2) (Arts. 12–13) [PREMISSA]."""
    ref = regras.referenciamento
    if ref.modo == "capacidade_declarada":
        declarada = cras.familias_referenciadas
        if declarada is None:
            return None, "capacidade declarada (q2) não informada", ("sem_capacidade_declarada",)
        if declarada <= 0:
            return (
                None,
                f"capacidade declarada (q2) inválida: {declarada}",
                ("capacidade_declarada_invalida",),
            )
        return declarada, f"{_inteiro(declarada)} (capacidade declarada no Censo SUAS, q2)", ()
    if porte_do_municipio is None:
        return None, "porte do município desconhecido", ()
    familias = ref.familias_por_porte.de(porte_do_municipio)
    return familias, f"{_inteiro(familias)} (porte {NOMES_PORTE[porte_do_municipio]})", ()


# Pisos --------------------------------------------------------------------------------------------


def _familias_do_cras(
    componente: Componente, cras: Cras, municipio: Municipio | None, regras: RegrasCofinanciamento
) -> Piso | tuple[int, dict[str, str], list[ParametroUsado]]:
    """Entradas comuns aos pisos por CRAS; quando falta dado, já devolve o piso de dado ausente."""
    classe, _, entradas_porte, motivos_porte = _porte_do_municipio(cras.ibge7, municipio, regras)
    entradas = {"unidade": f"CRAS {cras.id_cras} — {cras.nome}", **entradas_porte}
    familias, texto_familias, motivos_familias = familias_referenciadas(cras, classe, regras)
    entradas["famílias referenciadas"] = texto_familias
    parametros = [
        ParametroUsado("referenciamento", regras.referenciamento.modo, "[PREMISSA] referenciamento")
    ]
    if regras.referenciamento.modo == "porte_municipio":
        f = regras.referenciamento.familias_por_porte
        parametros += [
            _parametro_porte(regras),
            ParametroUsado(
                "famílias referenciadas por porte",
                ", ".join(f"{NOMES_PORTE[p]} {_inteiro(f.de(p))}" for p in Porte),
                f.fonte,
            ),
        ]
    if familias is not None:
        return familias, entradas, parametros
    motivos = motivos_familias if regras.referenciamento.modo == "capacidade_declarada" else motivos_porte
    return Piso(
        componente=componente,
        ibge7=cras.ibge7,
        id_unidade=cras.id_cras,
        tipo_unidade="cras",
        valor=None,
        impedimento="dado_ausente",
        motivos=motivos,
        entradas=entradas,
        parametros=tuple(parametros),
        formula=f"sem famílias referenciadas ({', '.join(motivos)}): dado ausente, R$ 0,00",
    )


def piso_basico_fixo(cras: Cras, municipio: Municipio | None, regras: RegrasCofinanciamento) -> Piso:
    """Percentual do piso básico fixo federal × famílias referenciadas no CRAS, conforme o porte (Art. 12)."""
    base = _familias_do_cras(Componente.piso_basico_fixo, cras, municipio, regras)
    if isinstance(base, Piso):
        return base
    familias, entradas, parametros = base
    pbf = regras.piso_basico_fixo
    valor = quantizar(pbf.percentual_estadual * pbf.valor_federal_por_familia * familias, regras)
    parametros += [
        ParametroUsado(
            "piso básico fixo federal por família",
            reais_br(pbf.valor_federal_por_familia),
            pbf.fonte_valor_federal,
        ),
        ParametroUsado("percentual estadual", percentual_br(pbf.percentual_estadual), pbf.fonte_percentual),
    ]
    return Piso(
        componente=Componente.piso_basico_fixo,
        ibge7=cras.ibge7,
        id_unidade=cras.id_cras,
        tipo_unidade="cras",
        valor=valor,
        impedimento=None,
        motivos=(),
        entradas=entradas,
        parametros=tuple(parametros),
        formula=(
            f"{percentual_br(pbf.percentual_estadual)} × {reais_br(pbf.valor_federal_por_familia)} × "
            f"{_inteiro(familias)} famílias = {moeda_br(valor)}"
        ),
    )


def piso_basico_variavel(cras: Cras, municipio: Municipio | None, regras: RegrasCofinanciamento) -> Piso:
    """Valor por família fixado pela SPS × famílias referenciadas no CRAS; sem o valor, parâmetro ausente (Art. 13)."""
    base = _familias_do_cras(Componente.piso_basico_variavel, cras, municipio, regras)
    if isinstance(base, Piso):
        return base
    familias, entradas, parametros = base
    pbv = regras.piso_basico_variavel
    valor: Decimal | None = None
    impedimento: Impedimento | None = None
    motivos: tuple[str, ...] = ()
    if pbv.valor_por_familia is None:
        parametros.append(ParametroUsado("valor por família", "não informado", pbv.fonte_valor))
        impedimento, motivos = "parametro_ausente", ("valor_por_familia_nao_informado",)
        formula = (
            "valor por família do Piso Básico Variável ainda não fixado pela SPS "
            f"({pbv.fonte_regra}): parâmetro ausente, R$ 0,00 calculado"
        )
    else:
        parametros.append(
            ParametroUsado("valor por família", reais_br(pbv.valor_por_familia), pbv.fonte_valor)
        )
        valor = quantizar(pbv.valor_por_familia * familias, regras)
        formula = f"{reais_br(pbv.valor_por_familia)} × {_inteiro(familias)} famílias = {moeda_br(valor)}"
    return Piso(
        componente=Componente.piso_basico_variavel,
        ibge7=cras.ibge7,
        id_unidade=cras.id_cras,
        tipo_unidade="cras",
        valor=valor,
        impedimento=impedimento,
        motivos=motivos,
        entradas=entradas,
        parametros=tuple(parametros),
        formula=formula,
    )


def piso_fixo_media_complexidade(
    unidade: UnidadeMediaComplexidade, municipio: Municipio | None, regras: RegrasCofinanciamento
) -> Piso:
    """Percentual do PFMC federal por CREAS ou Centro Pop, por unidade ou por família conforme o porte (Arts. 14–15)."""
    media = regras.piso_fixo_media_complexidade
    tipo = NOMES_TIPO[unidade.tipo_unidade]
    classe, _, entradas_porte, motivos_porte = _porte_do_municipio(unidade.ibge7, municipio, regras)
    entradas = {"unidade": f"{tipo} {unidade.id_unidade} — {unidade.nome}", **entradas_porte}
    parametros = [
        ParametroUsado("base do PFMC", media.base_pfmc, "[PREMISSA] base_pfmc"),
        ParametroUsado(
            "percentual estadual", percentual_br(media.percentual_estadual), media.fonte_percentual
        ),
    ]

    def piso(
        valor: Decimal | None, impedimento: Impedimento | None, motivos: tuple[str, ...], formula: str
    ) -> Piso:
        return Piso(
            componente=Componente.piso_fixo_media_complexidade,
            ibge7=unidade.ibge7,
            id_unidade=unidade.id_unidade,
            tipo_unidade=unidade.tipo_unidade,
            valor=valor,
            impedimento=impedimento,
            motivos=motivos,
            entradas=entradas,
            parametros=tuple(parametros),
            formula=formula,
        )

    pct = media.percentual_estadual
    if media.base_pfmc == "unidade":
        federal: Decimal = getattr(media.valor_federal_por_unidade, unidade.tipo_unidade)
        parametros.append(
            ParametroUsado(f"PFMC federal por unidade ({tipo})", reais_br(federal), media.fonte_valor_federal)
        )
        valor = quantizar(pct * federal, regras)
        return piso(
            valor,
            None,
            (),
            f"{percentual_br(pct)} × {reais_br(federal)} (PFMC federal por unidade, {tipo}) = {moeda_br(valor)}",
        )
    parametros.append(_parametro_porte(regras))
    if classe is None:
        return piso(
            None, "dado_ausente", motivos_porte, "porte do município desconhecido: dado ausente, R$ 0,00"
        )
    faltam = []
    if media.valor_federal_por_familia is None:
        faltam.append("valor_federal_por_familia")
    if media.familias_por_porte is None:
        faltam.append("familias_por_porte")
    if media.valor_federal_por_familia is None or media.familias_por_porte is None:
        parametros.append(ParametroUsado("PFMC por família", "não informado", media.fonte_base_familia))
        return piso(
            None,
            "parametro_ausente",
            tuple(f"{m}_nao_informado" for m in faltam),
            f"base por família sem {' e '.join(faltam)} ({media.fonte_base_familia}): parâmetro ausente, R$ 0,00",
        )
    familias = media.familias_por_porte.de(classe)
    entradas["famílias referenciadas"] = f"{_inteiro(familias)} (porte {NOMES_PORTE[classe]})"
    parametros += [
        ParametroUsado(
            "PFMC federal por família", reais_br(media.valor_federal_por_familia), media.fonte_base_familia
        ),
        ParametroUsado(
            "famílias referenciadas por porte (média complexidade)",
            ", ".join(f"{NOMES_PORTE[p]} {_inteiro(media.familias_por_porte.de(p))}" for p in Porte),
            media.familias_por_porte.fonte,
        ),
    ]
    valor = quantizar(pct * media.valor_federal_por_familia * familias, regras)
    return piso(
        valor,
        None,
        (),
        f"{percentual_br(pct)} × {reais_br(media.valor_federal_por_familia)} × {_inteiro(familias)} famílias = {moeda_br(valor)}",
    )


def piso_alta_complexidade(
    unidade: UnidadeAcolhimento, municipio: Municipio | None, regras: RegrasCofinanciamento
) -> Piso:
    """Percentual do valor federal por vaga × capacidade; capacidade abaixo do mínimo não é elegível (Arts. 16–17)."""
    alta = regras.piso_alta_complexidade
    modalidade = {1: "institucional", 2: "família acolhedora"}.get(
        unidade.modalidade_acolhimento or 0, "não informada"
    )
    _, _, entradas_porte, _ = _porte_do_municipio(unidade.ibge7, municipio, regras)  # só para a memória
    entradas = {
        "unidade": f"acolhimento {unidade.id_unidade} — {unidade.nome}",
        **entradas_porte,
        "modalidade": modalidade,
        "capacidade": "não informada"
        if unidade.capacidade is None
        else f"{_inteiro(unidade.capacidade)} vagas",
    }
    parametros = [
        ParametroUsado("capacidade mínima", f"{alta.capacidade_minima} vagas", alta.fonte_capacidade_minima),
        ParametroUsado(
            "valor federal por vaga", reais_br(alta.valor_federal_por_vaga), alta.fonte_valor_federal
        ),
        ParametroUsado("percentual estadual", percentual_br(alta.percentual_estadual), alta.fonte_percentual),
    ]

    def piso(
        valor: Decimal | None, impedimento: Impedimento | None, motivos: tuple[str, ...], formula: str
    ) -> Piso:
        return Piso(
            componente=Componente.piso_alta_complexidade,
            ibge7=unidade.ibge7,
            id_unidade=unidade.id_unidade,
            tipo_unidade="acolhimento",
            valor=valor,
            impedimento=impedimento,
            motivos=motivos,
            entradas=entradas,
            parametros=tuple(parametros),
            formula=formula,
        )

    capacidade = unidade.capacidade
    if capacidade is None:
        return piso(
            None, "dado_ausente", ("sem_capacidade",), "capacidade não informada: dado ausente, R$ 0,00"
        )
    if capacidade < alta.capacidade_minima:
        return piso(
            None,
            "inelegivel",
            ("capacidade_minima",),
            f"capacidade de {_inteiro(capacidade)} vagas, abaixo do mínimo de {alta.capacidade_minima} "
            f"({alta.fonte_capacidade_minima}): não elegível, R$ 0,00",
        )
    pct, vaga = alta.percentual_estadual, alta.valor_federal_por_vaga
    valor = quantizar(pct * vaga * capacidade, regras)
    return piso(
        valor,
        None,
        (),
        f"{percentual_br(pct)} × {reais_br(vaga)} × {_inteiro(capacidade)} vagas = {moeda_br(valor)}",
    )


# Indicadores e prioridade dos municípios ----------------------------------------------------------


@dataclass(frozen=True)
class DadosMunicipais:
    """Indicadores, conselhos e CREAS por município, indexados para as seleções."""

    indicadores: Mapping[tuple[str, str], IndicadorMunicipal]  # (indicador, ibge7)
    conselhos: Mapping[str, Conselhos]
    com_creas: frozenset[str]


def _repetidos(chaves: Iterable[str]) -> list[str]:
    return sorted(k for k, n in Counter(chaves).items() if n > 1)


def dados_municipais(entradas: Entradas) -> DadosMunicipais:
    """Indexa os dados municipais; um indicador repetido no mesmo município é erro (o chamador escolhe o ano)."""
    repetidos = _repetidos(f"{i.indicador}@{i.ibge7}" for i in entradas.indicadores)
    if repetidos:
        raise ValueError(f"indicador repetido no mesmo município: {', '.join(repetidos)}")
    repetidos = _repetidos(c.ibge7 for c in entradas.conselhos)
    if repetidos:
        raise ValueError(f"conselhos repetidos do município: {', '.join(repetidos)}")
    return DadosMunicipais(
        indicadores={(i.indicador, i.ibge7): i for i in entradas.indicadores},
        conselhos={c.ibge7: c for c in entradas.conselhos},
        com_creas=frozenset(u.ibge7 for u in entradas.unidades_media if u.tipo_unidade == "creas"),
    )


def _tres_valores(situacoes: Sequence[int | None], minimo: int) -> Decimal | None:
    """1 se todos atendem, 0 se algum informado não atende, None se falta dado para decidir."""
    if any(s is not None and s < minimo for s in situacoes):
        return Decimal(0)
    if any(s is None for s in situacoes):
        return None
    return Decimal(1)


def _conselhos_idoso_mulher_pcd(nome: str, ibge7: str, dados: DadosMunicipais) -> Decimal | None:
    """Conselhos da pessoa idosa, da mulher e da PcD em funcionamento (ou implantados), ou compromisso (Arts. 11, V e 17, IV)."""
    compromisso = dados.indicadores.get((Indicador.compromisso_conselhos.value, ibge7))
    if compromisso is not None and compromisso.valor >= 1:
        return Decimal(1)
    conselhos = dados.conselhos.get(ibge7)
    if conselhos is None:
        return None
    minimo = 2 if nome == Indicador.conselhos_idoso_mulher_pcd_em_funcionamento_ou_compromisso else 1
    return _tres_valores(
        (conselhos.conselho_idoso, conselhos.conselho_mulher, conselhos.conselho_pcd), minimo
    )


def valor_indicador(nome: str, ibge7: str, dados: DadosMunicipais) -> Decimal | None:
    """Valor de um indicador do catálogo (ou adicional, Art. 18) no município; None = sem dado [PREMISSA conselhos]."""
    if nome == Indicador.creas_em_funcionamento:
        return Decimal(1) if ibge7 in dados.com_creas else Decimal(0)
    if nome == Indicador.cmdca_e_conselho_tutelar_em_funcionamento:
        conselhos = dados.conselhos.get(ibge7)
        return None if conselhos is None else _tres_valores((conselhos.cmdca, conselhos.conselho_tutelar), 2)
    if nome in (
        Indicador.conselhos_idoso_mulher_pcd_em_funcionamento_ou_compromisso,
        Indicador.conselhos_idoso_mulher_pcd_implantados_ou_compromisso,
    ):
        return _conselhos_idoso_mulher_pcd(nome, ibge7, dados)
    indicador = dados.indicadores.get((nome, ibge7))
    return None if indicador is None else indicador.valor


def _chave_de_ordem(valor: Decimal | None, chave: Chave) -> tuple[int, Decimal]:
    """Menor vem antes; sem dado vai para o fim [PREMISSA indicador_ausente]."""
    if valor is None:
        return (1, Decimal(0))
    return (0, -valor if chave.sentido == "maior_primeiro" else valor)


def priorizar_municipios(
    selecao: Selecao | None,
    candidatos: Iterable[str],
    dados: DadosMunicipais,
    *,
    excluidos: frozenset[str] = frozenset(),
) -> tuple[PrioridadeMunicipio, ...]:
    """Condições, ordem e desempates de uma seleção nomeada; por fim o código IBGE (Arts. 11, 15, 17 e 18)."""
    condicoes: tuple[Condicao, ...] = selecao.condicoes if selecao else ()
    chaves: tuple[Chave, ...] = (*selecao.ordem, *selecao.desempates) if selecao else ()
    nomes_chaves = [c.indicador for c in chaves]
    usados = [c.indicador for c in condicoes] + nomes_chaves
    elegiveis: list[tuple[tuple[tuple[int, Decimal], ...], str, dict[str, Decimal | None]]] = []
    inelegiveis: list[PrioridadeMunicipio] = []
    for ibge7 in sorted(set(candidatos)):
        valores = {nome: valor_indicador(nome, ibge7, dados) for nome in usados}
        motivos = ["municipio_suspenso"] if ibge7 in excluidos else []
        for condicao in condicoes:
            valor = valores[condicao.indicador]
            if valor is None:
                motivos.append(f"sem_dado:{condicao.indicador}")
            elif valor < condicao.minimo:
                motivos.append(f"condicao_nao_atendida:{condicao.indicador}")
        if motivos:
            inelegiveis.append(PrioridadeMunicipio(ibge7, False, tuple(motivos), None, valores, None, False))
        else:
            ordem = tuple(_chave_de_ordem(valores[c.indicador], c) for c in chaves)
            elegiveis.append((ordem, ibge7, valores))
    elegiveis.sort(key=lambda e: (e[0], e[1]))
    decisivos: list[str | None] = [None] * len(elegiveis)
    empatados = [False] * len(elegiveis)
    if selecao is not None:
        for i, (anterior, atual) in enumerate(pairwise(elegiveis), start=1):
            diferente = next(
                (k for k, (a, b) in enumerate(zip(anterior[0], atual[0], strict=True)) if a != b), None
            )
            decisivos[i] = CRITERIO_FINAL if diferente is None else nomes_chaves[diferente]
            if diferente is None:
                empatados[i - 1] = empatados[i] = True
    ordenados = tuple(
        PrioridadeMunicipio(ibge7, True, (), posicao, valores, decisivos[posicao - 1], empatados[posicao - 1])
        for posicao, (_, ibge7, valores) in enumerate(elegiveis, start=1)
    )
    return (*ordenados, *inelegiveis)


# Cobertura dentro do orçamento ---------------------------------------------------------------------


def _texto_prioridade(
    prioridade: PrioridadeMunicipio, nome_selecao: str | None, elegiveis: int, posicao: int, rodada: int
) -> str:
    partes = []
    if prioridade.posicao is not None:
        texto = f"município na posição {prioridade.posicao} de {elegiveis}"
        texto += f" da seleção '{nome_selecao}'" if nome_selecao else " (sem seleção: ordem pelo código IBGE)"
        if prioridade.valores:
            valores = "; ".join(
                f"{nome} = {'sem dado' if v is None else _numero(v)}"
                for nome, v in prioridade.valores.items()
            )
            texto += f" ({valores})"
        if prioridade.empate_nao_resolvido:
            texto += (
                "; empate não resolvido pelos critérios, ordem pelo código IBGE [PREMISSA desempate_final]"
            )
        elif prioridade.criterio_decisivo:
            texto += f"; separado do anterior por {prioridade.criterio_decisivo}"
        partes.append(texto)
    partes.append(f"{rodada}ª unidade do município; posição {posicao} na ordem de cobertura do componente")
    return "; ".join(partes)


def parametros_da_cobertura(
    componente: Componente, regras: RegrasCofinanciamento
) -> tuple[ParametroUsado, ...]:
    """Orçamento, regra de cobertura e critérios da seleção do componente, com as fontes, para a memória."""
    cobertura = regras.coberturas.de(componente)
    orcamento = cobertura.orcamento_mensal
    parametros = [
        ParametroUsado(
            "orçamento mensal do componente",
            moeda_br(orcamento) if orcamento is not None else f"não informado ({cobertura.sem_orcamento})",
            cobertura.fonte_orcamento,
        ),
        ParametroUsado(
            "1ª unidade de cada município antes da 2ª",
            "sim" if cobertura.primeira_unidade_por_municipio else "não",
            cobertura.fonte,
        ),
    ]
    selecao = regras.selecoes.get(cobertura.selecao) if cobertura.selecao else None
    if selecao is not None:
        parametros += [
            ParametroUsado(f"condição {c.indicador}", f"≥ {_numero(c.minimo)}", c.fonte)
            for c in selecao.condicoes
        ]
        parametros += [
            ParametroUsado(f"{papel} {c.indicador}", c.sentido, c.fonte)
            for papel, chaves in (("ordem", selecao.ordem), ("desempate", selecao.desempates))
            for c in chaves
        ]
    return tuple(parametros)


def _memoria(
    piso: Piso,
    regras: RegrasCofinanciamento,
    premissas: tuple[Premissa, ...],
    *,
    prioridade: str | None = None,
    orcamento: EstadoOrcamento | None = None,
    conclusao: str,
) -> Memoria:
    return Memoria(
        exercicio=regras.exercicio,
        componente=piso.componente,
        bloco=BLOCO_DO_COMPONENTE[piso.componente],
        entradas=piso.entradas,
        parametros=(*piso.parametros, *parametros_da_cobertura(piso.componente, regras)),
        formula=piso.formula,
        prioridade=prioridade,
        orcamento=orcamento,
        conclusao=conclusao,
        premissas=tuple(p for p in premissas if piso.componente.value in p.ambito),
    )


def _resultado(
    piso: Piso,
    situacao: Situacao,
    motivos: tuple[str, ...],
    memoria: Memoria,
    *,
    posicao: int | None = None,
    rodada: int | None = None,
    posicao_municipio: int | None = None,
) -> ResultadoUnidade:
    return ResultadoUnidade(
        componente=piso.componente,
        bloco=BLOCO_DO_COMPONENTE[piso.componente],
        ibge7=piso.ibge7,
        id_unidade=piso.id_unidade,
        tipo_unidade=piso.tipo_unidade,
        situacao=situacao,
        motivos=motivos,
        valor_piso=piso.valor,
        valor_mensal=piso.valor if situacao == "coberto" and piso.valor is not None else ZERO,
        posicao=posicao,
        rodada=rodada,
        posicao_municipio=posicao_municipio,
        memoria=memoria,
    )


def _separar(
    pisos: Sequence[Piso],
    prioridades: Mapping[str, PrioridadeMunicipio],
    regras: RegrasCofinanciamento,
    premissas: tuple[Premissa, ...],
) -> tuple[list[ResultadoUnidade], list[Piso]]:
    """Tira da cobertura quem falta dado, não é elegível (unidade ou município) ou não tem parâmetro."""
    resultados: list[ResultadoUnidade] = []
    candidatos: list[Piso] = []
    for piso in sorted(pisos, key=lambda p: p.id_unidade):
        prioridade = prioridades.get(piso.ibge7)
        situacao: Situacao
        if piso.impedimento == "dado_ausente":
            situacao, motivos, conclusao = "dado_ausente", piso.motivos, "dado ausente"
        elif piso.impedimento == "inelegivel":
            situacao, motivos, conclusao = "inelegivel", piso.motivos, "não elegível"
        elif prioridade is None or not prioridade.elegivel:
            motivos = prioridade.motivos if prioridade else ("municipio_fora_da_selecao",)
            situacao, conclusao = "inelegivel", "município não elegível"
        elif piso.impedimento == "parametro_ausente":
            situacao, motivos, conclusao = (
                "parametro_ausente",
                piso.motivos,
                "parâmetro ausente, R$ 0,00 calculado",
            )
        else:
            candidatos.append(piso)
            continue
        memoria = _memoria(piso, regras, premissas, conclusao=f"{conclusao}: {', '.join(motivos)}")
        resultados.append(_resultado(piso, situacao, motivos, memoria))
    return resultados, candidatos


def ordem_de_cobertura(
    candidatos: Iterable[Piso], prioridades: Mapping[str, PrioridadeMunicipio], primeira_por_municipio: bool
) -> list[tuple[Piso, int]]:
    """Unidades com a rodada (1ª, 2ª… do município, por id) na ordem de cobertura (Arts. 15–16, parágrafos únicos)."""
    lista = sorted(candidatos, key=lambda p: p.id_unidade)
    rodada: dict[str, int] = {}
    vistas: Counter[str] = Counter()
    for piso in lista:  # [PREMISSA ordem_das_unidades_no_municipio]
        vistas[piso.ibge7] += 1
        rodada[piso.id_unidade] = vistas[piso.ibge7]

    def chave(piso: Piso) -> tuple[int, int, str]:
        municipio = prioridades[piso.ibge7].posicao or 0
        r = rodada[piso.id_unidade]
        return (r, municipio, piso.id_unidade) if primeira_por_municipio else (municipio, r, piso.id_unidade)

    return [(p, rodada[p.id_unidade]) for p in sorted(lista, key=chave)]


def _porque_aguarda(parada: str, parou_em: int, posicao: int, valor: Decimal, restante: Decimal) -> str:
    if parada == "expansao_bloqueada":
        return (
            f"a cobertura parou na posição {parou_em}: expansão só depois de todo município que oferta média "
            "complexidade ter a 1ª unidade coberta (Art. 16, parágrafo único) [PREMISSA expansao_alta_complexidade]"
        )
    if parou_em == posicao:
        return f"piso de {moeda_br(valor)} maior que o restante de {moeda_br(restante)}"
    return f"a cobertura parou na posição {parou_em} [PREMISSA cobertura_sem_saltos]"


def cobrir(
    pisos: Sequence[Piso],
    prioridades: Mapping[str, PrioridadeMunicipio],
    regras: RegrasCofinanciamento,
    *,
    expansao_bloqueada: bool = False,
) -> tuple[ResultadoUnidade, ...]:
    """Percorre a prioridade e cobre até o orçamento acabar, 1ª unidade de cada município antes da 2ª (Arts. 15–17)."""
    if not pisos:
        return ()
    cobertura = regras.coberturas.de(pisos[0].componente)
    premissas = premissas_em_vigor(regras)
    resultados, candidatos = _separar(pisos, prioridades, regras, premissas)
    elegiveis = sum(1 for p in prioridades.values() if p.elegivel)
    orcamento = cobertura.orcamento_mensal
    sem_parametro = orcamento is None and cobertura.sem_orcamento == "parametro_ausente"
    usado = ZERO
    parada: str | None = None
    parou_em = 0
    ordem = ordem_de_cobertura(candidatos, prioridades, cobertura.primeira_unidade_por_municipio)
    for posicao, (piso, rodada) in enumerate(ordem, start=1):
        valor = piso.valor if piso.valor is not None else ZERO
        prioridade = prioridades[piso.ibge7]
        texto = _texto_prioridade(prioridade, cobertura.selecao, elegiveis, posicao, rodada)
        extras = {"posicao": posicao, "rodada": rodada, "posicao_municipio": prioridade.posicao}
        if sem_parametro:
            conclusao = (
                f"orçamento mensal do componente não informado ({cobertura.fonte_orcamento}); "
                f"a cobertura depende dele ({cobertura.fonte}): parâmetro ausente, R$ 0,00"
            )
            memoria = _memoria(piso, regras, premissas, prioridade=texto, conclusao=conclusao)
            resultados.append(
                _resultado(piso, "parametro_ausente", ("orcamento_nao_informado",), memoria, **extras)
            )
            continue
        if parada is None and rodada > 1 and expansao_bloqueada:
            parada, parou_em = "expansao_bloqueada", posicao
        elif parada is None and orcamento is not None and usado + valor > orcamento:
            parada, parou_em = "orcamento_esgotado", posicao
        coberto = parada is None
        restante = None if orcamento is None else orcamento - usado - (valor if coberto else ZERO)
        estado = EstadoOrcamento(orcamento_mensal=orcamento, usado_antes=usado, restante=restante)
        limite = "sem limite (orçamento não informado)" if orcamento is None else moeda_br(orcamento)
        if parada is None:
            usado += valor
            conclusao = f"coberto: {moeda_br(valor)}/mês; orçamento mensal {limite}, usado antes {moeda_br(estado.usado_antes)}"
        else:
            porque = _porque_aguarda(parada, parou_em, posicao, valor, restante or ZERO)
            conclusao = f"aguardando disponibilidade orçamentária na posição {posicao}: {porque}; orçamento mensal {limite}, usado {moeda_br(usado)}"
        if restante is not None:
            conclusao += f", restante {moeda_br(restante)}"
        memoria = _memoria(piso, regras, premissas, prioridade=texto, orcamento=estado, conclusao=conclusao)
        situacao: Situacao = "coberto" if parada is None else "aguardando_disponibilidade"
        resultados.append(_resultado(piso, situacao, () if parada is None else (parada,), memoria, **extras))
    return tuple(resultados)


# Cálculo do exercício ------------------------------------------------------------------------------


def _verificar_ids(entradas: Entradas) -> None:
    """Os cálculos são por identificador: um id repetido misturaria duas unidades."""
    for nome, chaves in (
        ("município", (m.ibge7 for m in entradas.municipios)),
        ("CRAS", (c.id_cras for c in entradas.cras)),
        (
            "unidade",
            [u.id_unidade for u in entradas.unidades_media]
            + [u.id_unidade for u in entradas.unidades_acolhimento],
        ),
    ):
        repetidos = _repetidos(chaves)
        if repetidos:
            raise ValueError(f"{nome} repetido nas entradas: {', '.join(repetidos)}")


def _total_componente(componente: Componente, unidades: Sequence[ResultadoUnidade]) -> TotalComponente:
    situacoes = Counter(u.situacao for u in unidades)
    cobertas = [u.valor_mensal for u in unidades if u.situacao == "coberto"]
    return TotalComponente(
        componente=componente,
        valor_mensal=sum(cobertas, ZERO),
        cobertas=situacoes["coberto"],
        aguardando=situacoes["aguardando_disponibilidade"],
        inelegiveis=situacoes["inelegivel"],
        parametro_ausente=situacoes["parametro_ausente"],
        dado_ausente=situacoes["dado_ausente"],
        formula=formula_de_soma(cobertas),
    )


def _total_bloco(bloco: Bloco, unidades: Sequence[ResultadoUnidade]) -> TotalBloco:
    componentes = tuple(
        _total_componente(c, [u for u in unidades if u.componente == c])
        for c in Componente
        if BLOCO_DO_COMPONENTE[c] == bloco
    )
    valor = sum((c.valor_mensal for c in componentes), ZERO)
    formula = " + ".join(f"{NOMES_COMPONENTE[c.componente]} {moeda_br(c.valor_mensal)}" for c in componentes)
    return TotalBloco(
        bloco=bloco, valor_mensal=valor, componentes=componentes, formula=f"{formula} = {moeda_br(valor)}"
    )


def calcular(entradas: Entradas, regras: RegrasCofinanciamento) -> ResultadoCofinanciamento:
    """Pisos, prioridade e cobertura de cada componente, com totais por município, bloco e Estado (Arts. 12–23)."""
    _verificar_ids(entradas)
    dados = dados_municipais(entradas)
    municipios = {m.ibge7: m for m in entradas.municipios}
    pisos: dict[Componente, list[Piso]] = {
        Componente.piso_basico_fixo: [
            piso_basico_fixo(c, municipios.get(c.ibge7), regras) for c in entradas.cras
        ],
        Componente.piso_basico_variavel: [
            piso_basico_variavel(c, municipios.get(c.ibge7), regras) for c in entradas.cras
        ],
        Componente.piso_fixo_media_complexidade: [
            piso_fixo_media_complexidade(u, municipios.get(u.ibge7), regras) for u in entradas.unidades_media
        ],
        Componente.piso_alta_complexidade: [
            piso_alta_complexidade(u, municipios.get(u.ibge7), regras) for u in entradas.unidades_acolhimento
        ],
    }
    prioridades: dict[Componente, tuple[PrioridadeMunicipio, ...]] = {}
    unidades: dict[Componente, tuple[ResultadoUnidade, ...]] = {}
    for componente in Componente:
        cobertura = regras.coberturas.de(componente)
        selecao = regras.selecoes.get(cobertura.selecao) if cobertura.selecao else None
        if cobertura.selecao is not None and selecao is None:
            raise ValueError(
                f"seleção '{cobertura.selecao}' não existe: veja RegrasCofinanciamento.problemas()"
            )
        candidatos = {
            p.ibge7 for p in pisos[componente] if p.impedimento not in ("dado_ausente", "inelegivel")
        }
        excluidos = entradas.suspensos if cobertura.excluir_municipios_suspensos else frozenset()
        prioridades[componente] = priorizar_municipios(selecao, candidatos, dados, excluidos=excluidos)
        bloqueada = False
        if componente == Componente.piso_alta_complexidade and regras.expansao_alta_exige_media_completa:
            primeiras = [u for u in unidades[Componente.piso_fixo_media_complexidade] if u.rodada == 1]
            bloqueada = any(u.situacao != "coberto" for u in primeiras)
        resultado = cobrir(
            pisos[componente],
            {p.ibge7: p for p in prioridades[componente]},
            regras,
            expansao_bloqueada=bloqueada,
        )
        unidades[componente] = tuple(
            sorted(
                resultado,
                key=lambda u: (u.posicao is None, u.posicao or 0, u.ibge7, u.id_unidade),
            )
        )
    todas = tuple(u for c in Componente for u in unidades[c])
    por_municipio: defaultdict[str, list[ResultadoUnidade]] = defaultdict(list)
    for u in todas:
        por_municipio[u.ibge7].append(u)
    resultados_municipio = []
    for ibge7 in sorted(set(municipios) | set(por_municipio)):
        municipio = municipios.get(ibge7)
        classe, populacao, _, _ = _porte_do_municipio(ibge7, municipio, regras)
        blocos = tuple(_total_bloco(b, por_municipio[ibge7]) for b in Bloco)
        resultados_municipio.append(
            ResultadoMunicipio(
                ibge7=ibge7,
                nome=municipio.nome if municipio else None,
                porte=classe,
                populacao=populacao,
                suspenso=ibge7 in entradas.suspensos,
                blocos=blocos,
                valor_mensal=sum((b.valor_mensal for b in blocos), ZERO),
            )
        )
    componentes = []
    for componente in Componente:
        cobertura = regras.coberturas.de(componente)
        total = _total_componente(componente, unidades[componente])
        orcamento = cobertura.orcamento_mensal
        componentes.append(
            ResumoComponente(
                componente=componente,
                bloco=BLOCO_DO_COMPONENTE[componente],
                orcamento_mensal=orcamento,
                saldo_orcamento=None if orcamento is None else orcamento - total.valor_mensal,
                selecao=cobertura.selecao,
                total=total,
            )
        )
    blocos_estado = {b: sum((c.total.valor_mensal for c in componentes if c.bloco == b), ZERO) for b in Bloco}
    return ResultadoCofinanciamento(
        exercicio=regras.exercicio,
        unidades=todas,
        municipios=tuple(resultados_municipio),
        componentes=tuple(componentes),
        blocos=blocos_estado,
        valor_mensal_total=sum(blocos_estado.values(), ZERO),
        prioridades=prioridades,
        premissas=premissas_em_vigor(regras),
    )
