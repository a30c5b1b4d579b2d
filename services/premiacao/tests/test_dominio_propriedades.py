"""Propriedades da classificação (hypothesis): valem para qualquer conjunto de CRAS e de regras válidas."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction as F
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from services.premiacao.dominio.classificacao import Resultado, classificar, motivos_de_inaptidao
from services.premiacao.dominio.entradas import AtendimentoCapacidade, ContagemScfv, EntradaCras
from services.premiacao.dominio.regras import RegrasPremio, regras_2022

T, T1 = 2021, 2020
MUNICIPIOS = tuple(f"23{m:04d}0" for m in range(1, 46))
# Poucos valores repetidos com frequência, para haver empates de verdade no IQ.
IDCRAS_COMUNS = ("1.00", "2.50", "3.90", "4.00", "4.10", "4.20", "4.50", "5.00")

CONFIGURACOES = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def regras(**trocas: Any) -> RegrasPremio:
    return RegrasPremio.model_validate({**regras_2022().model_dump(mode="json"), **trocas})


PREMIOS_2022: dict[str, Any] = {}
PREMIOS_3 = {
    "numero_premios": 3,
    "faixas": [{"de": 1, "ate": 1, "valor": "100.00"}, {"de": 2, "ate": 3, "valor": "40.50"}],
    "valor_total": "181.00",
}
PREMIO_1 = {"numero_premios": 1, "faixas": [{"de": 1, "ate": 1, "valor": "7.00"}], "valor_total": "7.00"}
PESOS = (
    {"w1": "0.25", "w2": "0.25", "w3": "0.25", "w4": "0.25"},
    {"w1": "0.4", "w2": "0.3", "w3": "0.2", "w4": "0.1"},
    {"w1": "1", "w2": "0", "w3": "0", "w4": "0"},
    {"w1": "0.05", "w2": "0.15", "w3": "0.5", "w4": "0.3"},
    {"w1": "0.5", "w2": "0", "w3": "0.5", "w4": "0"},  # só o ano t conta
    {"w1": "0.75", "w2": "0", "w3": "0.25", "w4": "0"},
)
DESEMPATES: tuple[list[str], ...] = (
    ["idcras_minimo_nos_dois_anos", "media_atendimento_sobre_capacidade"],
    ["media_atendimento_sobre_capacidade", "idcras_minimo_nos_dois_anos"],
    ["idcras_minimo_nos_dois_anos"],
    [],
)


@st.composite
def regras_validas(desenhar: st.DrawFn, *, premios: tuple[dict[str, Any], ...] | None = None) -> RegrasPremio:
    """Regras válidas variando escala (≠ 1 também), pesos, prêmios, desempates e a constante do mín = máx."""
    r = regras(
        escala=desenhar(st.sampled_from(["1", "100", "0.5", "7.25"])),
        pesos=desenhar(st.sampled_from(PESOS)),
        desempate=desenhar(st.sampled_from(DESEMPATES)),
        politicas={"padronizado_quando_indicador_constante": desenhar(st.sampled_from(["0", "0.5", "1"]))},
        **desenhar(st.sampled_from(premios or (PREMIOS_2022, PREMIOS_3, PREMIO_1))),
    )
    assert r.problemas() == []
    return r


def _idcras(n: int) -> Decimal:
    """IDCRAS em [1, 5] com duas casas; metade das vezes de um conjunto pequeno em torno de 4 (empates, limiar)."""
    if n < 400:
        return Decimal(IDCRAS_COMUNS[n % len(IDCRAS_COMUNS)])
    return Decimal(n - 300).scaleb(-2)  # 1,00 a 5,00


IDCRAS = st.integers(0, 800).map(_idcras)
UM_EM_DOZE = st.integers(0, 11)  # 0 = o caso raro (dado que falta, plano ativo)
USUARIOS = st.sampled_from([0, 50, 80, 100])
VAGAS = st.sampled_from([0, 50, 100, 100])  # 0 = capacidade não informada
TOTAL_SCFV = st.integers(0, 40)


def _contagem(desenhar: st.DrawFn, *, falhas: bool) -> ContagemScfv:
    total = desenhar(TOTAL_SCFV)
    if total == 0 and not falhas:  # total 0 = SCFV sem atendimentos: só quando se querem falhas
        total = 1
    return ContagemScfv(faixa_0_14=desenhar(st.integers(0, total)), total=total)


def _entrada(
    desenhar: st.DrawFn, ibge7: str, n: int, *, falhas: bool, base: EntradaCras | None
) -> EntradaCras:
    """Um CRAS; com `base`, copia os indicadores de outro (às vezes só os do ano t) para haver empates no IQ."""

    def raro() -> bool:
        return falhas and desenhar(UM_EM_DOZE) == 0

    if base is None:
        idcras = {ano: desenhar(IDCRAS) for ano in (T, T1) if not raro()}
        scfv = {ano: _contagem(desenhar, falhas=falhas) for ano in (T, T1) if not raro()}
    else:
        idcras, scfv = dict(base.idcras), dict(base.scfv)
        if desenhar(st.booleans()):  # o ano t−1 muda: IQ igual quando w2 = w4 = 0
            idcras[T1] = desenhar(IDCRAS)
            scfv[T1] = _contagem(desenhar, falhas=falhas)
    capacidade = {}
    if desenhar(st.integers(0, 3)):  # dados de capacidade são opcionais; às vezes de um ano só
        for ano in (T, T1):
            if desenhar(UM_EM_DOZE):
                capacidade[ano] = AtendimentoCapacidade(
                    usuarios=desenhar(USUARIOS), capacidade=desenhar(VAGAS)
                )
    return EntradaCras(
        id_cras=f"{ibge7[:6]}{n:05d}",
        ibge7=ibge7,
        municipio=f"Município {ibge7}",
        nome=f"CRAS {n}",
        idcras=idcras,
        scfv=scfv,
        atendimento_capacidade=capacidade,
        planos_ativos=("PP-1",) if raro() else (),
    )


@st.composite
def universo(
    desenhar: st.DrawFn,
    *,
    min_municipios: int = 1,
    max_municipios: int = 12,
    falhas: bool = True,
    max_cras_por_municipio: int = 3,
) -> list[EntradaCras]:
    """CRAS de vários municípios (1 a 3 por município); com `falhas`, às vezes falta dado ou há plano ativo.

    Um CRAS em cada três copia os indicadores de um anterior (empates no IQ exercitam os desempates);
    um universo em cada seis tem o mesmo IDCRAS t em todos os CRAS (indicador constante: máx = mín).
    """
    quantos = desenhar(st.integers(min_municipios, max_municipios))
    primeiro = desenhar(st.integers(0, len(MUNICIPIOS) - 1))  # códigos variados, sem sortear cada um
    municipios = [MUNICIPIOS[(primeiro + 7 * k) % len(MUNICIPIOS)] for k in range(quantos)]
    idcras_t_de_todos = desenhar(IDCRAS) if desenhar(st.integers(0, 5)) == 0 else None
    entradas: list[EntradaCras] = []
    for ibge7 in municipios:
        for n in range(1, desenhar(st.integers(1, max_cras_por_municipio)) + 1):
            base = None
            if entradas and desenhar(st.integers(0, 2)) == 0:
                base = entradas[desenhar(st.integers(0, len(entradas) - 1))]
            nova = _entrada(desenhar, ibge7, n, falhas=falhas, base=base)
            if idcras_t_de_todos is not None and T in nova.idcras:
                nova = replace(nova, idcras={**nova.idcras, T: idcras_t_de_todos})
            entradas.append(nova)
    return entradas


def projecao(resultado: Resultado) -> tuple[object, ...]:
    """Tudo o que o resultado afirma, numa forma comparável (independe de objetos e da ordem de entrada)."""
    return (
        tuple(
            (
                c.entrada.id_cras,
                c.posicao,
                c.brutos,
                c.padronizados,
                c.ic,
                c.iq,
                c.desempate_decisivo,
                c.empate_nao_resolvido,
                c.colocacao_premio,
                c.valor_premio,
                c.motivo_nao_premiado,
                c.premiado_do_municipio,
            )
            for c in resultado.aptos
        ),
        tuple((i.entrada.id_cras, i.motivos) for i in resultado.inaptos),
        tuple(sorted(resultado.extremos.items())),
        resultado.faixas,
        resultado.valor_total_distribuido,
        resultado.premio_adicional_para,
    )


@CONFIGURACOES
@given(universo(), regras_validas())
def test_premiados_contagem_valores_e_totais(entradas: list[EntradaCras], r: RegrasPremio) -> None:
    resultado = classificar(entradas, r)
    premiados = resultado.premiados
    # Nunca dois premiados do mesmo município (Art. 2º, parágrafo único).
    assert len({p.entrada.ibge7 for p in premiados}) == len(premiados)
    # Exatamente min(número de prêmios, municípios com CRAS apto).
    municipios_aptos = {c.entrada.ibge7 for c in resultado.aptos}
    assert len(premiados) == min(r.numero_premios, len(municipios_aptos))
    assert [p.colocacao_premio for p in premiados] == list(range(1, len(premiados) + 1))
    assert all(p.valor_premio == r.valor_da_colocacao(p.colocacao_premio or 0) for p in premiados)
    assert all(c.valor_premio == 0 for c in resultado.aptos if not c.premiado)
    # Totais: soma dos prêmios = total distribuído = soma das faixas; cada faixa = valor × premiados.
    assert sum((p.valor_premio for p in premiados), Decimal(0)) == resultado.valor_total_distribuido
    assert sum((f.total for f in resultado.faixas), Decimal(0)) == resultado.valor_total_distribuido
    for faixa in resultado.faixas:
        na_faixa = [p for p in premiados if faixa.de <= (p.colocacao_premio or 0) <= faixa.ate]
        assert faixa.premiados == len(na_faixa)
        assert faixa.total == faixa.valor * len(na_faixa)
    assert resultado.valor_total_distribuido <= r.valor_total
    if len(municipios_aptos) >= r.numero_premios:
        assert resultado.valor_total_distribuido == r.valor_total
    # O 1º da lista é sempre premiado e o município dele leva o prêmio adicional.
    if resultado.aptos:
        assert resultado.aptos[0].colocacao_premio == 1
        assert resultado.premio_adicional_para == resultado.aptos[0].entrada.ibge7
    else:
        assert resultado.premio_adicional_para is None and resultado.valor_total_distribuido == 0


@CONFIGURACOES
@given(universo(min_municipios=30, max_municipios=40, falhas=False, max_cras_por_municipio=2))
def test_com_30_municipios_ou_mais_sao_30_premios_e_2_milhoes(entradas: list[EntradaCras]) -> None:
    resultado = classificar(entradas, regras_2022())
    assert resultado.inaptos == ()
    assert len(resultado.premiados) == 30
    assert resultado.valor_total_distribuido == Decimal("2000000.00")
    assert [f.premiados for f in resultado.faixas] == [5, 5, 10, 10]


def _idcras_minimo(e: EntradaCras, r: RegrasPremio) -> bool:
    return all(e.idcras[ano] >= r.idcras_minimo_desempate for ano in (T, T1))


def _media_capacidade(e: EntradaCras) -> F | None:
    anos = [e.atendimento_capacidade.get(ano) for ano in (T, T1)]
    percentuais = [F(100 * a.usuarios, a.capacidade) for a in anos if a is not None and a.capacidade]
    return (percentuais[0] + percentuais[1]) / 2 if len(percentuais) == 2 else None


def _chave_de_desempate(e: EntradaCras, r: RegrasPremio) -> tuple[tuple[int, F, str], ...]:
    """Menor vem antes: cada critério das regras na ordem delas e, por fim, o id do CRAS."""
    chave = []
    for criterio in r.desempate:
        if criterio == "idcras_minimo_nos_dois_anos":
            chave.append((0 if _idcras_minimo(e, r) else 1, F(0), ""))
        else:
            media = _media_capacidade(e)
            chave.append((0, -media, "") if media is not None else (1, F(0), ""))
    return (*chave, (0, F(0), e.id_cras))


@CONFIGURACOES
@given(universo(), regras_validas())
def test_posicoes_iq_e_motivos_coerentes(entradas: list[EntradaCras], r: RegrasPremio) -> None:
    resultado = classificar(entradas, r)
    aptos = resultado.aptos
    escala = F(r.escala)
    assert all(0 <= c.iq <= escala for c in aptos)
    assert all(0 <= z <= 1 for c in aptos for z in vars(c.padronizados).values())
    assert [c.posicao for c in aptos] == list(range(1, len(aptos) + 1))
    assert all(a.iq >= b.iq for a, b in pairwise(aptos))  # IQ decrescente
    if len({c.ic for c in aptos}) > 1:  # o IQ é o mín–máx do IC: vai de 0 a escala
        assert min(c.iq for c in aptos) == 0 and max(c.iq for c in aptos) == escala
    vencedor_do_municipio: dict[str, str] = {}
    esgotados = False
    for c in aptos:
        ibge7 = c.entrada.ibge7
        if c.motivo_nao_premiado == "municipio_ja_premiado":
            assert c.premiado_do_municipio == vencedor_do_municipio[ibge7]
        elif c.motivo_nao_premiado == "alem_do_numero_de_premios":
            assert esgotados and ibge7 not in vencedor_do_municipio and c.premiado_do_municipio is None
        else:
            assert c.premiado and ibge7 not in vencedor_do_municipio and not esgotados
            vencedor_do_municipio[ibge7] = c.entrada.id_cras
            esgotados = c.colocacao_premio == r.numero_premios
    assert resultado.empates_nao_resolvidos == sum(1 for c in aptos if c.empate_nao_resolvido)


@CONFIGURACOES
@given(universo(), regras_validas())
def test_desempates_e_indicadores_constantes_seguem_as_regras(
    entradas: list[EntradaCras], r: RegrasPremio
) -> None:
    resultado = classificar(entradas, r)
    aptos = resultado.aptos
    escala = F(r.escala)
    # Desempates (Art. 6º) conferidos com valores recalculados aqui a partir das entradas brutas.
    for c in aptos:
        assert c.idcras_minimo_nos_dois_anos == _idcras_minimo(c.entrada, r)
        assert c.media_atendimento_sobre_capacidade == _media_capacidade(c.entrada)
    nomes = [*r.desempate, "id_cras"]
    for anterior, atual in pairwise(aptos):
        assert (atual.desempate_decisivo is not None) == (anterior.iq == atual.iq)
        if anterior.iq != atual.iq:
            continue
        chave_anterior, chave_atual = (
            _chave_de_desempate(anterior.entrada, r),
            _chave_de_desempate(atual.entrada, r),
        )
        assert chave_anterior < chave_atual
        primeira_diferenca = next(
            k for k, (a, b) in enumerate(zip(chave_anterior, chave_atual, strict=True)) if a != b
        )
        assert atual.desempate_decisivo == nomes[primeira_diferenca]
        if atual.desempate_decisivo == "id_cras":  # empate que o decreto não resolve: marcado nos dois
            assert anterior.empate_nao_resolvido and atual.empate_nao_resolvido
    for i, c in enumerate(aptos):  # marcado só quem o id desempatou do anterior ou do seguinte
        seguinte = aptos[i + 1].desempate_decisivo if i + 1 < len(aptos) else None
        assert c.empate_nao_resolvido == ("id_cras" in (c.desempate_decisivo, seguinte))
    # Indicador constante (máx = mín): o padronizado de todos é o valor da política.
    constante = F(r.politicas.padronizado_quando_indicador_constante)
    for nome in resultado.indicadores_constantes:
        if nome == "ic":
            assert all(c.iq == escala * constante for c in aptos)
        else:
            assert all(getattr(c.padronizados, nome) == constante for c in aptos)
    # O que o exemplo exercitou (visível com --hypothesis-show-statistics).
    for decisivo in {c.desempate_decisivo for c in aptos} - {None}:
        event(f"desempate por {decisivo}")
    for motivo in {c.motivo_nao_premiado for c in aptos} - {None}:
        event(f"não premiado: {motivo}")
    if resultado.inaptos:
        event("há inaptos")
    if resultado.indicadores_constantes:
        event("há indicador constante")


@CONFIGURACOES
@given(universo(), regras_validas())
def test_cada_cras_da_entrada_aparece_uma_so_vez_apto_ou_inapto(
    entradas: list[EntradaCras], r: RegrasPremio
) -> None:
    resultado = classificar(entradas, r)
    ids = [c.entrada.id_cras for c in resultado.aptos] + [i.entrada.id_cras for i in resultado.inaptos]
    assert Counter(ids) == Counter(e.id_cras for e in entradas)
    for inapto in resultado.inaptos:
        assert inapto.motivos and inapto.motivos == motivos_de_inaptidao(inapto.entrada, r)
        assert ("plano_providencias_ativo" in inapto.motivos) == bool(inapto.entrada.planos_ativos)
    assert all(c.entrada.planos_ativos == () for c in resultado.aptos)
    assert all(set(c.entrada.idcras) >= {T, T1} and set(c.entrada.scfv) >= {T, T1} for c in resultado.aptos)


@CONFIGURACOES
@given(universo(), regras_validas(), st.randoms(use_true_random=False))
def test_resultado_nao_depende_da_ordem_de_entrada(
    entradas: list[EntradaCras], r: RegrasPremio, aleatorio: random.Random
) -> None:
    embaralhadas = list(entradas)
    aleatorio.shuffle(embaralhadas)
    assert projecao(classificar(embaralhadas, r)) == projecao(classificar(entradas, r))
    assert projecao(classificar(reversed(entradas), r)) == projecao(classificar(entradas, r))


def _dentro(dados: st.DataObject, minimo: F, maximo: F) -> F:
    """Um ponto de [mín, máx], perto do mínimo na maior parte das vezes (para o IC ficar baixo)."""
    passo = dados.draw(st.sampled_from([0, 0, 1, 2, 3, 5, 10]))
    return minimo + (maximo - minimo) * F(passo, 10)


def _idcras_dentro(dados: st.DataObject, minimo: F, maximo: F) -> Decimal:
    """IDCRAS com duas casas em [mín, máx]: mín e máx têm duas casas, o arredondamento não sai do intervalo."""
    valor = _dentro(dados, minimo, maximo)
    return (Decimal(valor.numerator) / Decimal(valor.denominator)).quantize(Decimal("0.01"))


@CONFIGURACOES
@given(universo(), regras_validas(premios=(PREMIOS_3, PREMIO_1, PREMIOS_2022)), st.data())
def test_cras_novo_dentro_dos_extremos_e_abaixo_do_ultimo_premiado_nao_muda_os_premiados(
    entradas: list[EntradaCras], r: RegrasPremio, dados: st.DataObject
) -> None:
    antes = classificar(entradas, r)
    assume(antes.premiados)
    ultimo = antes.premiados[-1]
    ext = antes.extremos
    # Cada indicador bruto do novo CRAS fica dentro de [mín, máx] dos aptos de hoje.
    idcras_t = _idcras_dentro(dados, ext["idcras_t"].minimo, ext["idcras_t"].maximo)
    idcras_t1 = _idcras_dentro(dados, ext["idcras_t_menos_1"].minimo, ext["idcras_t_menos_1"].maximo)
    scfv_t = _dentro(dados, ext["scfv_t"].minimo, ext["scfv_t"].maximo)  # em %
    scfv_t1 = _dentro(dados, ext["scfv_t_menos_1"].minimo, ext["scfv_t_menos_1"].maximo)
    assert ext["idcras_t"].minimo <= F(idcras_t) <= ext["idcras_t"].maximo
    assert ext["idcras_t_menos_1"].minimo <= F(idcras_t1) <= ext["idcras_t_menos_1"].maximo

    # IC do novo com os extremos de hoje, calculado aqui pelas equações (2)–(4), não pelo código testado.
    constante = F(r.politicas.padronizado_quando_indicador_constante)

    def z(valor: F, nome: str) -> F:
        e = ext[nome]
        return constante if e.minimo == e.maximo else (valor - e.minimo) / (e.maximo - e.minimo)

    pesos = r.pesos
    ic_novo = (
        F(pesos.w1) * z(F(idcras_t), "idcras_t")
        + F(pesos.w2) * z(F(idcras_t1), "idcras_t_menos_1")
        + F(pesos.w3) * z(scfv_t, "scfv_t")
        + F(pesos.w4) * z(scfv_t1, "scfv_t_menos_1")
    )
    assume(ic_novo < ultimo.ic)

    # Com prêmio sobrando, um novo município o levaria (é a regra); então o novo vai para um já premiado.
    if len(antes.premiados) < r.numero_premios:
        ibge7 = dados.draw(st.sampled_from([p.entrada.ibge7 for p in antes.premiados]))
    else:
        ibge7 = dados.draw(st.sampled_from(MUNICIPIOS))
    entrada_nova = EntradaCras(
        id_cras="00000000000",  # menor que todos: se o id decidisse algo, o novo passaria à frente
        ibge7=ibge7,
        municipio="",
        nome="novo",
        idcras={T: idcras_t, T1: idcras_t1},
        # SCFV de p % como contagem exata: p/100 = a/b → a atendimentos de 0 a 14 em b.
        scfv={
            T: ContagemScfv(faixa_0_14=(scfv_t / 100).numerator, total=(scfv_t / 100).denominator),
            T1: ContagemScfv(faixa_0_14=(scfv_t1 / 100).numerator, total=(scfv_t1 / 100).denominator),
        },
    )
    depois = classificar([*entradas, entrada_nova], r)

    linha_nova = next(c for c in depois.aptos if c.entrada.id_cras == entrada_nova.id_cras)
    assert linha_nova.ic == ic_novo
    assert not linha_nova.premiado
    for nome in ("idcras_t", "idcras_t_menos_1", "scfv_t", "scfv_t_menos_1"):
        assert depois.extremos[nome] == antes.extremos[nome]
    assert [(c.entrada.id_cras, c.colocacao_premio, c.valor_premio) for c in depois.premiados] == [
        (c.entrada.id_cras, c.colocacao_premio, c.valor_premio) for c in antes.premiados
    ]
    # A ordem relativa dos que já estavam também não muda.
    assert [c.entrada.id_cras for c in depois.aptos if c is not linha_nova] == [
        c.entrada.id_cras for c in antes.aptos
    ]
    assert depois.valor_total_distribuido == antes.valor_total_distribuido
