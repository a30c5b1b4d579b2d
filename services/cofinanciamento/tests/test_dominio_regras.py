"""O conjunto de regras do cofinanciamento: 2022 como o decreto o fixa, cada problema detectado, premissas listadas."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from services.cofinanciamento.dominio.regras import (
    BLOCO_DO_COMPONENTE,
    CATALOGO,
    Bloco,
    Componente,
    Indicador,
    Porte,
    RegrasCofinanciamento,
    percentual_br,
    premissas_em_vigor,
    reais_br,
    regras_2022,
)
from services.cofinanciamento.tests.test_dominio_calculo import mesclar, regras_com

# Regras de 2022 -------------------------------------------------------------------------------------


def test_regras_de_2022_sao_validas_e_trazem_os_valores_do_decreto() -> None:
    r = regras_2022()
    assert r.problemas() == []
    assert r.exercicio == 2022
    assert "34.262/2021" in r.base_legal
    assert r.porte.base_populacional == "censo_2022"
    p = r.porte
    assert (p.pequeno_i_ate, p.pequeno_ii_ate, p.medio_ate, p.grande_ate) == (
        20_000,
        50_000,
        100_000,
        900_000,
    )
    assert "PNAS 2004" in p.fonte_limites
    assert r.referenciamento.modo == "porte_municipio"
    assert [r.referenciamento.familias_por_porte.de(x) for x in Porte] == [2500, 3500, 5000, 5000, 5000]
    assert (r.piso_basico_fixo.valor_federal_por_familia, r.piso_basico_fixo.percentual_estadual) == (
        Decimal("2.40"),
        Decimal("0.50"),
    )
    assert "116/2013" in r.piso_basico_fixo.fonte_valor_federal
    assert "Art. 12" in r.piso_basico_fixo.fonte_percentual
    # Sem padrão no decreto: o valor por família do piso básico variável fica vazio (Art. 13).
    assert r.piso_basico_variavel.valor_por_familia is None
    media = r.piso_fixo_media_complexidade
    assert (media.base_pfmc, media.valor_federal_por_unidade.creas, media.percentual_estadual) == (
        "unidade",
        Decimal("6500.00"),
        Decimal("0.50"),
    )
    assert media.valor_federal_por_familia is None and media.familias_por_porte is None
    alta = r.piso_alta_complexidade
    assert (alta.valor_federal_por_vaga, alta.percentual_estadual, alta.capacidade_minima) == (
        Decimal("500.00"),
        Decimal("0.50"),
        10,
    )
    assert all(r.coberturas.de(c).orcamento_mensal is None for c in Componente)  # LOA não informada
    assert [r.coberturas.de(c).sem_orcamento for c in Componente] == [
        "sem_limite",
        "sem_limite",
        "parametro_ausente",
        "parametro_ausente",
    ]
    assert (r.sancoes.limiar_parcelas_acumuladas, r.sancoes.prazo_plano_providencias_dias) == (10, None)
    assert r.parcelas.meses_de_repasse == 12
    assert (
        RegrasCofinanciamento.model_validate(r.model_dump(mode="json")) == r
    )  # ida e volta pelo JSON da API


def test_selecoes_de_2022_seguem_os_arts_11_15_e_17() -> None:
    s = regras_2022().selecoes
    alta = s["alta_complexidade"]
    assert [c.indicador for c in alta.condicoes] == [
        "acolhimento_adequado",
        "cmdca_e_conselho_tutelar_em_funcionamento",
        "conselhos_idoso_mulher_pcd_em_funcionamento_ou_compromisso",
    ]
    assert [c.indicador for c in alta.ordem] == ["ruptura_vinculos"]
    assert [(c.indicador, c.sentido) for c in alta.desempates] == [
        ("ruptura_vinculos_criancas", "maior_primeiro"),
        ("ivmc", "maior_primeiro"),
    ]
    art_11 = s["art_11"]
    assert [(c.indicador, c.minimo) for c in art_11.condicoes] == [
        ("demanda_familias", Decimal(50)),
        ("cmdca_e_conselho_tutelar_em_funcionamento", Decimal(1)),
        ("conselhos_idoso_mulher_pcd_implantados_ou_compromisso", Decimal(1)),
    ]
    assert [c.indicador for c in art_11.desempates] == ["cemaris", "creas_em_funcionamento", "ivmc"]
    assert [c.indicador for c in s["media_complexidade"].ordem] == ["ivmc"]
    assert "[PREMISSA]" in s["media_complexidade"].ordem[0].fonte


def test_blocos_dos_componentes() -> None:
    assert dict(BLOCO_DO_COMPONENTE) == {
        Componente.piso_basico_fixo: Bloco.protecao_social_basica,
        Componente.piso_basico_variavel: Bloco.beneficios_eventuais,
        Componente.piso_fixo_media_complexidade: Bloco.protecao_social_especial,
        Componente.piso_alta_complexidade: Bloco.protecao_social_especial,
    }
    assert set(CATALOGO) == set(Indicador)


# Cada problema com a sua mensagem --------------------------------------------------------------------

CHAVE = {"indicador": "ivmc", "fonte": "teste"}


@pytest.mark.parametrize(
    ("trocas", "mensagens"),
    [
        pytest.param(
            {"porte": {"pequeno_ii_ate": 20_000}},
            [
                "os limites de porte devem crescer: Pequeno I até 20000, Pequeno II até 20000, "
                "Médio até 100000, Grande até 900000"
            ],
            id="limites-de-porte",
        ),
        pytest.param(
            {"porte": {"grande_ate": 90_000}},
            [
                "os limites de porte devem crescer: Pequeno I até 20000, Pequeno II até 50000, "
                "Médio até 100000, Grande até 90000"
            ],
            id="limite-grande-abaixo-do-medio",
        ),
        pytest.param(
            {"indicadores_adicionais": [{"nome": "nova", "descricao": "x", "fonte": "CIB"}] * 2},
            ["o indicador adicional 'nova' aparece mais de uma vez"],
            id="adicional-repetido",
        ),
        pytest.param(
            {"indicadores_adicionais": [{"nome": "ivmc", "descricao": "x", "fonte": "CIB"}]},
            ["o indicador adicional 'ivmc' já está no catálogo"],
            id="adicional-no-catalogo",
        ),
        pytest.param(
            {"selecoes": {"Nova-Selecao": {"descricao": "x", "fonte": "CIB"}}},
            ["nome de seleção inválido: 'Nova-Selecao' (use a-z, 0-9 e _)"],
            id="nome-de-selecao",
        ),
        pytest.param(
            {
                "selecoes": {
                    "art_11": {"condicoes": [{"indicador": "inexistente", "minimo": "1", "fonte": "x"}]}
                }
            },
            [
                "seleção 'art_11': o indicador 'inexistente' não está no catálogo nem nos indicadores adicionais"
            ],
            id="indicador-desconhecido",
        ),
        pytest.param(
            {"selecoes": {"media_complexidade": {"desempates": [CHAVE]}}},
            [
                "seleção 'media_complexidade': o indicador 'ivmc' aparece mais de uma vez na ordem e nos desempates"
            ],
            id="chave-repetida",
        ),
        pytest.param(
            {"coberturas": {"piso_basico_fixo": {"selecao": "nao_existe"}}},
            [
                "cobertura de piso_basico_fixo: a seleção 'nao_existe' não existe "
                "(há: alta_complexidade, art_11, media_complexidade)"
            ],
            id="selecao-da-cobertura",
        ),
        pytest.param(
            {"coberturas": {"piso_fixo_media_complexidade": {"primeira_unidade_por_municipio": False}}},
            [
                "cobertura de piso_fixo_media_complexidade: a 1ª unidade de cada município vem antes de "
                "qualquer 2ª (Art. 15, parágrafo único)"
            ],
            id="media-sem-primeira-unidade",
        ),
        pytest.param(
            {"coberturas": {"piso_alta_complexidade": {"primeira_unidade_por_municipio": False}}},
            [
                "cobertura de piso_alta_complexidade: a 1ª unidade de cada município vem antes de "
                "qualquer 2ª (Art. 16, parágrafo único)"
            ],
            id="alta-sem-primeira-unidade",
        ),
    ],
)
def test_cada_problema_das_regras_e_detectado(trocas: dict[str, Any], mensagens: list[str]) -> None:
    assert regras_com(trocas).problemas() == mensagens


def test_todos_os_problemas_de_uma_vez() -> None:
    r = regras_com(
        {
            "porte": {"medio_ate": 40_000},
            "coberturas": {
                "piso_basico_variavel": {"selecao": "x"},
                "piso_alta_complexidade": {"primeira_unidade_por_municipio": False},
            },
            "selecoes": {"alta_complexidade": {"ordem": [CHAVE]}},  # ivmc na ordem e nos desempates
        }
    )
    assert len(r.problemas()) == 4


def test_indicador_adicional_declarado_resolve_o_indicador_desconhecido() -> None:
    condicao = {"indicador": "taxa_nova", "minimo": "1", "fonte": "CIB"}
    sem = regras_com({"selecoes": {"art_11": {"condicoes": [condicao]}}})
    assert sem.problemas() != []
    adicional = {"nome": "taxa_nova", "descricao": "x", "fonte": "Resolução CIB"}
    assert (
        regras_com(mesclar(sem.model_dump(mode="json"), {"indicadores_adicionais": [adicional]})).problemas()
        == []
    )


@pytest.mark.parametrize(
    "trocas",
    [
        pytest.param({"piso_basico_fixo": {"valor_federal_por_familia": 2.4}}, id="float-em-dinheiro"),
        pytest.param({"piso_basico_fixo": {"percentual_estadual": 0.5}}, id="float-em-percentual"),
        pytest.param({"piso_basico_fixo": {"percentual_estadual": "1.5"}}, id="percentual-acima-de-100"),
        pytest.param({"piso_basico_variavel": {"valor_por_familia": "-1"}}, id="valor-negativo"),
        pytest.param(
            {"coberturas": {"piso_basico_fixo": {"orcamento_mensal": "10.001"}}}, id="fracao-de-centavo"
        ),
        pytest.param({"piso_alta_complexidade": {"capacidade_minima": 0}}, id="capacidade-minima-zero"),
        pytest.param({"sancoes": {"limiar_parcelas_acumuladas": 0}}, id="limiar-zero"),
        pytest.param({"parcelas": {"meses_de_repasse": 13}}, id="meses-13"),
        pytest.param({"referenciamento": {"modo": "outro"}}, id="modo-desconhecido"),
        pytest.param({"campo_novo": 1}, id="campo-desconhecido"),
        pytest.param(
            {"selecoes": {"art_11": {"ordem": [{"indicador": "IVMC", "fonte": "x"}]}}}, id="nome-invalido"
        ),
    ],
)
def test_valores_invalidos_sao_recusados_na_validacao(trocas: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        regras_com(trocas)


def test_regras_sao_imutaveis() -> None:
    r = regras_2022()
    with pytest.raises(ValidationError):
        r.exercicio = 2023  # type: ignore[misc]


# Premissas -------------------------------------------------------------------------------------------

PREMISSAS = [
    "base_populacional",
    "referenciamento",
    "pfmc_valor_federal",
    "base_pfmc",
    "pac_valor_federal",
    "pac_percentual_estadual",
    "criterios_alta_complexidade",
    "prioridade_media_complexidade",
    "orcamento_por_componente",
    "cobertura_sem_saltos",
    "ordem_das_unidades_no_municipio",
    "indicador_ausente",
    "conselhos",
    "desempate_final",
    "municipio_suspenso",
    "expansao_alta_complexidade",
    "arredondamento",
    "sancao_por_bloco",
    "prazo_plano_providencias",
    "fim_da_suspensao",
    "parcelas_plano_acao",
    "meses_de_repasse",
]


def test_premissas_listadas_com_o_valor_em_vigor() -> None:
    premissas = {p.codigo: p for p in premissas_em_vigor(regras_2022())}
    assert list(premissas) == PREMISSAS
    assert premissas["pfmc_valor_federal"].valor == "CREAS R$ 6.500,00; Centro Pop R$ 6.500,00"
    assert premissas["base_pfmc"].valor == "unidade"
    assert premissas["pac_valor_federal"].valor == "R$ 500,00"
    assert premissas["pac_percentual_estadual"].valor == "50%"
    assert premissas["referenciamento"].valor == "porte_municipio"
    assert premissas["base_populacional"].valor == "censo_2022"
    assert premissas["criterios_alta_complexidade"].valor.startswith(
        "alta_complexidade: condições acolhimento_adequado ≥ 1; cmdca_e_conselho_tutelar_em_funcionamento ≥ 1"
    )
    assert premissas["orcamento_por_componente"].valor == (
        "piso_basico_fixo: não informado → sem_limite; piso_basico_variavel: não informado → sem_limite; "
        "piso_fixo_media_complexidade: não informado → parametro_ausente; "
        "piso_alta_complexidade: não informado → parametro_ausente"
    )
    assert premissas["expansao_alta_complexidade"].valor == "não"
    assert premissas["prazo_plano_providencias"].valor == "fixado caso a caso"
    assert premissas["municipio_suspenso"].valor == "piso_fixo_media_complexidade, piso_alta_complexidade"
    assert premissas["sancao_por_bloco"].ambito == ("saldos",)
    assert all(p.descricao and p.valor and p.ambito for p in premissas.values())


def test_premissas_acompanham_os_parametros() -> None:
    familias = {"pequeno_i": 50, "pequeno_ii": 50, "medio": 80, "grande": 80, "metropole": 80, "fonte": "x"}
    r = regras_com(
        {
            "referenciamento": {"modo": "capacidade_declarada"},
            "piso_fixo_media_complexidade": {
                "base_pfmc": "familia",
                "valor_federal_por_familia": "130.00",
                "familias_por_porte": familias,
            },
            "piso_alta_complexidade": {"percentual_estadual": "0.475"},
            "coberturas": {"piso_fixo_media_complexidade": {"orcamento_mensal": "1234.56"}},
            "expansao_alta_exige_media_completa": True,
            "sancoes": {"prazo_plano_providencias_dias": 90, "suspensao_termina_com_plano_concluido": False},
            "arredondamento": "meio_para_cima",
        }
    )
    premissas = {p.codigo: p.valor for p in premissas_em_vigor(r)}
    assert premissas["referenciamento"] == "capacidade_declarada"
    assert premissas["base_pfmc"] == (
        "familia: R$ 130,00; famílias por porte: Pequeno I 50, Pequeno II 50, Médio 80, Grande 80, Metrópole 80"
    )
    assert premissas["pac_percentual_estadual"] == "47,5%"
    assert "piso_fixo_media_complexidade: R$ 1.234,56" in premissas["orcamento_por_componente"]
    assert premissas["expansao_alta_complexidade"] == "sim"
    assert premissas["prazo_plano_providencias"] == "90 dias"
    assert premissas["fim_da_suspensao"] == "não"
    assert premissas["arredondamento"] == "meio para cima"


@pytest.mark.parametrize(
    ("valor", "texto"),
    [("0.5", "50%"), ("0.475", "47,5%"), ("1", "100%"), ("0", "0%"), ("0.0001", "0,01%")],
)
def test_percentual_br(valor: str, texto: str) -> None:
    assert percentual_br(Decimal(valor)) == texto


@pytest.mark.parametrize(
    ("valor", "texto"),
    [("2.40", "R$ 2,40"), ("500", "R$ 500,00"), ("0.3350", "R$ 0,335"), ("6500.00", "R$ 6.500,00")],
)
def test_reais_br(valor: str, texto: str) -> None:
    assert reais_br(Decimal(valor)) == texto
