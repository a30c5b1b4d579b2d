"""Regras puras do acompanhamento: a tabela do ciclo de vida, as precondições, o atraso e os alertas."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.monitoramento.dominio import ciclo
from services.monitoramento.dominio.alertas import (
    RegrasAlerta,
    alertas_equipe,
    alertas_funcionamento,
    alertas_idcras,
)
from services.monitoramento.dominio.ciclo import (
    TRANSICOES_APOIO,
    TRANSICOES_PLANO,
    AcaoParaConferir,
    Ator,
    DificuldadeParaConferir,
)

# A portaria, escrita à mão: de onde parte cada transição, aonde chega e quem a faz.
ESPERADO_PLANO = {
    "submeter": ({"rascunho", "devolvido"}, "submetido", {Ator.municipio}),
    "aprovar_cmas": ({"submetido"}, "aprovado_cmas", {Ator.cmas}),
    "devolver_cmas": ({"submetido"}, "devolvido", {Ator.cmas}),
    "pactuar_cib": ({"aprovado_cmas"}, "pactuado_cib", {Ator.cib}),
    "devolver_cib": ({"aprovado_cmas"}, "devolvido", {Ator.cib}),
    "iniciar_execucao": ({"pactuado_cib"}, "em_execucao", {Ator.municipio, Ator.sps}),
    "concluir": ({"em_execucao"}, "concluido", {Ator.sps}),
    "cancelar": (
        {"rascunho", "submetido", "devolvido", "aprovado_cmas", "pactuado_cib", "em_execucao"},
        "cancelado",
        {Ator.sps},
    ),
}
ESPERADO_APOIO = {
    "pactuar_cib": ({"elaborado"}, "pactuado_cib", {Ator.cib}),
    "iniciar_execucao": ({"pactuado_cib"}, "em_execucao", {Ator.sps}),
    "concluir": ({"em_execucao"}, "concluido", {Ator.sps}),
}


@pytest.mark.parametrize(
    ("tabela", "esperado"), [(TRANSICOES_PLANO, ESPERADO_PLANO), (TRANSICOES_APOIO, ESPERADO_APOIO)]
)
def test_tabela_do_ciclo_e_a_da_portaria(tabela, esperado):
    assert {n: (set(t.de), t.para, set(t.atores)) for n, t in tabela.items()} == esperado


def test_situacoes_finais_nao_tem_saida_e_toda_outra_tem():
    for situacao in ciclo.SituacaoPlano:
        saidas = ciclo.possiveis(TRANSICOES_PLANO, situacao)
        assert (saidas == []) == (situacao in ciclo.SITUACOES_FINAIS), situacao
        assert ciclo.ativo(situacao) == (situacao not in {"concluido", "cancelado"})
    assert ciclo.possiveis(TRANSICOES_PLANO, "submetido") == ["aprovar_cmas", "devolver_cmas", "cancelar"]


def test_motivo_e_deliberacao_sao_exigidos_onde_a_portaria_pede():
    assert {n for n, t in TRANSICOES_PLANO.items() if t.exige_nota} == {
        "devolver_cmas",
        "devolver_cib",
        "cancelar",
    }
    assert {n for n, t in TRANSICOES_PLANO.items() if t.exige_deliberacao} == {"aprovar_cmas", "pactuar_cib"}


def acao(situacao="pendente", responsavel="Secretaria", prazo=date(2027, 1, 1), descricao="Ação"):
    return AcaoParaConferir("Dif", descricao, responsavel, prazo, situacao)


def test_problemas_para_submeter():
    assert ciclo.problemas_para_submeter([]) == ["o plano não tem nenhuma dificuldade identificada"]
    assert ciclo.problemas_para_submeter([DificuldadeParaConferir("Dif", [acao()])]) == []
    problemas = ciclo.problemas_para_submeter(
        [
            DificuldadeParaConferir("Dif", [acao(responsavel=None, prazo=None, descricao="X")]),
            DificuldadeParaConferir("Vazia", []),
        ]
    )
    assert problemas == [
        "a ação 'X' (dificuldade 'Dif') não tem responsável",
        "a ação 'X' (dificuldade 'Dif') não tem prazo",
        "a dificuldade 'Vazia' não tem nenhuma ação para superá-la",
    ]


@given(st.lists(st.sampled_from(["pendente", "em_andamento", "executada"]), max_size=8))
def test_conclui_se_e_somente_se_todas_executadas(situacoes):
    problemas = ciclo.problemas_para_concluir([acao(s) for s in situacoes])
    assert len(problemas) == sum(s != "executada" for s in situacoes)


@given(
    st.sampled_from(["pendente", "em_andamento", "executada"]),
    st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1))),
    st.dates(date(2020, 1, 1), date(2030, 1, 1)),
)
def test_atrasada_e_prazo_vencido_sem_execucao(situacao, prazo, hoje):
    esperado = prazo is not None and prazo < hoje and situacao != "executada"
    assert ciclo.atrasada(situacao=situacao, prazo=prazo, hoje=hoje) is esperado


def test_acao_so_anda_para_frente_um_passo():
    p = ciclo.PROXIMA_SITUACAO_ACAO
    assert p[ciclo.SituacaoAcao.pendente] == {"em_andamento"}
    assert p[ciclo.SituacaoAcao.em_andamento] == {"executada"}
    assert p[ciclo.SituacaoAcao.executada] == set()


@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
def test_alerta_de_idcras_por_dimensao_no_limite_ou_abaixo(limite, ef, rh, sv):
    regras = RegrasAlerta(idcras_nivel_maximo=limite)
    niveis = {"estrutura_fisica": ef, "recursos_humanos": rh, "servicos": sv}
    achados = alertas_idcras(regras, id_cras="23044000001", ibge7="2304400", ano=2025, niveis=niveis)
    assert {a.regra for a in achados} == {f"idcras_{d}" for d, n in niveis.items() if n <= limite}
    assert all(a.evidencia["limite"] == limite for a in achados)
    assert (
        alertas_idcras(RegrasAlerta(idcras_ativo=False), id_cras="1", ibge7="2", ano=1, niveis=niveis) == []
    )


def test_alertas_de_equipe_e_funcionamento():
    regras = RegrasAlerta(equipe_minimo_assistentes_sociais=2)
    kw = {"id_cras": "23044000001", "ibge7": "2304400", "ano": 2025}
    assert [a.regra for a in alertas_equipe(regras, **kw, assistentes_sociais=1)] == [
        "cras_sem_assistente_social"
    ]
    assert alertas_equipe(regras, **kw, assistentes_sociais=2) == []
    assert "mínimo configurado é 2" in alertas_equipe(regras, **kw, assistentes_sociais=0)[0].descricao
    kw2 = {"id_unidade": "23044000001", "ibge7": "2304400", "ano": 2025}
    assert alertas_funcionamento(regras, **kw2, dias_semana=5, horas_dia=8) == []
    assert (
        alertas_funcionamento(regras, **kw2, dias_semana=None, horas_dia=None) == []
    )  # não informado ≠ fechado
    assert len(alertas_funcionamento(regras, **kw2, dias_semana=0, horas_dia=8)) == 1
    assert len(alertas_funcionamento(regras, **kw2, dias_semana=5, horas_dia=0)) == 1
    assert (
        alertas_funcionamento(RegrasAlerta(funcionamento_ativo=False), **kw2, dias_semana=0, horas_dia=0)
        == []
    )
