"""O conjunto de regras do prêmio (validação, 2022, premissas) e as regras que derivam as entradas dos dados brutos."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from services.premiacao.dominio.classificacao import classificar
from services.premiacao.dominio.entradas import (
    AtendimentoCapacidade,
    ContagemScfv,
    EntradaCras,
    PlanoProvidencias,
    SituacaoPlano,
    atendimento_sobre_capacidade,
    plano_ativo_em,
    planos_que_excluem,
    scfv_do_rma,
    scfv_do_sisc,
)
from services.premiacao.dominio.regras import (
    CriterioDesempate,
    Faixa,
    Pesos,
    RegrasPremio,
    premissas_em_vigor,
    regras_2022,
)

A, B = "2300101", "2300202"


def regras(**trocas: Any) -> RegrasPremio:
    return RegrasPremio.model_validate({**regras_2022().model_dump(mode="json"), **trocas})


# Regras de 2022 ------------------------------------------------------------------------------------


def test_regras_de_2022_sao_validas_e_somam_2_milhoes() -> None:
    r = regras_2022()
    assert r.problemas() == []
    assert (r.exercicio, r.ano_t, r.ano_t_menos_1) == (2022, 2021, 2020)
    assert "35.038/2022" in r.base_legal
    assert r.numero_premios == 30
    assert r.faixas == (
        Faixa(de=1, ate=5, valor=Decimal("150000.00")),
        Faixa(de=6, ate=10, valor=Decimal("100000.00")),
        Faixa(de=11, ate=20, valor=Decimal("50000.00")),
        Faixa(de=21, ate=30, valor=Decimal("25000.00")),
    )
    # 5 × 150.000 + 5 × 100.000 + 10 × 50.000 + 10 × 25.000 = 750.000 + 500.000 + 500.000 + 250.000
    assert r.valor_total == Decimal("2000000.00")
    assert sum(((f.ate - f.de + 1) * f.valor for f in r.faixas), Decimal(0)) == Decimal("2000000.00")
    assert r.pesos == Pesos(w1=Decimal("0.25"), w2=Decimal("0.25"), w3=Decimal("0.25"), w4=Decimal("0.25"))
    assert r.escala == 1
    assert r.desempate == (
        CriterioDesempate.idcras_minimo_nos_dois_anos,
        CriterioDesempate.media_atendimento_sobre_capacidade,
    )
    assert r.idcras_minimo_desempate == 4
    assert r.um_premio_por_municipio
    assert "brinquedopraça" in r.premio_adicional_primeiro_lugar
    assert "academia de ginástica" in r.premio_adicional_primeiro_lugar
    assert (r.indicador_scfv.campos_rma_numerador, r.indicador_scfv.campos_rma_denominador) == (
        ("d2", "d3"),
        ("d2", "d3", "d4", "d8", "d5"),
    )
    assert not r.politicas.plano_sem_unidade_exclui_cras_do_municipio
    assert RegrasPremio.model_validate(r.model_dump(mode="json")) == r  # ida e volta pelo JSON da API


@pytest.mark.parametrize(
    ("colocacao", "valor"),
    [
        (1, "150000.00"),
        (5, "150000.00"),
        (6, "100000.00"),
        (10, "100000.00"),
        (11, "50000.00"),
        (20, "50000.00"),
        (21, "25000.00"),
        (30, "25000.00"),
    ],
)
def test_valor_de_cada_colocacao_em_2022(colocacao: int, valor: str) -> None:
    assert regras_2022().valor_da_colocacao(colocacao) == Decimal(valor)


@pytest.mark.parametrize("colocacao", [0, 31])
def test_colocacao_fora_das_faixas_e_erro(colocacao: int) -> None:
    with pytest.raises(ValueError, match=f"colocação {colocacao} fora das faixas"):
        regras_2022().valor_da_colocacao(colocacao)


# Regras inválidas: cada problema com uma mensagem em pt-BR que o nomeia ---------------------------

FAIXAS_2022 = [
    {"de": 1, "ate": 5, "valor": "150000.00"},
    {"de": 6, "ate": 10, "valor": "100000.00"},
    {"de": 11, "ate": 20, "valor": "50000.00"},
    {"de": 21, "ate": 30, "valor": "25000.00"},
]


@pytest.mark.parametrize(
    ("trocas", "mensagem"),
    [
        pytest.param(
            {"pesos": {"w1": "0.5", "w2": "0.25", "w3": "0.25", "w4": "0.25"}},
            "os pesos w1–w4 somam 1.25; devem somar 1",
            id="pesos-somam-mais-de-1",
        ),
        pytest.param(
            {"pesos": {"w1": "0.25", "w2": "0.25", "w3": "0.25", "w4": "0.2"}},
            "os pesos w1–w4 somam 0.95; devem somar 1",
            id="pesos-somam-menos-de-1",
        ),
        pytest.param(
            # 6º lugar sem faixa; o total declarado é a soma das faixas (5 × 150 mil + 4 × 100 mil + …).
            {
                "faixas": [FAIXAS_2022[0], {"de": 7, "ate": 10, "valor": "100000.00"}, *FAIXAS_2022[2:]],
                "valor_total": "1900000.00",
            },
            "as faixas não cobrem as colocações 6–6",
            id="buraco-nas-faixas",
        ),
        pytest.param(
            {
                "faixas": [FAIXAS_2022[0], {"de": 5, "ate": 10, "valor": "100000.00"}, *FAIXAS_2022[2:]],
                "valor_total": "2100000.00",
            },
            "a faixa 5–10 se sobrepõe à anterior",
            id="faixas-sobrepostas",
        ),
        pytest.param(
            {"numero_premios": 25},
            "as faixas cobrem as colocações 1–30, mas o número de prêmios é 25",
            id="faixas-diferentes-do-numero-de-premios",
        ),
        pytest.param(
            {"valor_total": "1999999.99"},
            "a soma das faixas é 2000000.00 e o total declarado é 1999999.99; devem ser iguais",
            id="total-diferente-da-soma-das-faixas",
        ),
        pytest.param(
            {"ano_t_menos_1": 2019},
            "ano_t_menos_1 (2019) deve ser ano_t − 1 (2020)",
            id="ano-t-menos-1-errado",
        ),
        pytest.param(
            {"ano_t": 2022, "ano_t_menos_1": 2021},
            "ano_t (2022) deve ser anterior ao exercício (2022) (Art. 4º, I)",
            id="ano-t-nao-anterior-ao-exercicio",
        ),
        pytest.param(
            {"indicador_scfv": {"campos_rma_denominador": ["d2", "d3", "d4", "d8", "d5", "d9"]}},
            "indicador_scfv.campos_rma_denominador: d9 não existe (válidos: d1, d2, d3, d4, d5, d6, d7, d8)",
            id="campo-do-rma-desconhecido",
        ),
        pytest.param(
            {"indicador_scfv": {"campos_rma_denominador": ["d2", "d3", "d4", "d8", "d5", "d3"]}},
            "indicador_scfv.campos_rma_denominador: d3 aparece mais de uma vez",
            id="campo-do-rma-repetido",
        ),
        pytest.param(
            {"indicador_scfv": {"faixas_sisc_numerador": ["0-6", "0-14"]}},
            "indicador_scfv.faixas_sisc_numerador: 0-14 não existe (válidos: 0-6, 7-14, 15-17, 18-29, 30-59, 60+)",
            id="faixa-do-sisc-desconhecida",
        ),
        pytest.param(
            {"indicador_scfv": {"campos_rma_numerador": []}},
            "indicador_scfv.campos_rma_numerador está vazio",
            id="numerador-vazio",
        ),
        pytest.param(
            {"indicador_scfv": {"campos_rma_numerador": ["d2", "d3", "d1"]}},
            "indicador_scfv: os campos do numerador devem estar também no denominador",
            id="numerador-fora-do-denominador",
        ),
        pytest.param(
            {"desempate": ["media_atendimento_sobre_capacidade", "media_atendimento_sobre_capacidade"]},
            "um critério de desempate aparece mais de uma vez",
            id="desempate-repetido",
        ),
    ],
)
def test_cada_problema_das_regras_tem_sua_mensagem(trocas: dict[str, Any], mensagem: str) -> None:
    assert regras(**trocas).problemas() == [mensagem]


def test_faixa_que_termina_antes_de_comecar() -> None:
    problemas = regras(
        numero_premios=1,
        faixas=[{"de": 1, "ate": 1, "valor": "10.00"}, {"de": 3, "ate": 2, "valor": "5.00"}],
        valor_total="10.00",
    ).problemas()
    assert "a faixa 3–2 termina antes de começar" in problemas


def test_varios_problemas_sao_todos_listados() -> None:
    problemas = regras(
        ano_t_menos_1=2019,
        pesos={"w1": "0.1", "w2": "0.1", "w3": "0.1", "w4": "0.1"},
        numero_premios=31,
        desempate=["idcras_minimo_nos_dois_anos", "idcras_minimo_nos_dois_anos"],
    ).problemas()
    assert len(problemas) == 4
    assert any("ano_t_menos_1" in p for p in problemas)
    assert any("somam 0.4" in p for p in problemas)
    assert any("o número de prêmios é 31" in p for p in problemas)
    assert any("desempate" in p for p in problemas)


@pytest.mark.parametrize(
    "trocas",
    [
        pytest.param({"pesos": {"w1": "1.5", "w2": "0", "w3": "0", "w4": "-0.5"}}, id="peso-fora-de-0-1"),
        pytest.param({"escala": "0"}, id="escala-zero"),
        pytest.param({"valor_total": "2000000.001"}, id="centavos-demais"),
        pytest.param({"numero_premios": 0}, id="nenhum-premio"),
        pytest.param({"idcras_minimo_desempate": "5.5"}, id="limiar-fora-da-escala-do-idcras"),
        pytest.param({"indicador_scfv": {"fonte": "censo"}}, id="fonte-do-scfv-desconhecida"),
        pytest.param({"campo_novo": 1}, id="campo-desconhecido"),
    ],
)
def test_valores_fora_do_dominio_sao_recusados_na_validacao(trocas: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        regras(**trocas)


# Premissas em vigor -------------------------------------------------------------------------------


def test_premissas_em_vigor_de_2022_com_os_valores_padrao() -> None:
    premissas = {p.codigo: p for p in premissas_em_vigor(regras_2022())}
    assert {codigo: p.valor for codigo, p in premissas.items()} == {
        "equacoes_iq": "w1=0.25; w2=0.25; w3=0.25; w4=0.25; escala=1",
        "indicador_scfv": "RMA, soma dos 12 meses: (d2 + d3) / (d2 + d3 + d4 + d8 + d5)",
        "indicador_constante": "0",
        "dados_dos_dois_anos": "IDCRAS: sim; SCFV: sim",
        "plano_sem_unidade": "não",
        "data_referencia_plano_ativo": "o momento da apuração",
        "desempate_final": "id_cras crescente",
    }
    assert all(p.descricao for p in premissas.values())
    assert "empate_nao_resolvido" in premissas["desempate_final"].descricao


def test_premissas_em_vigor_mostram_os_valores_trocados() -> None:
    r = regras(
        pesos={"w1": "0.4", "w2": "0.3", "w3": "0.2", "w4": "0.1"},
        escala="100",
        indicador_scfv={"fonte": "sisc", "faixas_sisc_numerador": ["0-6"]},
        politicas={
            "plano_sem_unidade_exclui_cras_do_municipio": True,
            "exige_idcras_nos_dois_anos": False,
            "exige_scfv_nos_dois_anos": True,
            "padronizado_quando_indicador_constante": "0.5",
        },
        data_referencia_plano_ativo="2022-12-19",
    )
    assert r.problemas() == []
    assert r.data_referencia_plano_ativo == date(2022, 12, 19)
    valores = {p.codigo: p.valor for p in premissas_em_vigor(r)}
    assert valores == {
        "equacoes_iq": "w1=0.4; w2=0.3; w3=0.2; w4=0.1; escala=100",
        "indicador_scfv": "SISC, soma do ano: faixas 0-6 / todas as faixas",
        "indicador_constante": "0.5",
        "dados_dos_dois_anos": "IDCRAS: não; SCFV: sim",
        "plano_sem_unidade": "sim",
        "data_referencia_plano_ativo": "2022-12-19",
        "desempate_final": "id_cras crescente",
    }


# Plano de providências ativo num momento (Art. 4º, parágrafo único) -------------------------------

T0 = datetime(2022, 3, 1, 9, 0, tzinfo=UTC)
REFERENCIA = datetime(2022, 12, 19, tzinfo=UTC)
CRAS_1, CRAS_2 = "23001000001", "23001000002"


def plano(
    plano_id: str, *situacoes: tuple[str, datetime], unidades: tuple[str, ...] = (CRAS_1,), ibge7: str = A
) -> PlanoProvidencias:
    return PlanoProvidencias(
        plano_id=plano_id,
        ibge7=ibge7,
        unidades=unidades,
        historico=tuple(SituacaoPlano(situacao=s, desde=d) for s, d in situacoes),
    )


def test_plano_criado_depois_do_momento_nao_esta_ativo() -> None:
    p = plano("P", ("submetido", REFERENCIA + timedelta(days=1)))
    assert not plano_ativo_em(p, REFERENCIA)
    assert plano_ativo_em(p, REFERENCIA + timedelta(days=1))  # a partir do próprio instante


def test_plano_concluido_antes_do_momento_nao_esta_ativo() -> None:
    p = plano("P", ("em_execucao", T0), ("concluido", REFERENCIA - timedelta(seconds=1)))
    assert not plano_ativo_em(p, REFERENCIA)


def test_plano_concluido_depois_do_momento_estava_ativo_no_momento() -> None:
    p = plano(
        "P",
        ("submetido", T0),
        ("em_execucao", T0 + timedelta(days=30)),
        ("concluido", REFERENCIA + timedelta(hours=1)),
    )
    assert plano_ativo_em(p, REFERENCIA)
    assert plano_ativo_em(p, T0)
    assert not plano_ativo_em(p, REFERENCIA + timedelta(hours=1))


def test_plano_cancelado_nao_esta_ativo_e_qualquer_outra_situacao_esta() -> None:
    cancelado = plano("P", ("rascunho", T0), ("cancelado", T0 + timedelta(days=2)))
    assert plano_ativo_em(cancelado, T0 + timedelta(days=1))
    assert not plano_ativo_em(cancelado, REFERENCIA)
    for situacao in ("rascunho", "submetido", "devolvido", "aprovado_cmas", "pactuado_cib", "em_execucao"):
        assert plano_ativo_em(plano("P", (situacao, T0)), REFERENCIA), situacao


def test_historico_fora_de_ordem_vale_pela_data_e_plano_reaberto_volta_a_ser_ativo() -> None:
    # O histórico chega fora de ordem; o que vale no momento é a situação mais recente até ele.
    p = plano(
        "P",
        ("em_execucao", T0 + timedelta(days=60)),  # reaberto
        ("submetido", T0),
        ("concluido", T0 + timedelta(days=30)),
    )
    assert plano_ativo_em(p, T0 + timedelta(days=10))
    assert not plano_ativo_em(p, T0 + timedelta(days=45))
    assert plano_ativo_em(p, REFERENCIA)


def test_plano_sem_historico_nao_esta_ativo() -> None:
    assert not plano_ativo_em(plano("P"), REFERENCIA)


def test_planos_que_excluem_o_cras() -> None:
    do_cras = plano("B-nomeia", ("em_execucao", T0), unidades=(CRAS_1, CRAS_2))
    outro_cras = plano("C-outro", ("em_execucao", T0), unidades=(CRAS_2,))
    concluido = plano("D-concluido", ("em_execucao", T0), ("concluido", T0 + timedelta(days=1)))
    tambem = plano("A-tambem", ("submetido", T0))
    planos = [do_cras, outro_cras, concluido, tambem]
    excluem = planos_que_excluem(id_cras=CRAS_1, ibge7=A, planos=planos, momento=REFERENCIA, regras=regras())
    assert excluem == ("A-tambem", "B-nomeia")  # ativos, que nomeiam o CRAS, em ordem
    assert (
        planos_que_excluem(
            id_cras=CRAS_1, ibge7=A, planos=planos, momento=T0 - timedelta(days=1), regras=regras()
        )
        == ()
    )


def test_plano_sem_unidade_so_exclui_os_cras_do_municipio_se_a_politica_mandar() -> None:
    municipal = plano("M", ("em_execucao", T0), unidades=())
    de_outro_municipio = plano("N", ("em_execucao", T0), unidades=(), ibge7=B)
    encerrado = plano("O", ("em_execucao", T0), ("cancelado", T0 + timedelta(days=1)), unidades=())
    planos = [municipal, de_outro_municipio, encerrado]
    args: dict[str, Any] = {"id_cras": CRAS_1, "ibge7": A, "planos": planos, "momento": REFERENCIA}
    assert regras().politicas.plano_sem_unidade_exclui_cras_do_municipio is False  # premissa padrão
    assert planos_que_excluem(**args, regras=regras()) == ()
    politica = regras(politicas={"plano_sem_unidade_exclui_cras_do_municipio": True})
    assert planos_que_excluem(**args, regras=politica) == ("M",)


# SCFV 0–14 pelo RMA e pelo SISC; atendimento sobre a capacidade ----------------------------------


def mes_rma(**valores: int | None) -> dict[str, int | None]:
    """Um mês do bloco III do RMA CRAS: os campos não dados ficam em branco (None)."""
    return {f"d{i}": None for i in range(1, 9)} | valores


def test_scfv_do_rma_soma_os_meses_informados_e_pula_os_em_branco() -> None:
    meses = [
        mes_rma(d1=500, d2=10, d3=20, d4=5, d5=3, d6=700, d7=800, d8=12),  # d1, d6 e d7 não entram
        mes_rma(),  # mês em branco: não soma nada
        mes_rma(d2=1, d3=None, d4=2, d5=None, d8=4),  # campos em branco no mês: só os informados
    ]
    # Numerador: d2 + d3 = (10 + 20) + 1 = 31. Denominador: + d4 + d8 + d5 = 31 + (5 + 2) + (12 + 4) + 3 = 57.
    assert scfv_do_rma(meses, regras()) == ContagemScfv(faixa_0_14=31, total=57)


def test_scfv_do_rma_em_branco_nao_e_zero() -> None:
    assert scfv_do_rma([mes_rma(), mes_rma()], regras()) is None
    assert scfv_do_rma([], regras()) is None
    assert scfv_do_rma([mes_rma(d1=10, d6=3)], regras()) is None  # só campos fora do indicador
    zerado = scfv_do_rma([mes_rma(), mes_rma(d2=0, d3=0, d4=0, d8=0, d5=0)], regras())
    assert zerado == ContagemScfv(faixa_0_14=0, total=0)


def test_scfv_do_rma_usa_os_campos_das_regras() -> None:
    r = regras(indicador_scfv={"campos_rma_numerador": ["d2"], "campos_rma_denominador": ["d2", "d3"]})
    assert scfv_do_rma([mes_rma(d2=3, d3=7, d4=100)], r) == ContagemScfv(faixa_0_14=3, total=10)


def test_em_branco_e_zero_dao_motivos_diferentes_na_classificacao() -> None:
    r = regras()

    def entrada(n: int, scfv_2021: ContagemScfv | None) -> EntradaCras:
        scfv = {2020: ContagemScfv(10, 20)} | ({2021: scfv_2021} if scfv_2021 else {})
        return EntradaCras(
            id_cras=f"2300100000{n}",
            ibge7=A,
            municipio="",
            nome="",
            idcras={2021: Decimal("3.00"), 2020: Decimal("3.00")},
            scfv=scfv,
        )

    em_branco = entrada(1, scfv_do_rma([mes_rma()] * 12, r))
    zerado = entrada(2, scfv_do_rma([mes_rma(d2=0, d3=0, d4=0, d8=0, d5=0)] * 12, r))
    resultado = classificar([em_branco, zerado], r)
    assert [i.motivos for i in resultado.inaptos] == [("sem_scfv_2021",), ("scfv_sem_atendimentos_2021",)]


def test_scfv_do_sisc_soma_as_faixas_do_numerador_sobre_todas() -> None:
    registros = [("0-6", 10), ("7-14", 15), ("15-17", 5), ("18-29", 7), ("60+", 3), ("7-14", 5)]
    # Numerador: 10 + 15 + 5 = 30; total: 10 + 15 + 5 + 7 + 3 + 5 = 45.
    assert scfv_do_sisc(registros, regras()) == ContagemScfv(faixa_0_14=30, total=45)
    so_0_6 = regras(indicador_scfv={"fonte": "sisc", "faixas_sisc_numerador": ["0-6"]})
    assert scfv_do_sisc(registros, so_0_6) == ContagemScfv(faixa_0_14=10, total=45)


def test_scfv_do_sisc_sem_registros_e_none_e_com_zeros_e_zero() -> None:
    assert scfv_do_sisc([], regras()) is None
    assert scfv_do_sisc([("0-6", 0), ("30-59", 0)], regras()) == ContagemScfv(faixa_0_14=0, total=0)


def test_atendimento_sobre_capacidade_so_dos_registros_com_capacidade() -> None:
    registros: list[tuple[int, int | None]] = [(40, 50), (999, None), (30, 50)]
    assert atendimento_sobre_capacidade(registros) == AtendimentoCapacidade(usuarios=70, capacidade=100)
    assert atendimento_sobre_capacidade([(10, None), (20, None)]) is None
    assert atendimento_sobre_capacidade([]) is None
    assert atendimento_sobre_capacidade([(10, 0)]) is None  # capacidade zero não dá percentual
