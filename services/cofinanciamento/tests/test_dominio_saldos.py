"""Saldos acumulados (ato SPS 2023, Art. 13), parcelas mensais e Plano de Ação (Decreto nº 34.262/2021, Arts. 24–25)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from services.cofinanciamento.dominio.calculo import calcular
from services.cofinanciamento.dominio.entradas import (
    BLOCO_DO_SALDO,
    PlanoAcao,
    PlanoProvidenciasDoBloqueio,
    SaldoConta,
    UsoPlanejado,
)
from services.cofinanciamento.dominio.regras import Bloco, Componente, regras_2022
from services.cofinanciamento.dominio.saldos import (
    AvaliacaoSaldo,
    EstadoSancao,
    avaliar_saldo,
    decidir_sancao,
    gerar_parcelas,
    problemas_plano_acao,
)
from services.cofinanciamento.tests.test_dominio_calculo import (
    REGRAS_CINCO,
    A,
    B,
    C,
    D,
    E,
    cenario_cinco,
    id_de,
    regras_com,
)

BASICA = Bloco.protecao_social_basica
ESPECIAL = Bloco.protecao_social_especial
EVENTUAIS = Bloco.beneficios_eventuais


def saldo(valor: str, bloco: Bloco = BASICA) -> SaldoConta:
    return SaldoConta(A, bloco, 2023, 5, Decimal(valor))


# Acúmulo (Art. 13, I) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("valor", "acumulo", "parcelas"),
    [
        # Parcela de R$ 6.000,00: limiar 10 × 6.000 = 60.000,00.
        ("60000.00", True, "10.00"),
        ("59999.99", False, "9.99"),  # 9,9999…: truncado para leitura, nunca arredondado para 10
        ("90000.00", True, "15.00"),
        ("0.00", False, "0.00"),
        ("-10.00", False, "-0.00"),
    ],
)
def test_saldo_de_10_parcelas_ou_mais_e_acumulo(valor: str, acumulo: bool, parcelas: str) -> None:
    a = avaliar_saldo(saldo(valor), Decimal("6000.00"), regras_2022())
    assert (a.acumulo, a.valor_limiar, a.parcelas_acumuladas) == (
        acumulo,
        Decimal("60000.00"),
        Decimal(parcelas),
    )


def test_memoria_do_acumulo() -> None:
    a = avaliar_saldo(saldo("60000.00"), Decimal("6000.00"), regras_2022())
    assert a.memoria == (
        "Bloco da Proteção Social Básica, 05/2023: saldo R$ 60.000,00 ≥ 10 × R$ 6.000,00 = R$ 60.000,00 "
        "(10.00 parcelas acumuladas; ato da SPS, DOE-CE 17/10/2023, p. 116, Art. 13, I): acúmulo que bloqueia"
    )


def test_limiar_e_parametro() -> None:
    r = regras_com({"sancoes": {"limiar_parcelas_acumuladas": 6}})
    assert avaliar_saldo(saldo("36000.00"), Decimal("6000.00"), r).acumulo
    assert not avaliar_saldo(saldo("36000.00"), Decimal("6000.00"), regras_2022()).acumulo


def test_bloco_sem_parcela_nao_acumula() -> None:
    a = avaliar_saldo(saldo("1000000.00", EVENTUAIS), Decimal("0.00"), regras_2022())
    assert (a.acumulo, a.valor_limiar, a.parcelas_acumuladas) == (False, None, None)
    assert "bloco sem parcela mensal" in a.memoria


def test_blocos_do_evento_de_saldo() -> None:
    assert dict(BLOCO_DO_SALDO) == {"basica": BASICA, "especial": ESPECIAL, "beneficios_eventuais": EVENTUAIS}


# Bloqueio, suspensão e retomada ---------------------------------------------------------------------


def avaliacao(acumulo: bool) -> AvaliacaoSaldo:
    return avaliar_saldo(saldo("60000.00" if acumulo else "1000.00"), Decimal("6000.00"), regras_2022())


def plano(situacao: str, prazo_vencido: bool = False) -> PlanoProvidenciasDoBloqueio:
    return PlanoProvidenciasDoBloqueio("PP-1", situacao, prazo_vencido)


@pytest.mark.parametrize(
    ("estado", "acumulo", "plano_", "novo", "transicao", "exige_plano"),
    [
        pytest.param("regular", False, None, "regular", None, False, id="regular-abaixo"),
        pytest.param("regular", True, None, "bloqueado", "bloqueio", True, id="acumulo-bloqueia"),
        pytest.param("bloqueado", True, None, "bloqueado", None, True, id="bloqueado-sem-plano"),
        pytest.param(
            "bloqueado", True, plano("em_execucao"), "bloqueado", None, False, id="plano-em-execucao"
        ),
        pytest.param(
            "bloqueado", True, plano("em_execucao", True), "suspenso", "suspensao", False, id="prazo-vencido"
        ),
        pytest.param(
            "bloqueado",
            True,
            plano("concluido", True),
            "suspenso",
            "suspensao",
            False,
            id="concluido-sem-uso",
        ),
        pytest.param(
            "bloqueado", True, plano("concluido"), "bloqueado", None, False, id="concluido-saldo-alto"
        ),
        pytest.param(
            "bloqueado", False, plano("em_execucao"), "bloqueado", None, False, id="abaixo-plano-aberto"
        ),
        pytest.param(
            "bloqueado", False, plano("concluido"), "regular", "desbloqueio", False, id="desbloqueio"
        ),
        pytest.param(
            "bloqueado", False, plano("em_execucao", True), "bloqueado", None, False, id="vencido-mas-usado"
        ),
        pytest.param("bloqueado", True, plano("cancelado"), "bloqueado", None, True, id="plano-cancelado"),
        pytest.param(
            "suspenso", True, plano("em_execucao", True), "suspenso", None, False, id="suspenso-continua"
        ),
        pytest.param(
            "suspenso",
            False,
            plano("concluido", True),
            "regular",
            "fim_da_suspensao",
            False,
            id="fim-suspensao",
        ),
        pytest.param(
            "suspenso", False, plano("em_execucao", True), "suspenso", None, False, id="suspenso-plano-aberto"
        ),
    ],
)
def test_transicoes_da_sancao(
    estado: EstadoSancao,
    acumulo: bool,
    plano_: PlanoProvidenciasDoBloqueio | None,
    novo: EstadoSancao,
    transicao: str | None,
    exige_plano: bool,
) -> None:
    d = decidir_sancao(estado, avaliacao(acumulo), plano_, regras_2022())
    assert (d.estado_anterior, d.estado, d.transicao, d.exige_plano_providencias) == (
        estado,
        novo,
        transicao,
        exige_plano,
    )
    assert d.paga_parcelas == (novo == "regular")
    assert d.excluir_de_expansoes == (novo == "suspenso")
    assert d.notificar == (("ministerio_publico", "camara_municipal") if transicao == "suspensao" else ())
    assert (d.ibge7, d.bloco) == (A, BASICA)


def test_motivos_da_sancao_citam_o_ato() -> None:
    bloqueio = decidir_sancao("regular", avaliacao(True), None, regras_2022())
    assert bloqueio.motivo.endswith("bloqueio e Plano de Providências exigido (ato SPS 2023, Art. 13, I)")
    suspensao = decidir_sancao("bloqueado", avaliacao(True), plano("em_execucao", True), regras_2022())
    assert "Ministério Público e à Câmara Municipal" in suspensao.motivo
    assert "Art. 13, II" in suspensao.motivo
    parado = decidir_sancao("bloqueado", avaliacao(False), plano("aprovado_cmas"), regras_2022())
    assert parado.motivo.endswith(
        "permanece bloqueado: Plano de Providências PP-1 não concluído (aprovado_cmas)"
    )


def test_suspensao_que_so_um_ato_encerra() -> None:
    r = regras_com(
        {"sancoes": {"suspensao_termina_com_plano_concluido": False, "prazo_plano_providencias_dias": 90}}
    )
    d = decidir_sancao("suspenso", avaliacao(False), plano("concluido", True), r)
    assert (d.estado, d.transicao, d.paga_parcelas) == ("suspenso", None, False)
    bloqueio = decidir_sancao("regular", avaliacao(True), None, r)
    assert bloqueio.prazo_plano_dias == 90
    assert decidir_sancao("regular", avaliacao(True), None, regras_2022()).prazo_plano_dias is None


# Parcelas (Art. 24) --------------------------------------------------------------------------------


def _resultado_cinco() -> Any:
    return calcular(cenario_cinco(), regras_com(REGRAS_CINCO))


def test_parcelas_so_com_plano_de_acao_preenchido() -> None:
    # Valores mensais por bloco (do caso feito à mão em test_dominio_calculo):
    #   A: básica 3.000; especial 3.250; eventuais 1.000.   B: 6.000; 8.250; 2.000.
    #   C: 4.200; 5.000; 1.400.   D: 12.000; 6.250; 4.000.   E: 18.000; 3.250; 6.000.
    # Planos: A e B preenchidos; C não preenchido; D sem plano; E preenchido, com a básica bloqueada.
    resultado = _resultado_cinco()
    planos = [
        PlanoAcao(A, 2022, True),
        PlanoAcao(B, 2022, True, "rejeitado"),
        PlanoAcao(C, 2022, False),
        PlanoAcao(E, 2022, True),
        PlanoAcao(D, 2021, True),  # de outro exercício: não conta
    ]
    r = regras_com(REGRAS_CINCO)
    gerado = gerar_parcelas(resultado, planos, r, meses=[1, 2], sancoes={(E, BASICA): "bloqueado"})
    por_chave = {(p.ibge7, p.bloco, p.mes): (p.valor, p.situacao) for p in gerado.parcelas}
    assert por_chave == {
        (A, BASICA, 1): (Decimal("3000.00"), "a_pagar"),
        (A, BASICA, 2): (Decimal("3000.00"), "a_pagar"),
        (A, ESPECIAL, 1): (Decimal("3250.00"), "a_pagar"),
        (A, ESPECIAL, 2): (Decimal("3250.00"), "a_pagar"),
        (A, EVENTUAIS, 1): (Decimal("1000.00"), "a_pagar"),
        (A, EVENTUAIS, 2): (Decimal("1000.00"), "a_pagar"),
        (B, BASICA, 1): (Decimal("6000.00"), "a_pagar"),
        (B, BASICA, 2): (Decimal("6000.00"), "a_pagar"),
        (B, ESPECIAL, 1): (Decimal("8250.00"), "a_pagar"),
        (B, ESPECIAL, 2): (Decimal("8250.00"), "a_pagar"),
        (B, EVENTUAIS, 1): (Decimal("2000.00"), "a_pagar"),
        (B, EVENTUAIS, 2): (Decimal("2000.00"), "a_pagar"),
        (E, BASICA, 1): (Decimal("18000.00"), "bloqueada"),
        (E, BASICA, 2): (Decimal("18000.00"), "bloqueada"),
        (E, ESPECIAL, 1): (Decimal("3250.00"), "a_pagar"),
        (E, ESPECIAL, 2): (Decimal("3250.00"), "a_pagar"),
        (E, EVENTUAIS, 1): (Decimal("6000.00"), "a_pagar"),
        (E, EVENTUAIS, 2): (Decimal("6000.00"), "a_pagar"),
    }
    assert {(p.ibge7, p.bloco, p.motivo, p.valor_mensal) for p in gerado.pendencias} == {
        (C, BASICA, "plano_de_acao_nao_preenchido", Decimal("4200.00")),
        (C, ESPECIAL, "plano_de_acao_nao_preenchido", Decimal("5000.00")),
        (C, EVENTUAIS, "plano_de_acao_nao_preenchido", Decimal("1400.00")),
        (D, BASICA, "plano_de_acao_nao_preenchido", Decimal("12000.00")),
        (D, ESPECIAL, "plano_de_acao_nao_preenchido", Decimal("6250.00")),
        (D, EVENTUAIS, "plano_de_acao_nao_preenchido", Decimal("4000.00")),
    }
    # Cada parcela remete às unidades cobertas (cada uma com a sua memória de cálculo).
    especial_b = next(p for p in gerado.parcelas if (p.ibge7, p.bloco, p.mes) == (B, ESPECIAL, 1))
    assert especial_b.unidades == (id_de(B, 1), id_de(B, 2), id_de(B, 11))
    assert dict(especial_b.componentes) == {
        Componente.piso_fixo_media_complexidade: Decimal("5750.00"),
        Componente.piso_alta_complexidade: Decimal("2500.00"),
    }
    assert "parcela 01/2022 do Bloco da Proteção Social Especial" in especial_b.memoria
    # Com parecer favorável do CMAS exigido [PREMISSA], B (parecer contrário) fica pendente.
    exige = regras_com({**REGRAS_CINCO, "parcelas": {"exige_parecer_favoravel_cmas": True}})
    gerado = gerar_parcelas(resultado, planos, exige, meses=[1])
    assert {p.ibge7 for p in gerado.pendencias if p.motivo == "parecer_cmas_nao_favoravel"} == {A, B, E}


def test_doze_parcelas_por_padrao_e_bloco_sem_valor_nao_gera_parcela() -> None:
    resultado = calcular(cenario_cinco(), regras_2022())  # especial e eventuais sem valor em 2022
    gerado = gerar_parcelas(resultado, [PlanoAcao(A, 2022, True)], regras_2022())
    assert [(p.bloco, p.mes) for p in gerado.parcelas] == [(BASICA, m) for m in range(1, 13)]
    assert {p.ibge7 for p in gerado.pendencias} == {B, C, D, E}


def test_parcelas_recusam_planos_repetidos_e_meses_invalidos() -> None:
    resultado = _resultado_cinco()
    with pytest.raises(ValueError, match="dois Planos de Ação do município 2300101"):
        gerar_parcelas(resultado, [PlanoAcao(A, 2022, True)] * 2, regras_2022())
    with pytest.raises(ValueError, match="mês fora de 1–12"):
        gerar_parcelas(resultado, [], regras_2022(), meses=[0, 1])


# Plano de Ação (Arts. 22–24) -----------------------------------------------------------------------


def test_plano_de_acao_consistente_nao_tem_problemas() -> None:
    # A: 12 × 3.000 = 36.000 (básica); 12 × 3.250 = 39.000 (média); 12 × 1.000 = 12.000 (eventuais).
    usos = (
        UsoPlanejado(BASICA, Componente.piso_basico_fixo, Decimal("30000.00"), "equipe do PAIF"),
        UsoPlanejado(BASICA, Componente.piso_basico_fixo, Decimal("6000.00"), "material"),
        UsoPlanejado(ESPECIAL, Componente.piso_fixo_media_complexidade, Decimal("39000.00")),
        UsoPlanejado(EVENTUAIS, Componente.piso_basico_variavel, Decimal("12000.00")),
    )
    assert (
        problemas_plano_acao(
            PlanoAcao(A, 2022, True, None, usos), _resultado_cinco(), regras_com(REGRAS_CINCO)
        )
        == []
    )


def test_plano_de_acao_inconsistente_lista_todos_os_problemas() -> None:
    usos = (
        UsoPlanejado(BASICA, Componente.piso_basico_fixo, Decimal("35000.00")),
        UsoPlanejado(BASICA, Componente.piso_fixo_media_complexidade, Decimal("39000.00")),  # bloco errado
        UsoPlanejado(EVENTUAIS, Componente.piso_basico_variavel, Decimal("-1.00")),
        UsoPlanejado(ESPECIAL, Componente.piso_alta_complexidade, Decimal("0.005")),
    )
    problemas = problemas_plano_acao(
        PlanoAcao(A, 2023, False, None, usos), _resultado_cinco(), regras_com(REGRAS_CINCO)
    )
    assert problemas == [
        "o Plano de Ação é do exercício 2023; o cálculo é de 2022",
        "o Plano de Ação não foi preenchido (Decreto nº 34.262/2021, Art. 24)",
        "linha 2: o Piso Fixo de Média Complexidade pertence ao Bloco da Proteção Social Especial, não ao "
        "Bloco da Proteção Social Básica (Decreto nº 34.262/2021, Arts. 19–21)",
        "linha 3: valor negativo (R$ -1,00)",
        "linha 4: valor com fração de centavo (0.005)",
        # Básica: 35.000 planejados contra 12 × 3.000 = 36.000. A média (39.000, ainda que no bloco errado) confere.
        "Bloco da Proteção Social Básica, Piso Básico Fixo: planejado R$ 35.000,00, calculado R$ 36.000,00 "
        "(12 × R$ 3.000,00); diferença R$ -1.000,00",
        # A não tem alta complexidade coberta: o meio centavo planejado aparece inteiro, sem arredondar.
        "Bloco da Proteção Social Especial, Piso Fixo de Alta Complexidade: planejado R$ 0,005, "
        "calculado R$ 0,00 (12 × R$ 0,00); diferença R$ 0,005",
        "Bloco dos Benefícios Eventuais, Piso Básico Variável: planejado R$ -1,00, calculado R$ 12.000,00 "
        "(12 × R$ 1.000,00); diferença R$ -12.001,00",
    ]


def test_plano_de_municipio_sem_calculo() -> None:
    assert problemas_plano_acao(PlanoAcao("2399999", 2022, True), _resultado_cinco(), regras_2022()) == [
        "o município 2399999 não tem cofinanciamento calculado no exercício"
    ]


def test_meses_de_repasse_mudam_o_valor_anual_e_as_parcelas() -> None:
    # Com 10 meses de repasse [PREMISSA], A planeja 10 × 3.000 = 30.000 na básica; 36.000 passa a ser erro.
    r = regras_com({**REGRAS_CINCO, "parcelas": {"meses_de_repasse": 10}})
    resultado = calcular(cenario_cinco(), r)
    usos = (
        UsoPlanejado(BASICA, Componente.piso_basico_fixo, Decimal("36000.00")),
        UsoPlanejado(ESPECIAL, Componente.piso_fixo_media_complexidade, Decimal("32500.00")),
        UsoPlanejado(EVENTUAIS, Componente.piso_basico_variavel, Decimal("10000.00")),
    )
    assert problemas_plano_acao(PlanoAcao(A, 2022, True, None, usos), resultado, r) == [
        "Bloco da Proteção Social Básica, Piso Básico Fixo: planejado R$ 36.000,00, calculado R$ 30.000,00 "
        "(10 × R$ 3.000,00); diferença R$ 6.000,00"
    ]
    gerado = gerar_parcelas(resultado, [PlanoAcao(A, 2022, True)], r)
    assert sorted({p.mes for p in gerado.parcelas}) == list(range(1, 11))
