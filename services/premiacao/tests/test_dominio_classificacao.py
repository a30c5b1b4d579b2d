"""Classificação pura do prêmio (Decreto nº 35.038/2022): casos feitos à mão e os exemplos de premiacao.md.

Os valores esperados aqui são calculados à mão nos comentários, nunca pelo código testado.
Convenção dos construtores: pares na ordem (ano t, ano t−1) = (2021, 2020).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction as F
from typing import Any

import pytest

from services.premiacao.dominio.classificacao import (
    CrasApto,
    Extremos,
    Indicadores,
    Resultado,
    classificar,
)
from services.premiacao.dominio.entradas import AtendimentoCapacidade, ContagemScfv, EntradaCras
from services.premiacao.dominio.regras import RegrasPremio, regras_2022

T, T1 = 2021, 2020
A, B, C, D, E = "2300101", "2300202", "2300303", "2300404", "2300505"

Contagem = tuple[int, int]  # (atendimentos de 0 a 14 anos, total de atendimentos do SCFV)


def regras(**trocas: Any) -> RegrasPremio:
    """As regras de 2022 com alguns campos trocados (validadas pelo pydantic, como na API)."""
    return RegrasPremio.model_validate({**regras_2022().model_dump(mode="json"), **trocas})


def id_de(ibge7: str, n: int) -> str:
    return f"{ibge7[:6]}{n:05d}"


def cras(
    ibge7: str,
    n: int,
    idcras: tuple[str | None, str | None] = ("3.00", "3.00"),
    scfv: tuple[Contagem | None, Contagem | None] = ((50, 100), (50, 100)),
    *,
    capacidade: tuple[Contagem, Contagem] | None = None,
    planos: tuple[str, ...] = (),
) -> EntradaCras:
    """Um CRAS; `None` num ano = o dado daquele ano não existe. `capacidade` = (usuários, vagas) por ano."""
    return EntradaCras(
        id_cras=id_de(ibge7, n),
        ibge7=ibge7,
        municipio=f"Município {ibge7}",
        nome=f"CRAS {n}",
        idcras={ano: Decimal(v) for ano, v in zip((T, T1), idcras, strict=True) if v is not None},
        scfv={
            ano: ContagemScfv(faixa_0_14=c[0], total=c[1])
            for ano, c in zip((T, T1), scfv, strict=True)
            if c is not None
        },
        atendimento_capacidade=(
            {
                ano: AtendimentoCapacidade(usuarios=u, capacidade=v)
                for ano, (u, v) in zip((T, T1), capacidade, strict=True)
            }
            if capacidade
            else {}
        ),
        planos_ativos=planos,
    )


def por_id(resultado: Resultado) -> dict[str, CrasApto]:
    return {c.entrada.id_cras: c for c in resultado.aptos}


def ordem(resultado: Resultado) -> list[str]:
    return [c.entrada.id_cras for c in resultado.aptos]


TRES_PREMIOS = {
    "numero_premios": 3,
    "faixas": [{"de": 1, "ate": 1, "valor": "150000.00"}, {"de": 2, "ate": 3, "valor": "100000.00"}],
    "valor_total": "350000.00",
}


# Caso de seis CRAS feito à mão ----------------------------------------------------------------------


def test_caso_de_seis_cras_em_quatro_municipios_calculado_a_mao() -> None:
    # Brutos. IDCRAS com 2 casas; SCFV 0–14 em % = 100 · (0 a 14) / total, nos anos t e t−1.
    #
    #  CRAS  mun  IDCRAS t  IDCRAS t−1  SCFV t            SCFV t−1
    #   1     A    4,50      3,80        60/120 = 50 %     14/40 = 35 %
    #   2     A    4,10      4,00        70/100 = 70 %     64/80 = 80 %
    #   3     B    2,50      2,00        20/80  = 25 %      9/45 = 20 %
    #   4     B    3,00      3,50        45/60  = 75 %     30/60 = 50 %
    #   5     C    3,70      2,40        20/60  = 100/3 %  13/20 = 65 %
    #   6     D    4,00      3,00        30/50  = 60 %     19/50 = 38 %
    #
    # Mínimo e máximo entre os aptos (todos os seis):
    #   IDCRAS t:    2,50 (CRAS 3) – 4,50 (CRAS 1)   amplitude 2
    #   IDCRAS t−1:  2,00 (CRAS 3) – 4,00 (CRAS 2)   amplitude 2
    #   SCFV t:      25 % (CRAS 3) – 75 % (CRAS 4)   amplitude 50
    #   SCFV t−1:    20 % (CRAS 3) – 80 % (CRAS 2)   amplitude 60
    #
    # Padronizados Z = (valor − mín) / amplitude:
    #   CRAS 1: (2,00/2, 1,80/2, 25/50, 15/60)        = (1,   9/10, 1/2, 1/4)
    #   CRAS 2: (1,60/2, 2,00/2, 45/50, 60/60)        = (4/5, 1,    9/10, 1)
    #   CRAS 3: (0, 0, 0, 0)
    #   CRAS 4: (0,50/2, 1,50/2, 50/50, 30/60)        = (1/4, 3/4,  1,   1/2)
    #   CRAS 5: (1,20/2, 0,40/2, (100/3−25)/50, 45/60) = (3/5, 1/5,  1/6, 3/4)
    #   CRAS 6: (1,50/2, 1,00/2, 35/50, 18/60)        = (3/4, 1/2,  7/10, 3/10)
    #
    # IC = (Z1 + Z2 + Z3 + Z4) / 4 (pesos de 2022, 0,25 cada):
    #   CRAS 1: (20 + 18 + 10 + 5)/20 = 53/20 → 53/80
    #   CRAS 2: (16 + 20 + 18 + 20)/20 = 74/20 → 74/80 = 37/40   (máximo)
    #   CRAS 3: 0                                                 (mínimo)
    #   CRAS 4: (5 + 15 + 20 + 10)/20 = 50/20 → 50/80 = 5/8
    #   CRAS 5: (36 + 12 + 10 + 45)/60 = 103/60 → 103/240
    #   CRAS 6: (15 + 10 + 14 + 6)/20 = 45/20 → 45/80 = 9/16
    #
    # IQ = 1 · (IC − 0) / (37/40 − 0) = 40·IC/37:
    #   CRAS 1: 53/74; CRAS 2: 1; CRAS 3: 0; CRAS 4: 25/37; CRAS 5: 103/222; CRAS 6: 45/74
    # Ordem: 2 (1) > 1 (53/74 ≈ 0,716) > 4 (50/74 ≈ 0,676) > 6 (45/74 ≈ 0,608) > 5 (≈ 0,464) > 3 (0).
    #
    # Prêmios (3, faixas 1º = R$ 150.000,00 e 2º–3º = R$ 100.000,00):
    #   CRAS 2 (A) → 1º; CRAS 1 (A) → não, A já premiado; CRAS 4 (B) → 2º; CRAS 6 (D) → 3º;
    #   CRAS 5 (C) → não, prêmios esgotados; CRAS 3 (B) → não, B já premiado (verificado antes do esgotamento).
    #   Total: 150.000 + 100.000 + 100.000 = R$ 350.000,00. Prêmio adicional: município A.
    #
    # Desempate: nenhum IQ igual, nenhum critério usado. IDCRAS ≥ 4 nos dois anos só no CRAS 2 (4,10/4,00).
    # Capacidade só no CRAS 1: 90/120 = 75 % e 45/50 = 90 % → média 165/2 %.
    entradas = [
        cras(A, 1, ("4.50", "3.80"), ((60, 120), (14, 40)), capacidade=((90, 120), (45, 50))),
        cras(A, 2, ("4.10", "4.00"), ((70, 100), (64, 80))),
        cras(B, 3, ("2.50", "2.00"), ((20, 80), (9, 45))),
        cras(B, 4, ("3.00", "3.50"), ((45, 60), (30, 60))),
        cras(C, 5, ("3.70", "2.40"), ((20, 60), (13, 20))),
        cras(D, 6, ("4.00", "3.00"), ((30, 50), (19, 50))),
    ]
    c1, c2, c3, c4, c5, c6 = (e.id_cras for e in entradas)
    resultado = classificar(reversed(entradas), regras(**TRES_PREMIOS))
    linhas = por_id(resultado)

    brutos = {
        c1: Indicadores(F(9, 2), F(19, 5), F(50), F(35)),
        c2: Indicadores(F(41, 10), F(4), F(70), F(80)),
        c3: Indicadores(F(5, 2), F(2), F(25), F(20)),
        c4: Indicadores(F(3), F(7, 2), F(75), F(50)),
        c5: Indicadores(F(37, 10), F(12, 5), F(100, 3), F(65)),
        c6: Indicadores(F(4), F(3), F(60), F(38)),
    }
    assert {i: linha.brutos for i, linha in linhas.items()} == brutos
    assert dict(resultado.extremos) == {
        "idcras_t": Extremos(F(5, 2), F(9, 2)),
        "idcras_t_menos_1": Extremos(F(2), F(4)),
        "scfv_t": Extremos(F(25), F(75)),
        "scfv_t_menos_1": Extremos(F(20), F(80)),
        "ic": Extremos(F(0), F(37, 40)),
    }
    padronizados = {
        c1: Indicadores(F(1), F(9, 10), F(1, 2), F(1, 4)),
        c2: Indicadores(F(4, 5), F(1), F(9, 10), F(1)),
        c3: Indicadores(F(0), F(0), F(0), F(0)),
        c4: Indicadores(F(1, 4), F(3, 4), F(1), F(1, 2)),
        c5: Indicadores(F(3, 5), F(1, 5), F(1, 6), F(3, 4)),
        c6: Indicadores(F(3, 4), F(1, 2), F(7, 10), F(3, 10)),
    }
    assert {i: linha.padronizados for i, linha in linhas.items()} == padronizados
    assert {i: linha.ic for i, linha in linhas.items()} == {
        c1: F(53, 80),
        c2: F(37, 40),
        c3: F(0),
        c4: F(5, 8),
        c5: F(103, 240),
        c6: F(9, 16),
    }
    assert {i: linha.iq for i, linha in linhas.items()} == {
        c1: F(53, 74),
        c2: F(1),
        c3: F(0),
        c4: F(25, 37),
        c5: F(103, 222),
        c6: F(45, 74),
    }
    assert ordem(resultado) == [c2, c1, c4, c6, c5, c3]
    assert [c.posicao for c in resultado.aptos] == [1, 2, 3, 4, 5, 6]
    assert [
        (c.colocacao_premio, c.valor_premio, c.motivo_nao_premiado, c.premiado_do_municipio)
        for c in resultado.aptos
    ] == [
        (1, Decimal("150000.00"), None, None),
        (None, Decimal("0.00"), "municipio_ja_premiado", c2),
        (2, Decimal("100000.00"), None, None),
        (3, Decimal("100000.00"), None, None),
        (None, Decimal("0.00"), "alem_do_numero_de_premios", None),
        (None, Decimal("0.00"), "municipio_ja_premiado", c4),
    ]
    assert [p.entrada.id_cras for p in resultado.premiados] == [c2, c4, c6]
    assert [(f.de, f.ate, f.premiados, f.total) for f in resultado.faixas] == [
        (1, 1, 1, Decimal("150000.00")),
        (2, 3, 2, Decimal("200000.00")),
    ]
    assert resultado.valor_total_distribuido == Decimal("350000.00")
    assert resultado.premio_adicional_para == A
    assert [c.desempate_decisivo for c in resultado.aptos] == [None] * 6
    assert resultado.empates_nao_resolvidos == 0
    assert resultado.indicadores_constantes == ()
    assert resultado.inaptos == ()
    assert {i: linha.idcras_minimo_nos_dois_anos for i, linha in linhas.items()} == {
        c1: False,  # 3,80 < 4 em t−1
        c2: True,
        c3: False,
        c4: False,
        c5: False,
        c6: False,  # 4,00 em t, mas 3,00 em t−1
    }
    assert linhas[c1].media_atendimento_sobre_capacidade == F(165, 2)
    assert all(linhas[i].media_atendimento_sobre_capacidade is None for i in (c2, c3, c4, c5, c6))


def test_caso_com_pesos_escala_100_e_empate_desfeito_pela_capacidade_calculado_a_mao() -> None:
    # Pesos w = (0,4; 0,3; 0,2; 0,1) e escala 100; quatro CRAS em quatro municípios.
    #
    #  CRAS  IDCRAS t  IDCRAS t−1  SCFV t         SCFV t−1       capacidade t, t−1
    #   P     5,00      1,00        0/10 = 0 %     10/10 = 100 %   50/100, 70/100 → média 60 %
    #   Q     1,00      5,00       10/10 = 100 %    0/10 = 0 %     80/100, 60/100 → média 70 %
    #   R     4,00      4,00        5/10 = 50 %     5/10 = 50 %    —
    #   S     2,00      3,00       10/10 = 100 %    1/4  = 25 %    —
    # Mín–máx: IDCRAS 1–5 nos dois anos (amplitude 4), SCFV 0–100 % nos dois anos (amplitude 100).
    # Z: P (1, 0, 0, 1); Q (0, 1, 1, 0); R (3/4, 3/4, 1/2, 1/2); S (1/4, 1/2, 1, 1/4).
    # IC = 2/5·Z1 + 3/10·Z2 + 1/5·Z3 + 1/10·Z4:
    #   P: 16/40 + 0 + 0 + 4/40 = 20/40 = 1/2
    #   Q: 0 + 12/40 + 8/40 + 0 = 20/40 = 1/2
    #   R: 12/40 + 9/40 + 4/40 + 2/40 = 27/40    (máximo)
    #   S: 4/40 + 6/40 + 8/40 + 1/40 = 19/40     (mínimo)
    # IQ = 100 · (IC − 19/40) / (8/40): P = Q = 100/8 = 25/2; R = 100; S = 0.
    # Empate P × Q: nenhum tem IDCRAS ≥ 4 nos dois anos (1,00 num dos anos) → 1º critério empata;
    # média de atendimento sobre a capacidade: Q 70 % > P 60 % → Q antes de P, embora o id de P seja menor.
    # 2 prêmios (R$ 10,00 e R$ 5,00): R 1º, Q 2º; P e S além do número de prêmios.
    p = cras(A, 1, ("5.00", "1.00"), ((0, 10), (10, 10)), capacidade=((50, 100), (70, 100)))
    q = cras(B, 2, ("1.00", "5.00"), ((10, 10), (0, 10)), capacidade=((80, 100), (60, 100)))
    r = cras(C, 3, ("4.00", "4.00"), ((5, 10), (5, 10)))
    s = cras(D, 4, ("2.00", "3.00"), ((10, 10), (1, 4)))
    resultado = classificar(
        [p, q, r, s],
        regras(
            pesos={"w1": "0.4", "w2": "0.3", "w3": "0.2", "w4": "0.1"},
            escala="100",
            numero_premios=2,
            faixas=[{"de": 1, "ate": 1, "valor": "10.00"}, {"de": 2, "ate": 2, "valor": "5.00"}],
            valor_total="15.00",
        ),
    )
    linhas = por_id(resultado)
    assert [linhas[x.id_cras].padronizados for x in (p, q, r, s)] == [
        Indicadores(F(1), F(0), F(0), F(1)),
        Indicadores(F(0), F(1), F(1), F(0)),
        Indicadores(F(3, 4), F(3, 4), F(1, 2), F(1, 2)),
        Indicadores(F(1, 4), F(1, 2), F(1), F(1, 4)),
    ]
    assert [linhas[x.id_cras].ic for x in (p, q, r, s)] == [F(1, 2), F(1, 2), F(27, 40), F(19, 40)]
    assert [linhas[x.id_cras].iq for x in (p, q, r, s)] == [F(25, 2), F(25, 2), F(100), F(0)]
    assert ordem(resultado) == [r.id_cras, q.id_cras, p.id_cras, s.id_cras]
    assert [c.desempate_decisivo for c in resultado.aptos] == [
        None,
        None,
        "media_atendimento_sobre_capacidade",
        None,
    ]
    assert [c.media_atendimento_sobre_capacidade for c in resultado.aptos] == [None, F(70), F(60), None]
    assert [(c.colocacao_premio, c.valor_premio, c.motivo_nao_premiado) for c in resultado.aptos] == [
        (1, Decimal("10.00"), None),
        (2, Decimal("5.00"), None),
        (None, Decimal("0.00"), "alem_do_numero_de_premios"),
        (None, Decimal("0.00"), "alem_do_numero_de_premios"),
    ]
    assert resultado.valor_total_distribuido == Decimal("15.00")
    assert resultado.premio_adicional_para == C


# Exemplos de premiacao.md -------------------------------------------------------------------------


def test_dois_cras_do_mesmo_municipio_em_1o_e_2o_so_o_primeiro_leva_e_o_premio_passa_adiante() -> None:
    primeiro = cras(A, 1, ("5.00", "5.00"), ((100, 100), (100, 100)))
    segundo = cras(A, 2, ("4.90", "4.90"), ((90, 100), (90, 100)))
    terceiro = cras(B, 3, ("4.00", "4.00"), ((80, 100), (80, 100)))
    quarto = cras(C, 4, ("1.00", "1.00"), ((0, 100), (0, 100)))
    resultado = classificar([quarto, terceiro, segundo, primeiro], regras())
    assert ordem(resultado) == [primeiro.id_cras, segundo.id_cras, terceiro.id_cras, quarto.id_cras]
    linhas = por_id(resultado)
    assert linhas[primeiro.id_cras].colocacao_premio == 1
    assert linhas[primeiro.id_cras].premiado_do_municipio is None
    pulado = linhas[segundo.id_cras]
    assert (pulado.posicao, pulado.colocacao_premio, pulado.valor_premio) == (2, None, Decimal("0.00"))
    assert pulado.motivo_nao_premiado == "municipio_ja_premiado"
    assert pulado.premiado_do_municipio == primeiro.id_cras
    assert not pulado.premiado
    # O prêmio nº 2 vai para o próximo CRAS de outro município, na 3ª posição.
    assert (linhas[terceiro.id_cras].posicao, linhas[terceiro.id_cras].colocacao_premio) == (3, 2)
    assert linhas[quarto.id_cras].colocacao_premio == 3
    assert resultado.valor_total_distribuido == Decimal("450000.00")


def test_um_premio_por_municipio_desligado_premia_os_dois_cras_do_municipio() -> None:
    entradas = [
        cras(A, 1, ("5.00", "5.00"), ((100, 100), (100, 100))),
        cras(A, 2, ("4.90", "4.90"), ((90, 100), (90, 100))),
        cras(B, 3, ("1.00", "1.00"), ((0, 100), (0, 100))),
    ]
    resultado = classificar(entradas, regras(um_premio_por_municipio=False))
    assert [c.colocacao_premio for c in resultado.aptos] == [1, 2, 3]
    assert [c.premiado_do_municipio for c in resultado.aptos] == [None, None, None]


def test_plano_de_providencias_ativo_tira_o_melhor_cras_e_sem_o_plano_ele_volta_ao_1o_lugar() -> None:
    melhor = cras(A, 1, ("5.00", "5.00"), ((100, 100), (100, 100)), planos=("PP-7",))
    outros = [
        cras(B, 2, ("3.00", "2.00"), ((40, 100), (30, 100))),
        cras(C, 3, ("1.00", "1.00"), ((0, 100), (0, 100))),
    ]
    com_plano = classificar([melhor, *outros], regras())
    assert [(i.entrada.id_cras, i.motivos) for i in com_plano.inaptos] == [
        (melhor.id_cras, ("plano_providencias_ativo",))
    ]
    assert melhor.id_cras not in por_id(com_plano)
    assert ordem(com_plano) == [outros[0].id_cras, outros[1].id_cras]
    assert com_plano.premio_adicional_para == B
    # O inapto não entra no mín–máx: o máximo do IDCRAS t é o do CRAS 2 (3,00), não 5,00.
    assert com_plano.extremos["idcras_t"] == Extremos(F(1), F(3))

    concluido = replace(melhor, planos_ativos=())  # o plano foi concluído (evento): recalcula
    sem_plano = classificar([concluido, *outros], regras())
    assert sem_plano.inaptos == ()
    assert sem_plano.aptos[0].entrada.id_cras == melhor.id_cras
    assert (sem_plano.aptos[0].colocacao_premio, sem_plano.premio_adicional_para) == (1, A)


def test_plano_ativo_e_falta_de_dados_aparecem_juntos_nos_motivos() -> None:
    entrada = cras(A, 1, (None, "4.00"), ((10, 100), None), planos=("PP-1", "PP-2"))
    resultado = classificar([entrada], regras())
    assert resultado.inaptos[0].motivos == ("plano_providencias_ativo", "sem_idcras_2021", "sem_scfv_2020")


def _empatados_em_iq() -> tuple[EntradaCras, EntradaCras, EntradaCras]:
    # X tem IDCRAS 4,2/4,1; Y tem 4,5/3,9; W fixa os mínimos (1,5 em t, 2,1 em t−1).
    # Amplitudes: t = 4,5 − 1,5 = 3; t−1 = 4,1 − 2,1 = 2. Z do IDCRAS:
    #   X: (4,2 − 1,5)/3 = 9/10 e (4,1 − 2,1)/2 = 1
    #   Y: (4,5 − 1,5)/3 = 1    e (3,9 − 2,1)/2 = 9/10     → os mesmos valores, trocados de ano.
    # Com w1 = w2 e o mesmo SCFV (60 % nos dois anos, o máximo; W tem 10 %), IC(X) = IC(Y) = 39/40 exatamente.
    # Y tem o id menor e vem antes na entrada: se a ordem fosse pelo id, Y ganharia.
    y = cras(A, 1, ("4.50", "3.90"), ((60, 100), (60, 100)))
    x = cras(B, 2, ("4.20", "4.10"), ((60, 100), (60, 100)))
    w = cras(C, 3, ("1.50", "2.10"), ((10, 100), (10, 100)))
    return x, y, w


def test_iq_igual_vence_quem_tem_idcras_de_pelo_menos_4_nos_dois_anos() -> None:
    x, y, w = _empatados_em_iq()
    resultado = classificar([y, x, w], regras())
    linhas = por_id(resultado)
    assert linhas[x.id_cras].padronizados == Indicadores(F(9, 10), F(1), F(1), F(1))
    assert linhas[y.id_cras].padronizados == Indicadores(F(1), F(9, 10), F(1), F(1))
    assert linhas[x.id_cras].ic == linhas[y.id_cras].ic == F(39, 40)
    assert linhas[x.id_cras].iq == linhas[y.id_cras].iq == 1
    assert (linhas[x.id_cras].idcras_minimo_nos_dois_anos, linhas[y.id_cras].idcras_minimo_nos_dois_anos) == (
        True,
        False,
    )
    assert ordem(resultado) == [x.id_cras, y.id_cras, w.id_cras]
    assert linhas[y.id_cras].desempate_decisivo == "idcras_minimo_nos_dois_anos"
    assert linhas[x.id_cras].desempate_decisivo is None
    assert not linhas[x.id_cras].empate_nao_resolvido and not linhas[y.id_cras].empate_nao_resolvido
    assert (linhas[x.id_cras].colocacao_premio, linhas[y.id_cras].colocacao_premio) == (1, 2)
    assert resultado.premio_adicional_para == B


def test_limiar_do_idcras_e_parametro_e_sem_diferenca_o_empate_cai_no_id() -> None:
    # Com limiar 3,9 os dois passam no 1º critério; sem capacidade, nada mais os separa.
    x, y, w = _empatados_em_iq()
    resultado = classificar([x, y, w], regras(idcras_minimo_desempate="3.9"))
    linhas = por_id(resultado)
    assert linhas[x.id_cras].idcras_minimo_nos_dois_anos and linhas[y.id_cras].idcras_minimo_nos_dois_anos
    assert ordem(resultado) == [y.id_cras, x.id_cras, w.id_cras]
    assert linhas[x.id_cras].desempate_decisivo == "id_cras"
    assert linhas[x.id_cras].empate_nao_resolvido and linhas[y.id_cras].empate_nao_resolvido


def test_ordem_dos_criterios_de_desempate_e_a_das_regras() -> None:
    # X tem IDCRAS ≥ 4 nos dois anos; Y tem mais atendimento sobre a capacidade. A ordem decide quem vence.
    x, y, w = _empatados_em_iq()
    x = replace(
        x, atendimento_capacidade={T: AtendimentoCapacidade(10, 100), T1: AtendimentoCapacidade(10, 100)}
    )
    y = replace(
        y, atendimento_capacidade={T: AtendimentoCapacidade(90, 100), T1: AtendimentoCapacidade(90, 100)}
    )
    padrao = classificar([x, y, w], regras())
    assert ordem(padrao)[:2] == [x.id_cras, y.id_cras]
    assert padrao.aptos[1].desempate_decisivo == "idcras_minimo_nos_dois_anos"
    invertida = classificar(
        [x, y, w], regras(desempate=["media_atendimento_sobre_capacidade", "idcras_minimo_nos_dois_anos"])
    )
    assert ordem(invertida)[:2] == [y.id_cras, x.id_cras]
    assert invertida.aptos[1].desempate_decisivo == "media_atendimento_sobre_capacidade"
    sem_criterios = classificar([x, y, w], regras(desempate=[]))
    assert ordem(sem_criterios)[:2] == [y.id_cras, x.id_cras]  # só o id
    assert sem_criterios.aptos[1].desempate_decisivo == "id_cras"
    assert sem_criterios.empates_nao_resolvidos == 2


def test_segundo_desempate_media_do_atendimento_sobre_a_capacidade_decide() -> None:
    iguais: dict[str, Any] = {"idcras": ("4.00", "4.00"), "scfv": ((50, 100), (50, 100))}
    # Médias: a (60 + 80)/2 = 70 %; b (90 + 70)/2 = 80 %; c só tem o ano t → sem média, fica atrás.
    a = cras(A, 1, **iguais, capacidade=((60, 100), (80, 100)))
    b = cras(B, 2, **iguais, capacidade=((45, 50), (70, 100)))
    c = replace(cras(C, 3, **iguais), atendimento_capacidade={T: AtendimentoCapacidade(99, 100)})
    piso = cras(D, 4, ("1.00", "1.00"), ((0, 100), (0, 100)))
    resultado = classificar([a, b, c, piso], regras())
    assert ordem(resultado) == [b.id_cras, a.id_cras, c.id_cras, piso.id_cras]
    assert [x.media_atendimento_sobre_capacidade for x in resultado.aptos] == [F(80), F(70), None, None]
    assert [x.desempate_decisivo for x in resultado.aptos] == [
        None,
        "media_atendimento_sobre_capacidade",
        "media_atendimento_sobre_capacidade",
        None,
    ]
    assert resultado.empates_nao_resolvidos == 0
    assert [x.idcras_minimo_nos_dois_anos for x in resultado.aptos] == [True, True, True, False]


def test_empate_total_e_marcado_nos_dois_e_decidido_pelo_id() -> None:
    iguais: dict[str, Any] = {
        "idcras": ("3.50", "3.20"),
        "scfv": ((40, 100), (30, 100)),
        "capacidade": ((50, 100), (50, 100)),
    }
    antes = cras(A, 9, **iguais)  # id 23001000009: menor
    depois = cras(B, 1, **iguais)  # id 23002000001
    outro = cras(C, 2, ("5.00", "5.00"), ((90, 100), (90, 100)))
    piso = cras(D, 3, ("1.00", "1.00"), ((0, 100), (0, 100)))
    resultado = classificar([outro, depois, piso, antes], regras())
    assert ordem(resultado) == [outro.id_cras, antes.id_cras, depois.id_cras, piso.id_cras]
    linhas = por_id(resultado)
    assert linhas[depois.id_cras].iq == linhas[antes.id_cras].iq
    assert linhas[depois.id_cras].empate_nao_resolvido and linhas[antes.id_cras].empate_nao_resolvido
    assert linhas[depois.id_cras].desempate_decisivo == "id_cras"
    assert linhas[antes.id_cras].desempate_decisivo is None  # o IQ do anterior (outro) é maior
    assert not linhas[outro.id_cras].empate_nao_resolvido and not linhas[piso.id_cras].empate_nao_resolvido
    assert resultado.empates_nao_resolvidos == 2


def test_empate_total_de_tres_marca_os_tres() -> None:
    iguais: dict[str, Any] = {"idcras": ("2.00", "2.00"), "scfv": ((10, 100), (10, 100))}
    topo = cras(A, 1, ("5.00", "5.00"), ((90, 100), (90, 100)))
    trio = [cras(m, 2, **iguais) for m in (D, B, C)]
    resultado = classificar([*trio, topo], regras())
    assert ordem(resultado) == [topo.id_cras, id_de(B, 2), id_de(C, 2), id_de(D, 2)]
    assert [c.empate_nao_resolvido for c in resultado.aptos] == [False, True, True, True]
    assert [c.desempate_decisivo for c in resultado.aptos] == [None, None, "id_cras", "id_cras"]


def test_exatamente_30_premiados_quando_ha_30_ou_mais_municipios_e_total_de_2_milhoes() -> None:
    municipios = [f"23{m:04d}0" for m in range(1, 36)]  # 35 municípios
    entradas = []
    for k, ibge7 in enumerate(municipios):
        for n in (1, 2) if k % 3 == 0 else (1,):  # um terço dos municípios com dois CRAS
            idcras = f"{1 + (k * 7 + n * 3) % 400 / 100:.2f}"
            entradas.append(cras(ibge7, n, (idcras, "3.00"), ((k + n, 60), ((k * n) % 50, 60))))
    resultado = classificar(entradas, regras())
    premiados = resultado.premiados
    assert len(premiados) == 30
    assert len({p.entrada.ibge7 for p in premiados}) == 30
    assert [p.colocacao_premio for p in premiados] == list(range(1, 31))
    valores = [Decimal("150000.00")] * 5 + [Decimal("100000.00")] * 5
    valores += [Decimal("50000.00")] * 10 + [Decimal("25000.00")] * 10
    assert [p.valor_premio for p in premiados] == valores
    assert [(f.premiados, f.total) for f in resultado.faixas] == [
        (5, Decimal("750000.00")),
        (5, Decimal("500000.00")),
        (10, Decimal("500000.00")),
        (10, Decimal("250000.00")),
    ]
    assert resultado.valor_total_distribuido == Decimal("2000000.00")
    assert {c.motivo_nao_premiado for c in resultado.aptos if not c.premiado} <= {
        "municipio_ja_premiado",
        "alem_do_numero_de_premios",
    }
    assert sum(1 for c in resultado.aptos if c.motivo_nao_premiado == "alem_do_numero_de_premios") >= 5


def test_indicador_constante_vale_o_parametro_das_politicas_e_e_listado() -> None:
    # IDCRAS t = 3,00 em todos: máx = mín → Z = politicas.padronizado_quando_indicador_constante.
    entradas = [
        cras(A, 1, ("3.00", "2.00"), ((10, 100), (10, 100))),
        cras(B, 2, ("3.00", "4.00"), ((30, 100), (50, 100))),
        cras(C, 3, ("3.00", "3.00"), ((20, 100), (30, 100))),
    ]
    zero = classificar(entradas, regras())
    assert zero.indicadores_constantes == ("idcras_t",)
    assert [c.padronizados.idcras_t for c in zero.aptos] == [F(0)] * 3
    assert zero.extremos["idcras_t"] == Extremos(F(3), F(3))
    # Os outros seguem a equação: CRAS 2 tem Z = (1, 1, 1) nos demais → IC = 3/4.
    assert por_id(zero)[id_de(B, 2)].ic == F(3, 4)
    meio = classificar(entradas, regras(politicas={"padronizado_quando_indicador_constante": "0.5"}))
    assert [c.padronizados.idcras_t for c in meio.aptos] == [F(1, 2)] * 3
    assert por_id(meio)[id_de(B, 2)].ic == F(3, 4) + F(1, 8)  # + 0,25 · 1/2
    assert ordem(meio) == ordem(zero)  # a constante soma o mesmo a todos


def test_todos_os_indicadores_constantes_deixam_o_iq_igual_e_o_desempate_decide() -> None:
    iguais: dict[str, Any] = {"idcras": ("4.00", "4.00"), "scfv": ((50, 100), (50, 100))}
    entradas = [cras(A, 1, **iguais), cras(B, 2, **iguais, capacidade=((80, 100), (80, 100)))]
    constante_1 = regras(escala="10", politicas={"padronizado_quando_indicador_constante": "1"})
    resultado = classificar(entradas, constante_1)
    assert set(resultado.indicadores_constantes) == {
        "idcras_t",
        "idcras_t_menos_1",
        "scfv_t",
        "scfv_t_menos_1",
        "ic",
    }
    assert [c.padronizados for c in resultado.aptos] == [Indicadores(F(1), F(1), F(1), F(1))] * 2
    assert [c.ic for c in resultado.aptos] == [F(1), F(1)]
    assert [c.iq for c in resultado.aptos] == [F(10), F(10)]  # escala · constante
    assert ordem(resultado) == [id_de(B, 2), id_de(A, 1)]
    assert resultado.aptos[1].desempate_decisivo == "media_atendimento_sobre_capacidade"
    unico = classificar([entradas[0]], regras())
    assert (unico.aptos[0].iq, unico.aptos[0].colocacao_premio) == (F(0), 1)


def test_menos_municipios_aptos_que_premios_premia_so_o_que_existe() -> None:
    entradas = [
        cras(A, 1, ("5.00", "5.00"), ((90, 100), (90, 100))),
        cras(A, 2, ("4.00", "4.00"), ((80, 100), (80, 100))),
        cras(B, 3, ("3.00", "3.00"), ((50, 100), (50, 100))),
        cras(B, 4, ("2.00", "2.00"), ((40, 100), (40, 100))),
        cras(C, 5, ("1.00", "1.00"), ((10, 100), (10, 100))),
        cras(D, 6, (None, "4.00"), ((10, 100), (10, 100))),  # inapto: o município D não conta
    ]
    resultado = classificar(entradas, regras())
    assert [p.entrada.ibge7 for p in resultado.premiados] == [A, B, C]
    assert [p.colocacao_premio for p in resultado.premiados] == [1, 2, 3]
    assert resultado.valor_total_distribuido == Decimal("450000.00")
    assert resultado.valor_total_distribuido < regras().valor_total
    assert [(f.premiados, f.total) for f in resultado.faixas] == [
        (3, Decimal("450000.00")),
        (0, Decimal("0.00")),
        (0, Decimal("0.00")),
        (0, Decimal("0.00")),
    ]
    assert [c.motivo_nao_premiado for c in resultado.aptos] == [
        None,
        "municipio_ja_premiado",
        None,
        "municipio_ja_premiado",
        None,
    ]


def test_sem_nenhum_cras_apto_nao_ha_premio_e_os_inaptos_aparecem() -> None:
    entradas = [cras(A, 1, planos=("P",)), cras(B, 2, (None, None))]
    resultado = classificar(entradas, regras())
    assert resultado.aptos == () and resultado.premiados == ()
    assert [i.entrada.id_cras for i in resultado.inaptos] == [id_de(A, 1), id_de(B, 2)]
    assert resultado.valor_total_distribuido == Decimal("0.00")
    assert [f.premiados for f in resultado.faixas] == [0, 0, 0, 0]
    assert resultado.premio_adicional_para is None
    assert classificar([], regras()).inaptos == ()


def test_motivos_de_falta_de_dados_e_as_politicas_que_os_dispensam() -> None:
    sem_idcras_2020 = cras(A, 1, ("4.00", None))
    sem_idcras_2021 = cras(A, 2, (None, "4.00"))
    sem_scfv_2021 = cras(B, 3, scfv=(None, (10, 100)))
    sem_scfv_2020 = cras(B, 4, scfv=((10, 100), None))
    sem_atendimentos_2021 = cras(C, 5, scfv=((0, 0), (10, 100)))
    sem_atendimentos_2020 = cras(C, 6, scfv=((10, 100), (0, 0)))
    completo = cras(D, 7, ("2.00", "2.00"), ((20, 100), (20, 100)))
    entradas = [
        sem_idcras_2020,
        sem_idcras_2021,
        sem_scfv_2021,
        sem_scfv_2020,
        sem_atendimentos_2021,
        sem_atendimentos_2020,
        completo,
    ]
    resultado = classificar(entradas, regras())
    assert {i.entrada.id_cras: i.motivos for i in resultado.inaptos} == {
        sem_idcras_2020.id_cras: ("sem_idcras_2020",),
        sem_idcras_2021.id_cras: ("sem_idcras_2021",),
        sem_scfv_2021.id_cras: ("sem_scfv_2021",),
        sem_scfv_2020.id_cras: ("sem_scfv_2020",),
        sem_atendimentos_2021.id_cras: ("scfv_sem_atendimentos_2021",),
        sem_atendimentos_2020.id_cras: ("scfv_sem_atendimentos_2020",),
    }
    assert ordem(resultado) == [completo.id_cras]

    sem_exigir_idcras = classificar(entradas, regras(politicas={"exige_idcras_nos_dois_anos": False}))
    assert {sem_idcras_2020.id_cras, sem_idcras_2021.id_cras, completo.id_cras} == set(
        ordem(sem_exigir_idcras)
    )
    # IDCRAS que falta entra como 0 (abaixo da escala 1–5): o mínimo do ano passa a 0.
    assert sem_exigir_idcras.extremos["idcras_t"].minimo == 0

    sem_exigir_scfv = classificar(entradas, regras(politicas={"exige_scfv_nos_dois_anos": False}))
    assert set(ordem(sem_exigir_scfv)) == {e.id_cras for e in entradas} - {
        sem_idcras_2020.id_cras,
        sem_idcras_2021.id_cras,
    }
    assert {i.entrada.id_cras for i in sem_exigir_scfv.inaptos} == {
        sem_idcras_2020.id_cras,
        sem_idcras_2021.id_cras,
    }
    # SCFV que falta ou sem atendimentos entra como 0 %.
    assert por_id(sem_exigir_scfv)[sem_scfv_2021.id_cras].brutos.scfv_t == 0
    assert por_id(sem_exigir_scfv)[sem_atendimentos_2020.id_cras].brutos.scfv_t_menos_1 == 0

    nenhuma = classificar(
        entradas, regras(politicas={"exige_idcras_nos_dois_anos": False, "exige_scfv_nos_dois_anos": False})
    )
    assert nenhuma.inaptos == () and len(nenhuma.aptos) == len(entradas)


def test_id_cras_repetido_nas_entradas_e_erro_e_nao_mistura_os_dados() -> None:
    a = cras(A, 1, ("5.00", "5.00"), ((90, 100), (90, 100)))
    mesmo_id = replace(cras(A, 1, ("1.00", "1.00"), ((10, 100), (10, 100))), ibge7=B)
    with pytest.raises(ValueError, match=f"id_cras repetido nas entradas: {a.id_cras}"):
        classificar([a, cras(C, 2), mesmo_id], regras())
    with pytest.raises(ValueError, match="id_cras repetido"):
        classificar([a, a], regras())


def test_o_municipio_do_1o_lugar_leva_o_premio_adicional() -> None:
    entradas = [
        cras(B, 1, ("2.00", "2.00"), ((20, 100), (20, 100))),
        cras(E, 2, ("4.80", "4.70"), ((70, 100), (60, 100))),
        cras(C, 3, ("1.00", "1.00"), ((10, 100), (10, 100))),
    ]
    resultado = classificar(entradas, regras())
    assert resultado.aptos[0].entrada.ibge7 == E and resultado.aptos[0].colocacao_premio == 1
    assert resultado.premio_adicional_para == E
    assert "brinquedopraça" in regras_2022().premio_adicional_primeiro_lugar
