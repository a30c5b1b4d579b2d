"""Propriedades do cálculo (hypothesis): valem para quaisquer municípios, unidades, indicadores e orçamentos."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.cofinanciamento.dominio.calculo import ResultadoCofinanciamento, ResultadoUnidade, calcular
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
from services.cofinanciamento.dominio.regras import Componente, RegrasCofinanciamento
from services.cofinanciamento.tests.test_dominio_calculo import mesclar, regras_com

CONFIGURACOES = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MUNICIPIOS = tuple(f"23{m:04d}0" for m in range(1, 31))
MEDIA = Componente.piso_fixo_media_complexidade
ALTA = Componente.piso_alta_complexidade
CENTAVO = Decimal("0.01")

# Poucos valores, repetidos, para haver empates nos critérios; None = sem dado.
IVMC = st.sampled_from([None, "0.10", "0.50", "0.50", "0.90"])
RUPTURA = st.sampled_from([None, "0.2", "0.3", "0.3", "0.7"])
SITUACAO = st.sampled_from([None, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2])
SIM_NAO = st.sampled_from([None, "0", "1", "1", "1", "1", "1"])
CAPACIDADE = st.sampled_from([None, 0, 5, 9, 10, 12, 20, 37])
HABITANTES = st.sampled_from([3_000, 20_000, 20_001, 50_001, 100_001, 950_000])


@st.composite
def universo(desenhar: st.DrawFn) -> Entradas:
    quantos = desenhar(st.integers(1, 14))
    primeiro = desenhar(st.integers(0, len(MUNICIPIOS) - 1))
    codigos = [MUNICIPIOS[(primeiro + 7 * k) % len(MUNICIPIOS)] for k in range(quantos)]
    municipios, cras, media, acolhimento, conselhos, indicadores = [], [], [], [], [], []
    for ibge7 in codigos:
        municipios.append(Municipio(ibge7, ibge7, (Populacao("censo_2022", 2022, desenhar(HABITANTES)),)))
        n = 0
        for _ in range(desenhar(st.integers(0, 2))):
            n += 1
            cras.append(Cras(f"{ibge7[:6]}{n:05d}", ibge7, 2022, "CRAS"))
        for _ in range(desenhar(st.integers(0, 3))):
            n += 1
            tipo = desenhar(st.sampled_from(["creas", "centro_pop"]))
            media.append(UnidadeMediaComplexidade(f"{ibge7[:6]}{n:05d}", tipo, ibge7, 2022, tipo))  # type: ignore[arg-type]
        for _ in range(desenhar(st.integers(0, 3))):
            n += 1
            acolhimento.append(
                UnidadeAcolhimento(f"{ibge7[:6]}{n:05d}", ibge7, 2022, "Ac", 1, 1, desenhar(CAPACIDADE))
            )
        if desenhar(st.integers(0, 5)):
            conselhos.append(Conselhos(ibge7, 2022, *(desenhar(SITUACAO) for _ in range(6))))
        for nome, estrategia in (
            ("ivmc", IVMC),
            ("ruptura_vinculos", RUPTURA),
            ("ruptura_vinculos_criancas", RUPTURA),
            ("acolhimento_adequado", SIM_NAO),
            ("compromisso_conselhos", st.sampled_from([None, None, "0", "1"])),
        ):
            valor = desenhar(estrategia)
            if valor is not None:
                indicadores.append(IndicadorMunicipal(nome, ibge7, 2022, Decimal(valor), "teste"))
    suspensos = frozenset(c for c in codigos if desenhar(st.integers(0, 6)) == 0)
    return Entradas(
        municipios=tuple(municipios),
        cras=tuple(cras),
        unidades_media=tuple(media),
        unidades_acolhimento=tuple(acolhimento),
        conselhos=tuple(conselhos),
        indicadores=tuple(indicadores),
        suspensos=suspensos,
    )


FRACAO_DO_TOTAL = st.sampled_from(["0", "0.1", "0.25", "0.4", "0.5", "0.6", "0.75", "0.9", "1", "2"])


@st.composite
def regras_validas(desenhar: st.DrawFn, entradas: Entradas) -> RegrasCofinanciamento:
    """Valores federais e percentuais com frações de centavo; orçamento vazio ou uma fração do custo aproximado."""
    unidades = {
        Componente.piso_basico_fixo: len(entradas.cras) * Decimal(5000),
        Componente.piso_basico_variavel: len(entradas.cras) * Decimal(1500),
        Componente.piso_fixo_media_complexidade: len(entradas.unidades_media) * Decimal(3000),
        Componente.piso_alta_complexidade: len(entradas.unidades_acolhimento) * Decimal(4000),
    }
    coberturas: dict[str, Any] = {}
    for componente, custo in unidades.items():
        orcamento = None
        if desenhar(st.integers(0, 3)):
            fracao = Decimal(desenhar(FRACAO_DO_TOTAL))
            orcamento = str(
                (custo * fracao + Decimal(desenhar(st.integers(-99, 99))) * CENTAVO).quantize(CENTAVO)
            )
            orcamento = orcamento if Decimal(orcamento) >= 0 else "0.00"
        coberturas[componente.value] = {
            "orcamento_mensal": orcamento,
            "sem_orcamento": desenhar(st.sampled_from(["sem_limite", "parametro_ausente"])),
        }
    r = regras_com(
        mesclar(
            {"coberturas": coberturas},
            {
                "piso_basico_variavel": {
                    "valor_por_familia": desenhar(st.sampled_from([None, "0.40", "0.3335"]))
                },
                "piso_fixo_media_complexidade": {
                    "valor_federal_por_unidade": {
                        "creas": desenhar(st.sampled_from(["6500.00", "1234.57"])),
                        "centro_pop": desenhar(st.sampled_from(["6500.00", "5000.00", "999.99"])),
                    },
                    "percentual_estadual": desenhar(st.sampled_from(["0.50", "0.3333"])),
                },
                "piso_alta_complexidade": {
                    "valor_federal_por_vaga": desenhar(st.sampled_from(["500.00", "333.33"])),
                    "percentual_estadual": desenhar(st.sampled_from(["0.50", "0.4750"])),
                },
                "expansao_alta_exige_media_completa": desenhar(st.booleans()),
                "arredondamento": desenhar(st.sampled_from(["meio_para_par", "meio_para_cima"])),
            },
        )
    )
    assert r.problemas() == []
    return r


@st.composite
def caso(desenhar: st.DrawFn) -> tuple[Entradas, RegrasCofinanciamento]:
    entradas = desenhar(universo())
    return entradas, desenhar(regras_validas(entradas))


def com_posicao(resultado: ResultadoCofinanciamento, componente: Componente) -> list[ResultadoUnidade]:
    return sorted((u for u in resultado.unidades_de(componente) if u.posicao), key=lambda u: u.posicao or 0)


@CONFIGURACOES
@given(caso())
def test_cobertura_nunca_passa_do_orcamento(caso: tuple[Entradas, RegrasCofinanciamento]) -> None:
    entradas, r = caso
    resultado = calcular(entradas, r)
    for resumo in resultado.componentes:
        cobertas = [u for u in resultado.unidades_de(resumo.componente) if u.situacao == "coberto"]
        total = sum((u.valor_mensal for u in cobertas), Decimal(0))
        assert total == resumo.total.valor_mensal
        assert resumo.total.cobertas == len(cobertas)
        if resumo.orcamento_mensal is not None:
            assert total <= resumo.orcamento_mensal
            assert resumo.saldo_orcamento == resumo.orcamento_mensal - total
        elif r.coberturas.de(resumo.componente).sem_orcamento == "parametro_ausente":
            assert cobertas == []


@CONFIGURACOES
@given(caso())
def test_cobertos_sao_um_prefixo_da_ordem_com_a_1a_unidade_antes(
    caso: tuple[Entradas, RegrasCofinanciamento],
) -> None:
    entradas, r = caso
    resultado = calcular(entradas, r)
    for componente in Componente:
        ordem = com_posicao(resultado, componente)
        assert [u.posicao for u in ordem] == list(range(1, len(ordem) + 1))
        situacoes = [u.situacao for u in ordem]
        if "parametro_ausente" in situacoes:  # orçamento não informado: ninguém coberto, ninguém esperando
            assert set(situacoes) == {"parametro_ausente"}
            continue
        cobertos = situacoes.count("coberto")
        assert situacoes == ["coberto"] * cobertos + ["aguardando_disponibilidade"] * (len(ordem) - cobertos)
        # Unidades sem posição nunca recebem nada.
        assert all(u.valor_mensal == 0 for u in resultado.unidades_de(componente) if u.posicao is None)
        if r.coberturas.de(componente).primeira_unidade_por_municipio:
            assert all((a.rodada or 0) <= (b.rodada or 0) for a, b in pairwise(ordem))
            # Nenhuma 2ª unidade coberta enquanto um município elegível espera a 1ª.
            if any(u.situacao == "coberto" and (u.rodada or 0) > 1 for u in ordem):
                assert all(u.situacao == "coberto" for u in ordem if u.rodada == 1)
        # A cobertura só para quando a unidade seguinte não cabe (ou quando a expansão está bloqueada).
        esperando = [u for u in ordem if u.situacao == "aguardando_disponibilidade"]
        orcamento = r.coberturas.de(componente).orcamento_mensal
        if esperando and esperando[0].motivos == ("orcamento_esgotado",):
            assert orcamento is not None and esperando[0].valor_piso is not None
            usado = sum((u.valor_mensal for u in ordem), Decimal(0))
            assert esperando[0].valor_piso > orcamento - usado
        elif esperando:
            assert esperando[0].motivos == ("expansao_bloqueada",) and esperando[0].rodada == 2


def _ordem_de_referencia_da_media(entradas: Entradas) -> list[str]:
    """Reimplementação independente: IVMC maior primeiro (sem dado no fim), código IBGE, 1ªs antes das 2ªs."""
    ivmc = {i.ibge7: i.valor for i in entradas.indicadores if i.indicador == "ivmc"}
    municipios = sorted(
        {u.ibge7 for u in entradas.unidades_media} - entradas.suspensos,
        key=lambda m: (m not in ivmc, -ivmc.get(m, Decimal(0)), m),
    )
    posicao = {m: k for k, m in enumerate(municipios)}
    por_municipio: defaultdict[str, list[str]] = defaultdict(list)
    for u in sorted(entradas.unidades_media, key=lambda u: u.id_unidade):
        if u.ibge7 in posicao:
            por_municipio[u.ibge7].append(u.id_unidade)
    rodadas = [(k, posicao[m], uid) for m, ids in por_municipio.items() for k, uid in enumerate(ids)]
    return [uid for _, _, uid in sorted(rodadas)]


@CONFIGURACOES
@given(caso())
def test_media_complexidade_confere_com_a_referencia(caso: tuple[Entradas, RegrasCofinanciamento]) -> None:
    entradas, r = caso
    resultado = calcular(entradas, r)
    ordem = com_posicao(resultado, MEDIA)
    assert [u.id_unidade for u in ordem] == _ordem_de_referencia_da_media(entradas)
    cobertura = r.coberturas.de(MEDIA)
    if cobertura.orcamento_mensal is None:
        return
    # Guloso sem saltos: cobre enquanto cabe, para na primeira que não cabe.
    restante, esperados = cobertura.orcamento_mensal, []
    for u in ordem:
        assert u.valor_piso is not None
        if u.valor_piso > restante:
            break
        restante -= u.valor_piso
        esperados.append(u.id_unidade)
    assert [u.id_unidade for u in ordem if u.situacao == "coberto"] == esperados


@CONFIGURACOES
@given(caso())
def test_suspensos_e_inelegiveis_nunca_sao_cobertos_na_especial(
    caso: tuple[Entradas, RegrasCofinanciamento],
) -> None:
    entradas, r = caso
    resultado = calcular(entradas, r)
    capacidade = {u.id_unidade: u.capacidade for u in entradas.unidades_acolhimento}
    for u in resultado.unidades_de(MEDIA) + resultado.unidades_de(ALTA):
        if u.ibge7 in entradas.suspensos:
            assert u.situacao in ("inelegivel", "dado_ausente") and u.valor_mensal == 0
    for u in resultado.unidades_de(ALTA):
        c = capacidade[u.id_unidade]
        if c is None:
            assert u.situacao == "dado_ausente"
        elif c < 10:
            assert (u.situacao, u.motivos) == ("inelegivel", ("capacidade_minima",))
        if u.situacao in ("coberto", "aguardando_disponibilidade"):
            prioridade = next(p for p in resultado.prioridades[ALTA] if p.ibge7 == u.ibge7)
            assert prioridade.elegivel and prioridade.posicao == u.posicao_municipio
            assert prioridade.valores["acolhimento_adequado"] == 1


@CONFIGURACOES
@given(caso(), st.randoms(use_true_random=False))
def test_resultado_nao_depende_da_ordem_das_entradas(
    caso: tuple[Entradas, RegrasCofinanciamento], aleatorio: random.Random
) -> None:
    entradas, r = caso

    def embaralhado(itens: tuple[Any, ...]) -> tuple[Any, ...]:
        lista = list(itens)
        aleatorio.shuffle(lista)
        return tuple(lista)

    outra = replace(
        entradas,
        municipios=embaralhado(entradas.municipios),
        cras=embaralhado(entradas.cras),
        unidades_media=embaralhado(entradas.unidades_media),
        unidades_acolhimento=embaralhado(entradas.unidades_acolhimento),
        conselhos=embaralhado(entradas.conselhos),
        indicadores=embaralhado(entradas.indicadores),
    )
    assert calcular(outra, r) == calcular(entradas, r)


@CONFIGURACOES
@given(caso())
def test_valores_sao_centavos_exatos_e_os_totais_fecham(caso: tuple[Entradas, RegrasCofinanciamento]) -> None:
    entradas, r = caso
    resultado = calcular(entradas, r)
    for u in resultado.unidades:
        assert isinstance(u.valor_mensal, Decimal)
        assert u.valor_mensal.as_tuple().exponent == -2
        assert u.valor_mensal == (u.valor_piso if u.situacao == "coberto" else 0)
        if u.valor_piso is not None:
            assert u.valor_piso.as_tuple().exponent == -2 and u.valor_piso >= 0
    for m in resultado.municipios:
        unidades = [u for u in resultado.unidades if u.ibge7 == m.ibge7]
        for bloco in m.blocos:
            assert bloco.valor_mensal == sum(
                (u.valor_mensal for u in unidades if u.bloco == bloco.bloco), Decimal(0)
            )
            assert bloco.valor_mensal == sum((c.valor_mensal for c in bloco.componentes), Decimal(0))
        assert m.valor_mensal == sum((b.valor_mensal for b in m.blocos), Decimal(0))
    assert resultado.valor_mensal_total == sum((m.valor_mensal for m in resultado.municipios), Decimal(0))
    assert resultado.valor_mensal_total == sum(resultado.blocos.values(), Decimal(0))
    for bloco, valor in resultado.blocos.items():
        assert valor == sum((m.bloco(bloco).valor_mensal for m in resultado.municipios), Decimal(0))
