"""As regras puras do prêmio: um caso feito à mão, os exemplos de premiacao.md e propriedades (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction as F
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from services.premiacao.dominio.classificacao import classificar
from services.premiacao.dominio.entradas import (
    AtendimentoCapacidade,
    ContagemScfv,
    EntradaCras,
    PlanoProvidencias,
    SituacaoPlano,
    plano_ativo_em,
    planos_que_excluem,
    scfv_do_rma,
)
from services.premiacao.dominio.regras import RegrasPremio, regras_2022


def regras(**trocas: Any) -> RegrasPremio:
    return RegrasPremio.model_validate({**regras_2022().model_dump(mode="json"), **trocas})


TRES_PREMIOS = {
    "numero_premios": 3,
    "faixas": [
        {"de": 1, "ate": 1, "valor": "100.00"},
        {"de": 2, "ate": 2, "valor": "50.00"},
        {"de": 3, "ate": 3, "valor": "25.00"},
    ],
    "valor_total": "175.00",
}


def cras(
    n: int,
    ibge7: str,
    idcras: tuple[str, str],
    scfv: tuple[int, int],
    *,
    total: int = 100,
    capacidade: tuple[int, int] | None = None,
    planos: tuple[str, ...] = (),
) -> EntradaCras:
    """idcras e scfv na ordem (t, t−1) = (2021, 2020); scfv em atendimentos de 0–14 sobre `total`."""
    return EntradaCras(
        id_cras=f"{ibge7[:6]}{n:05d}",
        ibge7=ibge7,
        municipio=f"M{ibge7}",
        nome=f"CRAS {n}",
        idcras={2021: Decimal(idcras[0]), 2020: Decimal(idcras[1])},
        scfv={2021: ContagemScfv(scfv[0], total), 2020: ContagemScfv(scfv[1], total)},
        atendimento_capacidade=(
            {2021: AtendimentoCapacidade(capacidade[0], 100), 2020: AtendimentoCapacidade(capacidade[1], 100)}
            if capacidade
            else {}
        ),
        planos_ativos=planos,
    )


A, B, C, D = "2300010", "2300020", "2300030", "2300040"


def test_caso_de_seis_cras_calculado_a_mao():
    # Brutos (IDCRAS t, t−1; SCFV 0–14 % t, t−1). Mínimos e máximos: IDCRAS 1–5 nos dois anos, SCFV 0–100.
    entradas = [
        cras(1, A, ("5", "4"), (50, 40)),  # Z = 1, 3/4, 1/2, 2/5 → soma 53/20 → IC 53/80
        cras(2, A, ("3", "2"), (100, 80)),  # Z = 1/2, 1/4, 1, 4/5 → 51/20 → IC 51/80
        cras(3, B, ("1", "2"), (0, 0)),  # Z = 0, 1/4, 0, 0 → 5/20 → IC 5/80 (mínimo)
        cras(4, B, ("4", "5"), (25, 60)),  # Z = 3/4, 1, 1/4, 3/5 → 52/20 → IC 52/80
        cras(5, C, ("2", "3"), (75, 20)),  # Z = 1/4, 1/2, 3/4, 1/5 → 34/20 → IC 34/80
        cras(6, D, ("4", "1"), (50, 100)),  # Z = 3/4, 0, 1/2, 1 → 45/20 → IC 45/80
    ]
    # IQ = (IC − 5/80) / (48/80): 1, 46/48, 0, 47/48, 29/48, 40/48
    resultado = classificar(entradas, regras(**TRES_PREMIOS))
    por_id = {c.entrada.id_cras[-1]: c for c in resultado.aptos}
    assert por_id["1"].padronizados.idcras_t == 1 and por_id["1"].padronizados.scfv_t_menos_1 == F(2, 5)
    assert [por_id[i].ic for i in "123456"] == [
        F(53, 80),
        F(51, 80),
        F(5, 80),
        F(52, 80),
        F(34, 80),
        F(45, 80),
    ]
    assert [por_id[i].iq for i in "123456"] == [1, F(46, 48), 0, F(47, 48), F(29, 48), F(40, 48)]
    assert [c.entrada.id_cras[-1] for c in resultado.aptos] == list("142653")
    assert [(c.colocacao_premio, c.valor_premio, c.motivo_nao_premiado) for c in resultado.aptos] == [
        (1, Decimal("100.00"), None),
        (2, Decimal("50.00"), None),
        (None, Decimal("0.00"), "municipio_ja_premiado"),  # CRAS 2 perde para o CRAS 1, do mesmo município
        (3, Decimal("25.00"), None),
        (None, Decimal("0.00"), "alem_do_numero_de_premios"),
        (None, Decimal("0.00"), "municipio_ja_premiado"),
    ]
    assert por_id["2"].premiado_do_municipio == por_id["1"].entrada.id_cras
    assert resultado.valor_total_distribuido == Decimal("175.00")
    assert resultado.premio_adicional_para == A
    assert [(f.premiados, f.total) for f in resultado.faixas] == [(1, 100), (1, 50), (1, 25)]


def test_plano_ativo_tira_o_melhor_cras_e_sem_ele_o_cras_volta_ao_primeiro_lugar():
    melhor = cras(1, A, ("5", "5"), (100, 100))
    outros = [cras(2, B, ("3", "2"), (40, 30)), cras(3, C, ("1", "1"), (0, 0))]
    com_plano = classificar(
        [EntradaCras(**{**melhor.__dict__, "planos_ativos": ("PP-1",)}), *outros], regras()
    )
    assert [(i.entrada.id_cras, i.motivos) for i in com_plano.inaptos] == [
        (melhor.id_cras, ("plano_providencias_ativo",))
    ]
    assert classificar([melhor, *outros], regras()).aptos[0].entrada.id_cras == melhor.id_cras


def test_empate_em_iq_decidido_pelo_idcras_4_nos_dois_anos():
    # 4,2/4,1 soma 0,1 a menos de IDCRAS que 4,5/3,9; 2,5 pontos a mais de SCFV compensam: IC igual.
    x = cras(1, A, ("4.2", "4.1"), (105, 100), total=200)
    y = cras(2, B, ("4.5", "3.9"), (100, 100), total=200)
    extremos = [cras(3, C, ("1", "1"), (0, 0)), cras(4, D, ("5", "5"), (100, 100))]
    resultado = classificar([y, x, *extremos], regras())
    linhas = {c.entrada.id_cras: c for c in resultado.aptos}
    assert linhas[x.id_cras].iq == linhas[y.id_cras].iq
    assert (linhas[x.id_cras].posicao, linhas[y.id_cras].posicao) == (2, 3)
    assert linhas[y.id_cras].desempate_decisivo == "idcras_minimo_nos_dois_anos"
    assert not linhas[y.id_cras].empate_nao_resolvido


def test_segundo_desempate_e_empate_nao_resolvido():
    iguais = dict(idcras=("4", "4"), scfv=(50, 50))
    a = cras(1, A, **iguais, capacidade=(60, 70))  # média 65 %
    b = cras(2, B, **iguais, capacidade=(90, 80))  # média 85 %: vence
    c = cras(3, C, **iguais)  # sem capacidade: fica atrás
    d = cras(4, D, **iguais)  # idêntico a c: empate que o decreto não resolve
    extremo = cras(5, "2300050", ("1", "1"), (0, 0))
    resultado = classificar([a, b, c, d, extremo], regras())
    ordem = [linha.entrada.id_cras for linha in resultado.aptos]
    assert ordem[:4] == [b.id_cras, a.id_cras, c.id_cras, d.id_cras]
    decisivos = [linha.desempate_decisivo for linha in resultado.aptos[:4]]
    assert decisivos == [
        None,
        "media_atendimento_sobre_capacidade",
        "media_atendimento_sobre_capacidade",
        "id_cras",
    ]
    assert [linha.empate_nao_resolvido for linha in resultado.aptos[:4]] == [False, False, True, True]
    assert resultado.empates_nao_resolvidos == 2


def test_indicador_constante_vale_o_parametro_e_e_listado():
    entradas = [cras(1, A, ("3", "2"), (50, 10)), cras(2, B, ("3", "4"), (50, 90))]
    resultado = classificar(entradas, regras())
    assert set(resultado.indicadores_constantes) == {"idcras_t", "scfv_t"}
    assert {linha.padronizados.idcras_t for linha in resultado.aptos} == {0}
    meio = classificar(entradas, regras(politicas={"padronizado_quando_indicador_constante": "0.5"}))
    assert {linha.padronizados.scfv_t for linha in meio.aptos} == {F(1, 2)}


def test_falta_de_dados_e_motivo_e_as_politicas_podem_dispensar():
    sem = EntradaCras(
        id_cras="23000100001",
        ibge7=A,
        municipio="",
        nome="",
        idcras={2021: Decimal("3")},
        scfv={2021: ContagemScfv(0, 0)},
    )
    resultado = classificar([sem], regras())
    assert resultado.inaptos[0].motivos == ("sem_idcras_2020", "scfv_sem_atendimentos_2021", "sem_scfv_2020")
    assert resultado.premiados == ()
    dispensado = classificar(
        [sem], regras(politicas={"exige_idcras_nos_dois_anos": False, "exige_scfv_nos_dois_anos": False})
    )
    assert len(dispensado.aptos) == 1 and dispensado.valor_total_distribuido == Decimal("150000.00")


def test_plano_ativo_numa_data_e_plano_sem_unidade():
    t0 = datetime(2022, 6, 1, tzinfo=UTC)
    plano = PlanoProvidencias(
        "P",
        A,
        ("23000100001",),
        (SituacaoPlano("submetido", t0), SituacaoPlano("concluido", t0 + timedelta(days=30))),
    )
    assert not plano_ativo_em(plano, t0 - timedelta(seconds=1))
    assert plano_ativo_em(plano, t0 + timedelta(days=29))
    assert not plano_ativo_em(plano, t0 + timedelta(days=30))
    municipal = PlanoProvidencias("M", A, (), (SituacaoPlano("em_execucao", t0),))
    momento = t0 + timedelta(days=1)
    args = {"id_cras": "23000100002", "ibge7": A, "planos": [plano, municipal], "momento": momento}
    assert planos_que_excluem(**args, regras=regras()) == ()
    politica = regras(politicas={"plano_sem_unidade_exclui_cras_do_municipio": True})
    assert planos_que_excluem(**args, regras=politica) == ("M",)


def test_scfv_do_rma_vazio_nao_e_zero():
    assert scfv_do_rma([{"d2": None, "d3": None, "d4": None, "d8": None, "d5": None}], regras()) is None
    meses = [{"d2": 1, "d3": 2, "d4": 3, "d8": 4, "d5": 5, "d1": 99}, {"d2": None, "d3": 10}]
    assert scfv_do_rma(meses, regras()) == ContagemScfv(faixa_0_14=13, total=25)


def test_regras_invalidas_dizem_o_que_esta_errado():
    assert regras_2022().problemas() == []
    ruins = regras(
        ano_t_menos_1=2019,
        pesos={"w1": "0.5", "w2": "0.25", "w3": "0.25", "w4": "0.25"},
        faixas=[{"de": 1, "ate": 5, "valor": "1.00"}, {"de": 4, "ate": 30, "valor": "1.00"}],
        desempate=["idcras_minimo_nos_dois_anos", "idcras_minimo_nos_dois_anos"],
        indicador_scfv={"campos_rma_numerador": ["d9"]},
    ).problemas()
    texto = " | ".join(ruins)
    for trecho in (
        "ano_t − 1",
        "somam 1.25",
        "se sobrepõe",
        "total declarado",
        "mais de uma vez",
        "d9 não existe",
    ):
        assert trecho in texto, (trecho, texto)


# Propriedades --------------------------------------------------------------------------------------

MUNICIPIOS = [f"23{i:04d}0" for i in range(1, 41)]


@st.composite
def universo(desenhar: st.DrawFn) -> list[EntradaCras]:
    quantos = desenhar(st.integers(1, 45))
    entradas = []
    for n in range(quantos):
        ibge7 = desenhar(st.sampled_from(MUNICIPIOS))
        idcras = {
            ano: Decimal(desenhar(st.integers(100, 500))) / 100
            for ano in (2020, 2021)
            if desenhar(st.integers(0, 19))  # às vezes falta
        }
        scfv = {}
        for ano in (2020, 2021):
            total = desenhar(st.integers(0, 50))
            scfv[ano] = ContagemScfv(desenhar(st.integers(0, total)), total)
        entradas.append(
            EntradaCras(
                id_cras=f"{ibge7[:6]}{n:05d}",
                ibge7=ibge7,
                municipio="",
                nome="",
                idcras=idcras,
                scfv=scfv,
                planos_ativos=("P",) if desenhar(st.integers(0, 14)) == 0 else (),
            )
        )
    return entradas


def projecao(resultado):
    return (
        [
            (c.entrada.id_cras, c.posicao, c.iq, c.colocacao_premio, c.motivo_nao_premiado)
            for c in resultado.aptos
        ],
        [(i.entrada.id_cras, i.motivos) for i in resultado.inaptos],
    )


@settings(max_examples=50, deadline=None)
@given(universo(), st.randoms(use_true_random=False), st.sampled_from(["1", "100"]))
def test_propriedades_da_classificacao(entradas, aleatorio, escala):
    r = regras(escala=escala)
    resultado = classificar(entradas, r)
    premiados = resultado.premiados
    assert len({p.entrada.ibge7 for p in premiados}) == len(premiados)
    municipios_aptos = {c.entrada.ibge7 for c in resultado.aptos}
    assert len(premiados) == min(30, len(municipios_aptos))
    assert [p.colocacao_premio for p in premiados] == list(range(1, len(premiados) + 1))
    assert sum(p.valor_premio for p in premiados) == resultado.valor_total_distribuido
    assert sum(f.total for f in resultado.faixas) == resultado.valor_total_distribuido
    if len(municipios_aptos) >= 30:
        assert resultado.valor_total_distribuido == Decimal("2000000.00")
    assert all(0 <= c.iq <= F(escala) for c in resultado.aptos)
    assert [c.posicao for c in resultado.aptos] == list(range(1, len(resultado.aptos) + 1))
    ids = [c.entrada.id_cras for c in resultado.aptos] + [i.entrada.id_cras for i in resultado.inaptos]
    assert sorted(ids) == sorted(e.id_cras for e in entradas)
    embaralhadas = list(entradas)
    aleatorio.shuffle(embaralhadas)
    assert projecao(classificar(embaralhadas, r)) == projecao(resultado)


@settings(max_examples=50, deadline=None)
@given(universo(), st.data())
def test_cras_novo_dentro_dos_extremos_e_abaixo_do_ultimo_premiado_nao_muda_os_premiados(entradas, dados):
    r = regras(**TRES_PREMIOS)
    resultado = classificar(entradas, r)
    if len(resultado.premiados) < r.numero_premios:  # com prêmio sobrando, o novo pode levá-lo: é a regra
        return
    ultimo = resultado.premiados[-1]
    base = min(
        resultado.aptos, key=lambda c: c.ic
    )  # o de menor IC: um CRAS igual a ele está dentro dos extremos
    if base.ic >= ultimo.ic:
        return
    novo = EntradaCras(
        id_cras="99999999999",
        ibge7=dados.draw(st.sampled_from(MUNICIPIOS)),
        municipio="",
        nome="",
        idcras=dict(base.entrada.idcras),
        scfv=dict(base.entrada.scfv),
    )
    depois = classificar([*entradas, novo], r)
    assert [(p.entrada.id_cras, p.colocacao_premio) for p in depois.premiados] == [
        (p.entrada.id_cras, p.colocacao_premio) for p in resultado.premiados
    ]
