"""Cálculo puro do cofinanciamento (Decreto nº 34.262/2021): os Checks de cofinanciamento.md e um caso feito à mão.

Os valores esperados são calculados à mão nos comentários, nunca pelo código testado.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from services.cofinanciamento.dominio.calculo import (
    Piso,
    ResultadoCofinanciamento,
    ResultadoUnidade,
    calcular,
    dados_municipais,
    familias_referenciadas,
    piso_alta_complexidade,
    piso_basico_fixo,
    piso_basico_variavel,
    piso_fixo_media_complexidade,
    porte,
    priorizar_municipios,
    valor_indicador,
)
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
    Bloco,
    Componente,
    Porte,
    RegrasCofinanciamento,
    regras_2022,
)

A, B, C, D, E = "2300101", "2300202", "2300303", "2300404", "2300505"
PSB = Componente.piso_basico_fixo
PBV = Componente.piso_basico_variavel
MEDIA = Componente.piso_fixo_media_complexidade
ALTA = Componente.piso_alta_complexidade


# Construtores ----------------------------------------------------------------------------------------


def mesclar(base: dict[str, Any], trocas: dict[str, Any]) -> dict[str, Any]:
    saida = dict(base)
    for chave, valor in trocas.items():
        if isinstance(valor, dict) and isinstance(saida.get(chave), dict):
            saida[chave] = mesclar(saida[chave], valor)
        else:
            saida[chave] = valor
    return saida


def regras_com(trocas: dict[str, Any] | None = None) -> RegrasCofinanciamento:
    """As regras de 2022 com campos trocados (aninhados), validadas pelo pydantic como na API."""
    return RegrasCofinanciamento.model_validate(mesclar(regras_2022().model_dump(mode="json"), trocas or {}))


def orcamentos(**por_componente: str | None) -> dict[str, Any]:
    return {"coberturas": {c: {"orcamento_mensal": v} for c, v in por_componente.items()}}


def id_de(ibge7: str, n: int) -> str:
    return f"{ibge7[:6]}{n:05d}"


def municipio(ibge7: str, habitantes: int, base: str = "censo_2022") -> Municipio:
    return Municipio(ibge7, f"Município {ibge7}", (Populacao(base, 2022, habitantes),))


def cras(ibge7: str, n: int, familias: int | None = None) -> Cras:
    return Cras(id_de(ibge7, n), ibge7, 2022, f"CRAS {n}", familias)


def creas(ibge7: str, n: int) -> UnidadeMediaComplexidade:
    return UnidadeMediaComplexidade(id_de(ibge7, n), "creas", ibge7, 2022, f"CREAS {n}", True)


def pop(ibge7: str, n: int) -> UnidadeMediaComplexidade:
    return UnidadeMediaComplexidade(id_de(ibge7, n), "centro_pop", ibge7, 2022, f"Centro Pop {n}")


def acolhimento(ibge7: str, n: int, capacidade: int | None) -> UnidadeAcolhimento:
    return UnidadeAcolhimento(id_de(ibge7, n), ibge7, 2022, f"Acolhimento {n}", 1, 1, capacidade)


def indicador(nome: str, ibge7: str, valor: str) -> IndicadorMunicipal:
    return IndicadorMunicipal(nome, ibge7, 2022, Decimal(valor), "teste")


def conselhos(
    ibge7: str, *, cmdca: int = 2, tutelar: int = 2, idoso: int = 2, mulher: int = 2, pcd: int = 2
) -> Conselhos:
    return Conselhos(ibge7, 2022, 2, cmdca, tutelar, idoso, mulher, pcd)


def alta_apta(ibge7: str, ruptura: str, criancas: str) -> tuple[IndicadorMunicipal, ...]:
    """Indicadores que tornam o município elegível na alta complexidade (Art. 17, II) e o ordenam (I)."""
    return (
        indicador("acolhimento_adequado", ibge7, "1"),
        indicador("ruptura_vinculos", ibge7, ruptura),
        indicador("ruptura_vinculos_criancas", ibge7, criancas),
    )


def unidades(resultado: ResultadoCofinanciamento, componente: Componente) -> dict[str, ResultadoUnidade]:
    return {u.id_unidade: u for u in resultado.unidades_de(componente)}


def cobertos(resultado: ResultadoCofinanciamento, componente: Componente) -> list[str]:
    return [u.id_unidade for u in resultado.unidades_de(componente) if u.situacao == "coberto"]


# Porte (PNAS 2004) ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("habitantes", "esperado"),
    [
        (0, Porte.pequeno_i),
        (20_000, Porte.pequeno_i),
        (20_001, Porte.pequeno_ii),
        (50_000, Porte.pequeno_ii),
        (50_001, Porte.medio),
        (100_000, Porte.medio),
        (100_001, Porte.grande),
        (900_000, Porte.grande),
        (900_001, Porte.metropole),
    ],
)
def test_porte_pelos_limites_da_pnas_2004(habitantes: int, esperado: Porte) -> None:
    assert porte(habitantes, regras_2022()) == esperado


def test_porte_segue_os_limites_do_exercicio() -> None:
    r = regras_com({"porte": {"pequeno_i_ate": 10_000}})
    assert porte(15_000, r) == Porte.pequeno_ii
    assert porte(15_000, regras_2022()) == Porte.pequeno_i


# Checks de cofinanciamento.md -----------------------------------------------------------------------


def test_check_pequeno_i_com_2_cras_recebe_6_mil_no_piso_basico_fixo() -> None:
    # Pequeno I (15.000 hab.): 2.500 famílias por CRAS; 50% × R$ 2,40 × 2.500 = R$ 3.000,00 por CRAS.
    # Dois CRAS: 2 × R$ 3.000,00 = R$ 6.000,00/mês no bloco da proteção social básica.
    entradas = Entradas(municipios=(municipio(A, 15_000),), cras=(cras(A, 1), cras(A, 2)))
    resultado = calcular(entradas, regras_2022())
    por_cras = unidades(resultado, PSB)
    assert [(u.situacao, u.valor_mensal) for u in por_cras.values()] == [
        ("coberto", Decimal("3000.00")),
        ("coberto", Decimal("3000.00")),
    ]
    assert por_cras[id_de(A, 1)].memoria.formula == "50% × R$ 2,40 × 2.500 famílias = R$ 3.000,00"
    total = resultado.municipio(A).bloco(Bloco.protecao_social_basica)
    assert total.valor_mensal == Decimal("6000.00")
    assert total.componentes[0].formula == "2 × R$ 3.000,00 = R$ 6.000,00"
    assert resultado.blocos[Bloco.protecao_social_basica] == Decimal("6000.00")


def _municipios_da_media(quantos: int, segundas: int = 0) -> Entradas:
    """`quantos` municípios com 1 CREAS cada; os `segundas` primeiros têm um 2º CREAS; IVMC = k/1000 (k = 1..quantos)."""
    municipios = tuple(municipio(f"23{k:04d}0", 30_000) for k in range(1, quantos + 1))
    media = [creas(m.ibge7, 1) for m in municipios] + [creas(m.ibge7, 2) for m in municipios[:segundas]]
    ivmc = tuple(indicador("ivmc", m.ibge7, str(Decimal(k) / 1000)) for k, m in enumerate(municipios, 1))
    return Entradas(municipios=municipios, unidades_media=tuple(media), indicadores=ivmc)


def test_check_orcamento_de_150_unidades_para_160_municipios() -> None:
    # Cada CREAS: 50% × R$ 6.500,00 = R$ 3.250,00. Orçamento: 150 × R$ 3.250,00 = R$ 487.500,00.
    # Ordem pelo IVMC maior primeiro [PREMISSA]: o município k = 160 é o 1º, o k = 11 é o 150º.
    r = regras_com(orcamentos(piso_fixo_media_complexidade="487500.00"))
    resultado = calcular(_municipios_da_media(160), r)
    media = resultado.unidades_de(MEDIA)
    assert [u.posicao for u in media] == list(range(1, 161))
    assert [u.situacao for u in media] == ["coberto"] * 150 + ["aguardando_disponibilidade"] * 10
    assert {u.ibge7 for u in media if u.situacao == "coberto"} == {f"23{k:04d}0" for k in range(11, 161)}
    esperando = [u for u in media if u.situacao == "aguardando_disponibilidade"]
    assert [(u.ibge7, u.posicao) for u in esperando] == [(f"23{k:04d}0", 161 - k) for k in range(10, 0, -1)]
    assert all(u.motivos == ("orcamento_esgotado",) and u.valor_mensal == 0 for u in esperando)
    assert "aguardando disponibilidade orçamentária na posição 151" in esperando[0].memoria.conclusao
    resumo = next(c for c in resultado.componentes if c.componente == MEDIA)
    assert (resumo.total.valor_mensal, resumo.saldo_orcamento) == (Decimal("487500.00"), Decimal("0.00"))
    assert (resumo.total.cobertas, resumo.total.aguardando) == (150, 10)


def test_check_ninguem_recebe_a_2a_unidade_antes_de_todos_terem_a_1a() -> None:
    # Os 20 municípios de IVMC mais baixo (k = 1..20) têm um 2º CREAS: eles esperam depois dos 160 primeiros.
    r = regras_com(orcamentos(piso_fixo_media_complexidade="487500.00"))
    resultado = calcular(_municipios_da_media(160, segundas=20), r)
    media = resultado.unidades_de(MEDIA)
    assert all(u.rodada == 1 for u in media if u.situacao == "coberto")
    assert len([u for u in media if u.situacao == "coberto"]) == 150
    segundas = [u for u in media if u.rodada == 2]
    assert len(segundas) == 20
    assert all(u.situacao == "aguardando_disponibilidade" for u in segundas)
    assert sorted(u.posicao or 0 for u in segundas) == list(range(161, 181))
    # Com orçamento para 165 unidades, as 5 unidades além das 160 primeiras vão aos 5 de IVMC mais alto entre os 20.
    resultado = calcular(
        _municipios_da_media(160, segundas=20),
        regras_com(orcamentos(piso_fixo_media_complexidade="536250.00")),
    )
    segundas_cobertas = {
        u.ibge7 for u in resultado.unidades_de(MEDIA) if u.rodada == 2 and u.situacao == "coberto"
    }
    assert segundas_cobertas == {f"23{k:04d}0" for k in range(16, 21)}


def test_check_acolhimento_com_capacidade_8_nao_e_elegivel() -> None:
    entradas = Entradas(
        municipios=(municipio(A, 15_000),),
        unidades_acolhimento=(acolhimento(A, 1, 8),),
        conselhos=(conselhos(A),),
        indicadores=alta_apta(A, "0.5", "0.1"),
    )
    resultado = calcular(entradas, regras_com(orcamentos(piso_alta_complexidade="100000.00")))
    (u,) = resultado.unidades_de(ALTA)
    assert (u.situacao, u.motivos, u.elegivel, u.valor_piso, u.valor_mensal, u.posicao) == (
        "inelegivel",
        ("capacidade_minima",),
        False,
        None,
        Decimal("0.00"),
        None,
    )
    assert "capacidade de 8 vagas, abaixo do mínimo de 10" in u.memoria.formula
    # 10 vagas já é elegível: 50% × R$ 500,00 × 10 = R$ 2.500,00.
    assert piso_alta_complexidade(acolhimento(A, 2, 10), None, regras_2022()).valor == Decimal("2500.00")


def test_check_piso_basico_variavel_sem_o_valor_e_parametro_ausente() -> None:
    entradas = Entradas(municipios=(municipio(A, 15_000),), cras=(cras(A, 1),))
    resultado = calcular(entradas, regras_2022())
    (u,) = resultado.unidades_de(PBV)
    assert (u.situacao, u.valor_piso, u.valor_mensal, u.elegivel) == (
        "parametro_ausente",
        None,
        Decimal("0.00"),
        True,
    )
    assert u.motivos == ("valor_por_familia_nao_informado",)
    assert u.bloco == Bloco.beneficios_eventuais
    assert "não fixado pela SPS" in u.memoria.formula
    assert "parâmetro ausente, R$ 0,00" in u.memoria.texto()
    total = resultado.municipio(A).bloco(Bloco.beneficios_eventuais)
    assert (total.valor_mensal, total.componentes[0].parametro_ausente) == (Decimal("0.00"), 1)


# Caso de cinco municípios feito à mão ----------------------------------------------------------------

# População e porte (Censo 2022, limites da PNAS 2004):
#   A 15.000  → Pequeno I  (≤ 20.000)          2.500 famílias por CRAS
#   B 20.000  → Pequeno I  (no limite)         2.500
#   C 20.001  → Pequeno II                     3.500
#   D 80.000  → Médio                          5.000
#   E 950.000 → Metrópole                      5.000
#
# Piso básico fixo (Art. 12) = 50% × R$ 2,40 × famílias:
#   Pequeno I: 0,50 × 2,40 × 2.500 = 3.000,00; Pequeno II: 0,50 × 2,40 × 3.500 = 4.200,00;
#   Médio e Metrópole: 0,50 × 2,40 × 5.000 = 6.000,00.
#   CRAS: A 1, B 2, C 1, D 2, E 3 → A 3.000; B 6.000; C 4.200; D 12.000; E 18.000. Estado: 43.200,00.
#
# Piso básico variável (Art. 13), valor por família R$ 0,40 (parâmetro do teste):
#   Pequeno I 0,40 × 2.500 = 1.000,00; Pequeno II 0,40 × 3.500 = 1.400,00; Médio/Metrópole 0,40 × 5.000 = 2.000,00.
#   A 1.000; B 2.000; C 1.400; D 4.000; E 6.000. Estado: 14.400,00.
#
# Piso fixo de média complexidade (Arts. 14–15), por unidade: CREAS 50% × 6.500 = 3.250,00;
# Centro Pop com valor federal 5.000 (parâmetro do teste) → 50% × 5.000 = 2.500,00.
#   Unidades (id = ibge6 + n): A CREAS n1; B CREAS n1, Pop n2; C nenhuma; D Pop n1, CREAS n2; E CREAS n1, Pop n2.
#   IVMC: A 0,40; B 0,55; C 0,10 (sem unidade de média); D 0,55; E sem dado.
#   Ordem dos municípios (IVMC maior primeiro; empate → código IBGE; sem dado → fim):
#     1º B (0,55), 2º D (0,55, empatado com B, B tem código menor), 3º A (0,40), 4º E (sem dado).
#   Ordem de cobertura: primeiro a 1ª unidade de cada município, na ordem dos municípios; depois as 2ªs.
#     pos 1 B-CREAS 3.250 (rodada 1)  usado antes 0      → 3.250   restante 14.500
#     pos 2 D-Pop   2.500 (rodada 1)  usado antes 3.250  → 5.750   restante 12.000
#     pos 3 A-CREAS 3.250 (rodada 1)  usado antes 5.750  → 9.000   restante  8.750
#     pos 4 E-CREAS 3.250 (rodada 1)  usado antes 9.000  → 12.250  restante  5.500
#     pos 5 B-Pop   2.500 (rodada 2)  usado antes 12.250 → 14.750  restante  3.000
#     pos 6 D-CREAS 3.250 (rodada 2)  3.250 > 3.000: aguardando (a cobertura para aqui)
#     pos 7 E-Pop   2.500 (rodada 2)  caberia nos 3.000, mas aguarda: não passa à frente da posição 6
#   Orçamento 17.750,00; coberto 14.750,00; saldo 3.000,00.
#   Por município: A 3.250; B 3.250 + 2.500 = 5.750; D 2.500; E 3.250.
#
# Piso fixo de alta complexidade (Arts. 16–17) = 50% × R$ 500,00 × vagas, capacidade mínima 10:
#   A cap. 8 → não elegível (capacidade_minima). B cap. 10 → 2.500,00. C cap. 20 → 5.000,00.
#   D cap. 15 (n11) → 3.750,00 e cap. 12 (n12) → 3.000,00. E cap. 30 → 7.500,00.
#   Condições (Art. 17, II–IV): acolhimento adequado; CMDCA e Conselho Tutelar em funcionamento (2);
#   conselhos idoso/mulher/PcD em funcionamento ou compromisso.
#     B, D: tudo 2 → elegíveis. C: conselho do idoso 0, mas compromisso_conselhos = 1 → elegível.
#     E: CMDCA 1 (instituído, sem funcionar) → não elegível (condicao_nao_atendida).
#   Ordem: ruptura de vínculos maior primeiro; desempate ruptura envolvendo crianças; depois IVMC.
#     D 0,50 → 1º; C 0,30 / crianças 0,25 → 2º; B 0,30 / crianças 0,10 → 3º (separado de C pelo desempate).
#     pos 1 D n11 3.750 usado antes 0     → 3.750   restante 8.250
#     pos 2 C n11 5.000 usado antes 3.750 → 8.750   restante 3.250
#     pos 3 B n11 2.500 usado antes 8.750 → 11.250  restante   750
#     pos 4 D n12 3.000 (rodada 2) 3.000 > 750 → aguardando
#   Orçamento 12.000,00; coberto 11.250,00; saldo 750,00.
#
# Proteção social especial por município: A 3.250; B 5.750 + 2.500 = 8.250; C 5.000; D 2.500 + 3.750 = 6.250;
# E 3.250. Estado: 14.750 + 11.250 = 26.000,00.
# Total por município: A 3.000 + 3.250 + 1.000 = 7.250; B 6.000 + 8.250 + 2.000 = 16.250;
# C 4.200 + 5.000 + 1.400 = 10.600; D 12.000 + 6.250 + 4.000 = 22.250; E 18.000 + 3.250 + 6.000 = 27.250.
# Estado: 43.200 + 26.000 + 14.400 = 83.600,00 (= 7.250 + 16.250 + 10.600 + 22.250 + 27.250).

REGRAS_CINCO: dict[str, Any] = mesclar(
    orcamentos(piso_fixo_media_complexidade="17750.00", piso_alta_complexidade="12000.00"),
    {
        "piso_basico_variavel": {"valor_por_familia": "0.40"},
        "piso_fixo_media_complexidade": {"valor_federal_por_unidade": {"centro_pop": "5000.00"}},
    },
)


def cenario_cinco() -> Entradas:
    return Entradas(
        municipios=(
            municipio(A, 15_000),
            municipio(B, 20_000),
            municipio(C, 20_001),
            municipio(D, 80_000),
            municipio(E, 950_000),
        ),
        cras=(
            cras(A, 1),
            cras(B, 1),
            cras(B, 2),
            cras(C, 1),
            cras(D, 1),
            cras(D, 2),
            cras(E, 1),
            cras(E, 2),
            cras(E, 3),
        ),
        unidades_media=(creas(A, 1), creas(B, 1), pop(B, 2), pop(D, 1), creas(D, 2), creas(E, 1), pop(E, 2)),
        unidades_acolhimento=(
            acolhimento(A, 11, 8),
            acolhimento(B, 11, 10),
            acolhimento(C, 11, 20),
            acolhimento(D, 11, 15),
            acolhimento(D, 12, 12),
            acolhimento(E, 11, 30),
        ),
        conselhos=(conselhos(A), conselhos(B), conselhos(C, idoso=0), conselhos(D), conselhos(E, cmdca=1)),
        indicadores=(
            indicador("ivmc", A, "0.40"),
            indicador("ivmc", B, "0.55"),
            indicador("ivmc", C, "0.10"),
            indicador("ivmc", D, "0.55"),
            indicador("compromisso_conselhos", C, "1"),
            *alta_apta(A, "0.90", "0.90"),
            *alta_apta(B, "0.30", "0.10"),
            *alta_apta(C, "0.30", "0.25"),
            *alta_apta(D, "0.50", "0.05"),
            *alta_apta(E, "0.80", "0.80"),
        ),
    )


def test_caso_de_cinco_municipios_calculado_a_mao() -> None:
    resultado = calcular(cenario_cinco(), regras_com(REGRAS_CINCO))

    assert [(m.ibge7, m.porte) for m in resultado.municipios] == [
        (A, Porte.pequeno_i),
        (B, Porte.pequeno_i),
        (C, Porte.pequeno_ii),
        (D, Porte.medio),
        (E, Porte.metropole),
    ]
    assert {i: u.valor_mensal for i, u in unidades(resultado, PSB).items()} == {
        id_de(A, 1): Decimal("3000.00"),
        id_de(B, 1): Decimal("3000.00"),
        id_de(B, 2): Decimal("3000.00"),
        id_de(C, 1): Decimal("4200.00"),
        id_de(D, 1): Decimal("6000.00"),
        id_de(D, 2): Decimal("6000.00"),
        id_de(E, 1): Decimal("6000.00"),
        id_de(E, 2): Decimal("6000.00"),
        id_de(E, 3): Decimal("6000.00"),
    }
    assert (
        unidades(resultado, PSB)[id_de(C, 1)].memoria.formula
        == "50% × R$ 2,40 × 3.500 famílias = R$ 4.200,00"
    )
    assert {i: u.valor_mensal for i, u in unidades(resultado, PBV).items()} == {
        id_de(A, 1): Decimal("1000.00"),
        id_de(B, 1): Decimal("1000.00"),
        id_de(B, 2): Decimal("1000.00"),
        id_de(C, 1): Decimal("1400.00"),
        id_de(D, 1): Decimal("2000.00"),
        id_de(D, 2): Decimal("2000.00"),
        id_de(E, 1): Decimal("2000.00"),
        id_de(E, 2): Decimal("2000.00"),
        id_de(E, 3): Decimal("2000.00"),
    }
    assert unidades(resultado, PBV)[id_de(C, 1)].memoria.formula == "R$ 0,40 × 3.500 famílias = R$ 1.400,00"

    # Média complexidade: municípios B, D, A, E; o empate B–D no IVMC é resolvido pelo código IBGE.
    prioridade_media = resultado.prioridades[MEDIA]
    assert [(p.ibge7, p.posicao, p.criterio_decisivo, p.empate_nao_resolvido) for p in prioridade_media] == [
        (B, 1, None, True),
        (D, 2, "ibge7", True),
        (A, 3, "ivmc", False),
        (E, 4, "ivmc", False),
    ]
    assert prioridade_media[3].valores == {"ivmc": None}
    media = resultado.unidades_de(MEDIA)
    assert [
        (u.id_unidade, u.posicao, u.rodada, u.posicao_municipio, u.valor_piso, u.situacao) for u in media
    ] == [
        (id_de(B, 1), 1, 1, 1, Decimal("3250.00"), "coberto"),
        (id_de(D, 1), 2, 1, 2, Decimal("2500.00"), "coberto"),
        (id_de(A, 1), 3, 1, 3, Decimal("3250.00"), "coberto"),
        (id_de(E, 1), 4, 1, 4, Decimal("3250.00"), "coberto"),
        (id_de(B, 2), 5, 2, 1, Decimal("2500.00"), "coberto"),
        (id_de(D, 2), 6, 2, 2, Decimal("3250.00"), "aguardando_disponibilidade"),
        (id_de(E, 2), 7, 2, 4, Decimal("2500.00"), "aguardando_disponibilidade"),
    ]
    assert [
        (u.memoria.orcamento.usado_antes, u.memoria.orcamento.restante) for u in media if u.memoria.orcamento
    ] == [
        (Decimal("0.00"), Decimal("14500.00")),
        (Decimal("3250.00"), Decimal("12000.00")),
        (Decimal("5750.00"), Decimal("8750.00")),
        (Decimal("9000.00"), Decimal("5500.00")),
        (Decimal("12250.00"), Decimal("3000.00")),
        (Decimal("14750.00"), Decimal("3000.00")),
        (Decimal("14750.00"), Decimal("3000.00")),
    ]
    assert "piso de R$ 3.250,00 maior que o restante de R$ 3.000,00" in media[5].memoria.conclusao
    assert "a cobertura parou na posição 6" in media[6].memoria.conclusao
    assert (
        media[1].memoria.formula == "50% × R$ 5.000,00 (PFMC federal por unidade, Centro Pop) = R$ 2.500,00"
    )

    # Alta complexidade: A fora pela capacidade, E fora pelo CMDCA; ordem D, C, B; 2ª unidade de D aguarda.
    prioridade_alta = {p.ibge7: p for p in resultado.prioridades[ALTA]}
    assert set(prioridade_alta) == {B, C, D, E}  # A não entra: a sua única unidade tem capacidade 8
    assert [(p.ibge7, p.posicao, p.criterio_decisivo) for p in resultado.prioridades[ALTA] if p.elegivel] == [
        (D, 1, None),
        (C, 2, "ruptura_vinculos"),
        (B, 3, "ruptura_vinculos_criancas"),
    ]
    assert prioridade_alta[E].motivos == ("condicao_nao_atendida:cmdca_e_conselho_tutelar_em_funcionamento",)
    alta = unidades(resultado, ALTA)
    assert {i: (u.posicao, u.valor_piso, u.situacao, u.motivos) for i, u in alta.items()} == {
        id_de(D, 11): (1, Decimal("3750.00"), "coberto", ()),
        id_de(C, 11): (2, Decimal("5000.00"), "coberto", ()),
        id_de(B, 11): (3, Decimal("2500.00"), "coberto", ()),
        id_de(D, 12): (4, Decimal("3000.00"), "aguardando_disponibilidade", ("orcamento_esgotado",)),
        id_de(A, 11): (None, None, "inelegivel", ("capacidade_minima",)),
        id_de(E, 11): (
            None,
            Decimal("7500.00"),
            "inelegivel",
            ("condicao_nao_atendida:cmdca_e_conselho_tutelar_em_funcionamento",),
        ),
    }
    assert alta[id_de(D, 12)].memoria.orcamento is not None
    assert alta[id_de(D, 12)].memoria.orcamento.restante == Decimal("750.00")
    assert alta[id_de(C, 11)].memoria.formula == "50% × R$ 500,00 × 20 vagas = R$ 5.000,00"

    # Totais por município e bloco, e do Estado.
    especial = {m.ibge7: m.bloco(Bloco.protecao_social_especial).valor_mensal for m in resultado.municipios}
    assert especial == {
        A: Decimal("3250.00"),
        B: Decimal("8250.00"),
        C: Decimal("5000.00"),
        D: Decimal("6250.00"),
        E: Decimal("3250.00"),
    }
    assert resultado.municipio(B).bloco(Bloco.protecao_social_especial).formula == (
        "Piso Fixo de Média Complexidade R$ 5.750,00 + Piso Fixo de Alta Complexidade R$ 2.500,00 = R$ 8.250,00"
    )
    assert {m.ibge7: m.valor_mensal for m in resultado.municipios} == {
        A: Decimal("7250.00"),
        B: Decimal("16250.00"),
        C: Decimal("10600.00"),
        D: Decimal("22250.00"),
        E: Decimal("27250.00"),
    }
    assert dict(resultado.blocos) == {
        Bloco.protecao_social_basica: Decimal("43200.00"),
        Bloco.protecao_social_especial: Decimal("26000.00"),
        Bloco.beneficios_eventuais: Decimal("14400.00"),
    }
    assert resultado.valor_mensal_total == Decimal("83600.00")
    resumos = {
        c.componente: (c.orcamento_mensal, c.total.valor_mensal, c.saldo_orcamento)
        for c in resultado.componentes
    }
    assert resumos == {
        PSB: (None, Decimal("43200.00"), None),
        PBV: (None, Decimal("14400.00"), None),
        MEDIA: (Decimal("17750.00"), Decimal("14750.00"), Decimal("3000.00")),
        ALTA: (Decimal("12000.00"), Decimal("11250.00"), Decimal("750.00")),
    }


def test_memoria_responde_por_que_o_municipio_recebe_o_valor() -> None:
    resultado = calcular(cenario_cinco(), regras_com(REGRAS_CINCO))
    u = unidades(resultado, ALTA)[id_de(C, 11)]
    m = u.memoria
    assert (m.exercicio, m.componente, m.bloco) == (2022, ALTA, Bloco.protecao_social_especial)
    assert m.entradas["capacidade"] == "20 vagas"
    assert m.entradas["porte"] == "Pequeno II"
    fontes = {p.nome: p.fonte for p in m.parametros}
    assert fontes["capacidade mínima"] == "Decreto nº 34.262/2021, Art. 17"
    assert fontes["ordem ruptura_vinculos"] == "Decreto nº 34.262/2021, Art. 17, I"
    assert fontes["condição acolhimento_adequado"] == "Decreto nº 34.262/2021, Art. 17, II"
    assert m.prioridade is not None
    assert "município na posição 2 de 3 da seleção 'alta_complexidade'" in m.prioridade
    assert "ruptura_vinculos = 0,30" in m.prioridade
    assert "posição 2 na ordem de cobertura" in m.prioridade
    assert m.orcamento is not None
    assert (m.orcamento.orcamento_mensal, m.orcamento.usado_antes, m.orcamento.restante) == (
        Decimal("12000.00"),
        Decimal("3750.00"),
        Decimal("3250.00"),
    )
    assert m.conclusao == (
        "coberto: R$ 5.000,00/mês; orçamento mensal R$ 12.000,00, usado antes R$ 3.750,00, restante R$ 3.250,00"
    )
    codigos = {p.codigo for p in m.premissas}
    assert {"pac_valor_federal", "criterios_alta_complexidade", "desempate_final"} <= codigos
    assert "pfmc_valor_federal" not in codigos  # só as premissas que afetam o componente
    texto = m.texto()
    assert (
        texto.splitlines()[0]
        == "Exercício 2022 — Bloco da Proteção Social Especial — Piso Fixo de Alta Complexidade"
    )
    assert "fórmula: 50% × R$ 500,00 × 20 vagas = R$ 5.000,00" in texto


# Critérios são dados (Art. 18) -----------------------------------------------------------------------


def test_trocar_o_desempate_muda_a_ordem() -> None:
    # B e C empatam em ruptura de vínculos (0,30). Desempate padrão (crianças): C 0,25 > B 0,10 → C antes de B.
    # Com o IVMC como 1º desempate: B 0,55 > C 0,10 → B antes de C. D segue 1º (0,50).
    padrao = calcular(cenario_cinco(), regras_com(REGRAS_CINCO))
    assert [p.ibge7 for p in padrao.prioridades[ALTA] if p.elegivel] == [D, C, B]
    desempates = [
        {"indicador": "ivmc", "sentido": "maior_primeiro", "fonte": "pactuação CIB (teste)"},
        {"indicador": "ruptura_vinculos_criancas", "sentido": "maior_primeiro", "fonte": "Art. 17"},
    ]
    trocado = calcular(
        cenario_cinco(),
        regras_com(mesclar(REGRAS_CINCO, {"selecoes": {"alta_complexidade": {"desempates": desempates}}})),
    )
    prioridade = [p for p in trocado.prioridades[ALTA] if p.elegivel]
    assert [(p.ibge7, p.criterio_decisivo) for p in prioridade] == [
        (D, None),
        (B, "ruptura_vinculos"),
        (C, "ivmc"),
    ]
    assert [u.id_unidade for u in trocado.unidades_de(ALTA) if u.posicao] == [
        id_de(D, 11),
        id_de(B, 11),
        id_de(C, 11),
        id_de(D, 12),
    ]
    # Menor primeiro inverte o desempate: C (0,10) antes de B (0,55).
    desempates[0]["sentido"] = "menor_primeiro"
    invertido = calcular(
        cenario_cinco(),
        regras_com(mesclar(REGRAS_CINCO, {"selecoes": {"alta_complexidade": {"desempates": desempates}}})),
    )
    assert [p.ibge7 for p in invertido.prioridades[ALTA] if p.elegivel] == [D, C, B]
    assert [p.criterio_decisivo for p in invertido.prioridades[ALTA] if p.elegivel] == [
        None,
        "ruptura_vinculos",
        "ivmc",
    ]


def test_trocar_a_ordem_muda_quem_e_coberto() -> None:
    # Orçamento de alta para só uma unidade de R$ 5.000,00: padrão cobre D (3.750) e para em C (5.000 > 1.250).
    # Ordenando por ruptura envolvendo crianças: C 0,25 > B 0,10 > D 0,05 → cobre C; B (2.500) não cabe nos 0,00.
    r = regras_com(mesclar(REGRAS_CINCO, orcamentos(piso_alta_complexidade="5000.00")))
    assert cobertos(calcular(cenario_cinco(), r), ALTA) == [id_de(D, 11)]
    ordem = [{"indicador": "ruptura_vinculos_criancas", "fonte": "pactuação CIB (teste)"}]
    trocada = regras_com(
        mesclar(
            r.model_dump(mode="json"), {"selecoes": {"alta_complexidade": {"ordem": ordem, "desempates": []}}}
        )
    )
    assert cobertos(calcular(cenario_cinco(), trocada), ALTA) == [id_de(C, 11)]


def test_indicador_adicional_pactuado_na_cib_ordena_como_os_do_catalogo() -> None:
    adicional = {"nome": "taxa_nova", "descricao": "indicador novo (teste)", "fonte": "Resolução CIB (teste)"}
    r = regras_com(
        mesclar(
            REGRAS_CINCO,
            {
                "indicadores_adicionais": [adicional],
                "selecoes": {"media_complexidade": {"ordem": [{"indicador": "taxa_nova", "fonte": "CIB"}]}},
            },
        )
    )
    assert r.problemas() == []
    entradas = cenario_cinco()
    novos = (indicador("taxa_nova", E, "9"), indicador("taxa_nova", A, "5"))
    resultado = calcular(replace(entradas, indicadores=entradas.indicadores + novos), r)
    # E 9 > A 5 > (B, D sem dado, no fim, por código IBGE).
    assert [p.ibge7 for p in resultado.prioridades[MEDIA]] == [E, A, B, D]


def test_selecao_do_art_11_condicoes_e_desempates() -> None:
    # Condições: demanda ≥ 50 famílias; CMDCA e Conselho Tutelar em funcionamento; conselhos idoso/mulher/PcD
    # implantados (situação ≥ 1) ou compromisso. Desempates: Cemaris, CREAS em funcionamento, IVMC.
    #   A: demanda 49 → não atende. B: demanda 50, conselho da mulher 1 (implantado) → elegível, Cemaris 0,20.
    #   C: demanda 80, Cemaris 0,20, sem CREAS, IVMC 0,90. D: demanda 60, Cemaris 0,20, com CREAS, IVMC 0,10.
    #   E: demanda 100, sem registro de conselhos → sem dado.
    # Ordem: todos com Cemaris 0,20 → CREAS: B e D têm (1), C não (0) → B, D antes de C;
    #   B × D: IVMC B sem dado (fim) × D 0,10 → D antes de B. Resultado: D, B, C.
    entradas = Entradas(
        municipios=(),
        unidades_media=(creas(B, 1), creas(D, 1)),
        conselhos=(conselhos(A), conselhos(B, mulher=1), conselhos(C), conselhos(D)),
        indicadores=(
            indicador("demanda_familias", A, "49"),
            indicador("demanda_familias", B, "50"),
            indicador("demanda_familias", C, "80"),
            indicador("demanda_familias", D, "60"),
            indicador("demanda_familias", E, "100"),
            *(indicador("cemaris", m, "0.20") for m in (A, B, C, D, E)),
            indicador("ivmc", C, "0.90"),
            indicador("ivmc", D, "0.10"),
        ),
    )
    r = regras_2022()
    prioridade = priorizar_municipios(r.selecoes["art_11"], [A, B, C, D, E], dados_municipais(entradas))
    assert [(p.ibge7, p.posicao, p.criterio_decisivo) for p in prioridade if p.elegivel] == [
        (D, 1, None),
        (B, 2, "ivmc"),
        (C, 3, "creas_em_funcionamento"),
    ]
    assert {p.ibge7: p.motivos for p in prioridade if not p.elegivel} == {
        A: ("condicao_nao_atendida:demanda_familias",),
        E: (
            "sem_dado:cmdca_e_conselho_tutelar_em_funcionamento",
            "sem_dado:conselhos_idoso_mulher_pcd_implantados_ou_compromisso",
        ),
    }


def test_valores_dos_indicadores_derivados_dos_conselhos_e_das_unidades() -> None:
    entradas = Entradas(
        municipios=(),
        unidades_media=(creas(A, 1), pop(B, 1)),
        conselhos=(
            conselhos(A),
            Conselhos(
                B, 2022, cmdca=2, conselho_tutelar=None, conselho_idoso=1, conselho_mulher=1, conselho_pcd=1
            ),
            Conselhos(C, 2022, cmdca=0, conselho_tutelar=None, conselho_idoso=None, conselho_mulher=0),
        ),
        indicadores=(indicador("compromisso_conselhos", C, "1"),),
    )
    dados = dados_municipais(entradas)
    funcionamento = "conselhos_idoso_mulher_pcd_em_funcionamento_ou_compromisso"
    implantados = "conselhos_idoso_mulher_pcd_implantados_ou_compromisso"
    cmdca = "cmdca_e_conselho_tutelar_em_funcionamento"
    tabela = {
        m: tuple(
            valor_indicador(n, m, dados)
            for n in ("creas_em_funcionamento", cmdca, funcionamento, implantados)
        )
        for m in (A, B, C, D)
    }
    assert tabela == {
        A: (Decimal(1), Decimal(1), Decimal(1), Decimal(1)),
        # B: Conselho Tutelar sem dado → None; idoso/mulher/PcD instituídos (1): não funcionam, mas estão implantados.
        B: (Decimal(0), None, Decimal(0), Decimal(1)),
        # C: CMDCA 0 decide (0) mesmo sem o Tutelar; o compromisso supre os conselhos.
        C: (Decimal(0), Decimal(0), Decimal(1), Decimal(1)),
        D: (Decimal(0), None, None, None),
    }


# Suspensão, expansão e dados ausentes ----------------------------------------------------------------


def test_municipio_suspenso_sai_das_listas_de_expansao_mas_mantem_o_piso_basico() -> None:
    suspenso = replace(cenario_cinco(), suspensos=frozenset({B}))
    resultado = calcular(suspenso, regras_com(REGRAS_CINCO))
    # B sai da média e da alta; na média, D passa a 1º; sobram 17.750 − (2.500 + 3.250 + 3.250) = 8.750 para as 2ªs:
    #   D-CREAS 3.250 → 5.500; E-Pop 2.500 → 3.000 restante. Todas cobertas.
    media = unidades(resultado, MEDIA)
    assert {u.situacao for i, u in media.items() if i.startswith(B[:6])} == {"inelegivel"}
    assert media[id_de(B, 1)].motivos == ("municipio_suspenso",)
    assert [p.ibge7 for p in resultado.prioridades[MEDIA] if p.elegivel] == [D, A, E]
    assert cobertos(resultado, MEDIA) == [id_de(D, 1), id_de(A, 1), id_de(E, 1), id_de(D, 2), id_de(E, 2)]
    assert unidades(resultado, ALTA)[id_de(B, 11)].motivos == ("municipio_suspenso",)
    assert resultado.municipio(B).suspenso
    assert resultado.municipio(B).bloco(Bloco.protecao_social_basica).valor_mensal == Decimal("6000.00")


def test_expansao_da_alta_ao_pe_da_letra_espera_a_media_completa() -> None:
    # Média com orçamento só para 3 unidades (9.000 < 12.250 das 1ªs): E fica sem a 1ª.
    # Ao pé da letra (Art. 16, parágrafo único), a 2ª unidade de D na alta espera, mesmo com orçamento.
    trocas = mesclar(
        REGRAS_CINCO, orcamentos(piso_fixo_media_complexidade="9000.00", piso_alta_complexidade="100000.00")
    )
    assert cobertos(calcular(cenario_cinco(), regras_com(trocas)), ALTA) == [
        id_de(D, 11),
        id_de(C, 11),
        id_de(B, 11),
        id_de(D, 12),
    ]
    literal = calcular(cenario_cinco(), regras_com({**trocas, "expansao_alta_exige_media_completa": True}))
    alta = unidades(literal, ALTA)
    assert alta[id_de(D, 12)].situacao == "aguardando_disponibilidade"
    assert alta[id_de(D, 12)].motivos == ("expansao_bloqueada",)
    assert "Art. 16, parágrafo único" in alta[id_de(D, 12)].memoria.conclusao
    # Com a média completa, a expansão volta.
    completa = regras_com(
        mesclar(
            trocas,
            {
                "expansao_alta_exige_media_completa": True,
                **orcamentos(piso_fixo_media_complexidade="12250.00"),
            },
        )
    )
    assert unidades(calcular(cenario_cinco(), completa), ALTA)[id_de(D, 12)].situacao == "coberto"


def test_sem_orcamento_a_especial_e_parametro_ausente_e_a_basica_sem_limite() -> None:
    resultado = calcular(cenario_cinco(), regras_2022())
    assert {u.situacao for u in resultado.unidades_de(PSB)} == {"coberto"}
    media = resultado.unidades_de(MEDIA)
    assert {(u.situacao, u.motivos) for u in media} == {("parametro_ausente", ("orcamento_nao_informado",))}
    assert [u.posicao for u in media] == list(range(1, 8))  # a ordem já se conhece
    assert "orçamento mensal do componente não informado" in media[0].memoria.conclusao
    assert resultado.blocos[Bloco.protecao_social_especial] == Decimal("0.00")
    # Com sem_limite na média, todas as unidades são cobertas.
    livre = calcular(
        cenario_cinco(),
        regras_com({"coberturas": {"piso_fixo_media_complexidade": {"sem_orcamento": "sem_limite"}}}),
    )
    assert len(cobertos(livre, MEDIA)) == 7


def test_orcamento_zero_nao_cobre_nada() -> None:
    resultado = calcular(cenario_cinco(), regras_com(orcamentos(piso_basico_fixo="0.00")))
    assert cobertos(resultado, PSB) == []
    assert [u.posicao for u in resultado.unidades_de(PSB)] == list(range(1, 10))


def test_dados_ausentes() -> None:
    entradas = Entradas(
        municipios=(municipio(A, 15_000, base="censo_2010"),),
        cras=(cras(A, 1), cras(B, 1)),
        unidades_acolhimento=(acolhimento(A, 2, None),),
    )
    resultado = calcular(entradas, regras_2022())
    psb = unidades(resultado, PSB)
    assert (psb[id_de(A, 1)].situacao, psb[id_de(A, 1)].motivos) == (
        "dado_ausente",
        ("sem_populacao:censo_2022",),
    )
    assert (psb[id_de(B, 1)].situacao, psb[id_de(B, 1)].motivos) == (
        "dado_ausente",
        ("municipio_nao_registrado",),
    )
    assert not psb[id_de(B, 1)].elegivel
    (alta,) = resultado.unidades_de(ALTA)
    assert (alta.situacao, alta.motivos) == ("dado_ausente", ("sem_capacidade",))
    assert resultado.municipio(B).nome is None  # município só visto pela unidade: aparece nos totais


def test_referenciamento_pela_capacidade_declarada() -> None:
    # Médio (5.000 pelo porte), mas o CRAS declara 3.500 (q2): 50% × 2,40 × 3.500 = 4.200,00.
    r = regras_com({"referenciamento": {"modo": "capacidade_declarada"}})
    m = municipio(D, 80_000)
    assert piso_basico_fixo(cras(D, 1, 3500), m, r).valor == Decimal("4200.00")
    assert piso_basico_fixo(cras(D, 1, 3500), m, regras_2022()).valor == Decimal("6000.00")
    sem = piso_basico_fixo(cras(D, 1, None), m, r)
    assert (sem.impedimento, sem.motivos) == ("dado_ausente", ("sem_capacidade_declarada",))
    assert familias_referenciadas(cras(D, 1, 0), Porte.medio, r)[2] == ("capacidade_declarada_invalida",)
    # Pela capacidade declarada, o porte não é necessário.
    assert piso_basico_fixo(cras(D, 1, 2500), None, r).valor == Decimal("3000.00")


def test_pfmc_por_familia_sem_os_parametros_e_parametro_ausente() -> None:
    r = regras_com({"piso_fixo_media_complexidade": {"base_pfmc": "familia"}})
    piso = piso_fixo_media_complexidade(creas(A, 1), municipio(A, 15_000), r)
    assert (piso.impedimento, piso.valor) == ("parametro_ausente", None)
    assert piso.motivos == ("valor_federal_por_familia_nao_informado", "familias_por_porte_nao_informado")
    familias = {
        "pequeno_i": 50,
        "pequeno_ii": 50,
        "medio": 80,
        "grande": 80,
        "metropole": 80,
        "fonte": "teste",
    }
    r = regras_com(
        {
            "piso_fixo_media_complexidade": {
                "base_pfmc": "familia",
                "valor_federal_por_familia": "130.00",
                "familias_por_porte": familias,
            }
        }
    )
    # Médio: 50% × R$ 130,00 × 80 famílias = R$ 5.200,00.
    piso = piso_fixo_media_complexidade(creas(D, 1), municipio(D, 80_000), r)
    assert (piso.valor, piso.formula) == (Decimal("5200.00"), "50% × R$ 130,00 × 80 famílias = R$ 5.200,00")
    assert piso_fixo_media_complexidade(creas(D, 1), None, r).impedimento == "dado_ausente"


@pytest.mark.parametrize(
    ("arredondamento", "esperado"),
    [("meio_para_par", Decimal("1.00")), ("meio_para_cima", Decimal("1.01"))],
)
def test_arredondamento_ao_centavo(arredondamento: str, esperado: Decimal) -> None:
    # R$ 0,3350 × 3 famílias = R$ 1,005: meio centavo exato.
    r = regras_com(
        {
            "arredondamento": arredondamento,
            "referenciamento": {"modo": "capacidade_declarada"},
            "piso_basico_variavel": {"valor_por_familia": "0.3350"},
        }
    )
    piso = piso_basico_variavel(cras(A, 1, 3), None, r)
    assert piso.valor == esperado
    assert piso.formula == f"R$ 0,335 × 3 famílias = R$ {str(esperado).replace('.', ',')}"


def test_ids_repetidos_sao_recusados() -> None:
    with pytest.raises(ValueError, match="CRAS repetido nas entradas: 23001000001"):
        calcular(Entradas(municipios=(), cras=(cras(A, 1), cras(A, 1))), regras_2022())
    with pytest.raises(ValueError, match="unidade repetido"):
        calcular(
            Entradas(
                municipios=(), unidades_media=(creas(A, 1),), unidades_acolhimento=(acolhimento(A, 1, 10),)
            ),
            regras_2022(),
        )
    with pytest.raises(ValueError, match="indicador repetido no mesmo município: ivmc@2300101"):
        calcular(
            Entradas(municipios=(), indicadores=(indicador("ivmc", A, "1"), indicador("ivmc", A, "2"))),
            regras_2022(),
        )


def test_pisos_sao_funcoes_puras_das_entradas() -> None:
    r = regras_com(REGRAS_CINCO)
    um: Piso = piso_basico_fixo(cras(A, 1), municipio(A, 15_000), r)
    assert um == piso_basico_fixo(cras(A, 1), municipio(A, 15_000), r)
