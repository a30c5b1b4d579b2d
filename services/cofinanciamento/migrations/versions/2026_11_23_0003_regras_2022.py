"""Regras do exercício 2022 do cofinanciamento como o Decreto nº 34.262/2021 e os atos da SPS as dão (semente, congelada nesta data).

Revisão: 2026_11_23_0003
Anterior: 2026_11_23_0002
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "2026_11_23_0003"
down_revision = "2026_11_23_0002"
branch_labels = None
depends_on = None

REGRAS_2022 = {
    "exercicio": 2022,
    "base_legal": "Lei nº 17.607/2021; Decreto nº 34.262/2021 (DOE-CE 27/09/2021), Arts. 11 a 27; ato da SPS, "
    "DOE-CE 17/10/2023, p. 116, Arts. 10 a 13; Portaria SPS nº 352/2023",
    "porte": {
        "base_populacional": "censo_2022",
        "fonte_base_populacional": "[PREMISSA] IBGE, Censo Demográfico 2022 (a base é parâmetro do "
        "exercício)",
        "pequeno_i_ate": 20000,
        "pequeno_ii_ate": 50000,
        "medio_ate": 100000,
        "grande_ate": 900000,
        "fonte_limites": "PNAS 2004 (Resolução CNAS nº 145/2004): porte populacional dos municípios",
    },
    "referenciamento": {
        "modo": "porte_municipio",
        "familias_por_porte": {
            "pequeno_i": 2500,
            "pequeno_ii": 3500,
            "medio": 5000,
            "grande": 5000,
            "metropole": 5000,
            "fonte": "Portaria MDS nº 116/2013: famílias referenciadas por "
            "CRAS conforme o porte (2.500, 3.500 e 5.000)",
        },
    },
    "piso_basico_fixo": {
        "valor_federal_por_familia": "2.40",
        "fonte_valor_federal": "Portaria MDS nº 116/2013: piso básico fixo federal de R$ 2,40 "
        "por família referenciada/mês",
        "percentual_estadual": "0.50",
        "fonte_percentual": "Decreto nº 34.262/2021, Art. 12",
    },
    "piso_basico_variavel": {
        "valor_por_familia": None,
        "fonte_valor": "a fixar pela SPS por pesquisa direta de custos e gastos municipais "
        "(Decreto nº 34.262/2021, Art. 13)",
        "fonte_regra": "Decreto nº 34.262/2021, Arts. 13 e 21",
    },
    "piso_fixo_media_complexidade": {
        "base_pfmc": "unidade",
        "valor_federal_por_unidade": {"creas": "6500.00", "centro_pop": "6500.00"},
        "fonte_valor_federal": "[PREMISSA] Portaria MDS nº 843/2010 e alterações: "
        "PFMC federal de R$ 6.500,00 por unidade/mês (valor "
        "não confirmado; Centro Pop com o mesmo valor do "
        "CREAS)",
        "valor_federal_por_familia": None,
        "familias_por_porte": None,
        "fonte_base_familia": "Decreto nº 34.262/2021, Art. 14 ('por família "
        "referenciada'): valor e famílias a fixar",
        "percentual_estadual": "0.50",
        "fonte_percentual": "Decreto nº 34.262/2021, Art. 14",
    },
    "piso_alta_complexidade": {
        "valor_federal_por_vaga": "500.00",
        "fonte_valor_federal": "[PREMISSA] PAC I federal: R$ 5.000,00 por 10 vagas (R$ 500,00 por vaga/mês)",
        "percentual_estadual": "0.50",
        "fonte_percentual": "[PREMISSA] 50%, como nos Arts. 12 e 14",
        "capacidade_minima": 10,
        "fonte_capacidade_minima": "Decreto nº 34.262/2021, Art. 17",
    },
    "coberturas": {
        "piso_basico_fixo": {
            "orcamento_mensal": None,
            "fonte_orcamento": "Lei Orçamentária Anual de 2022 (dotação do FEAS) — não informada",
            "sem_orcamento": "sem_limite",
            "selecao": None,
            "primeira_unidade_por_municipio": False,
            "excluir_municipios_suspensos": False,
            "fonte": "Decreto nº 34.262/2021, Art. 12 (sem condição orçamentária no texto)",
        },
        "piso_basico_variavel": {
            "orcamento_mensal": None,
            "fonte_orcamento": "Lei Orçamentária Anual de 2022 (dotação do FEAS) — não informada",
            "sem_orcamento": "sem_limite",
            "selecao": None,
            "primeira_unidade_por_municipio": False,
            "excluir_municipios_suspensos": False,
            "fonte": "Decreto nº 34.262/2021, Art. 13 (sem condição orçamentária no texto)",
        },
        "piso_fixo_media_complexidade": {
            "orcamento_mensal": None,
            "fonte_orcamento": "Lei Orçamentária Anual de 2022 (dotação do FEAS) — não informada",
            "sem_orcamento": "parametro_ausente",
            "selecao": "media_complexidade",
            "primeira_unidade_por_municipio": True,
            "excluir_municipios_suspensos": True,
            "fonte": "Decreto nº 34.262/2021, Art. 15 ('conforme a "
            "disponibilidade orçamentária e financeira'); ato "
            "da SPS, DOE-CE 17/10/2023, p. 116, Art. 13, II",
        },
        "piso_alta_complexidade": {
            "orcamento_mensal": None,
            "fonte_orcamento": "Lei Orçamentária Anual de 2022 (dotação do FEAS) — não informada",
            "sem_orcamento": "parametro_ausente",
            "selecao": "alta_complexidade",
            "primeira_unidade_por_municipio": True,
            "excluir_municipios_suspensos": True,
            "fonte": "Decreto nº 34.262/2021, Arts. 16–17 ('conforme a "
            "disponibilidade orçamentária e financeira'); ato da "
            "SPS, DOE-CE 17/10/2023, p. 116, Art. 13, II",
        },
    },
    "selecoes": {
        "media_complexidade": {
            "descricao": "Municípios que ofertam CREAS ou Centro Pop; o Art. 15 não "
            "fixa ordem de prioridade [PREMISSA: IVMC maior primeiro]",
            "condicoes": [],
            "ordem": [
                {
                    "indicador": "ivmc",
                    "sentido": "maior_primeiro",
                    "fonte": "[PREMISSA] o Art. 15 não fixa critério; IVMC é o "
                    "desempate comum dos Arts. 11 e 17",
                }
            ],
            "desempates": [],
            "fonte": "Decreto nº 34.262/2021, Art. 15",
        },
        "alta_complexidade": {
            "descricao": "Municípios com unidade de acolhimento (Art. 17) [PREMISSA: "
            "II–IV condições, I ordena]",
            "condicoes": [
                {
                    "indicador": "acolhimento_adequado",
                    "minimo": "1",
                    "fonte": "Decreto nº 34.262/2021, Art. 17, II",
                },
                {
                    "indicador": "cmdca_e_conselho_tutelar_em_funcionamento",
                    "minimo": "1",
                    "fonte": "Decreto nº 34.262/2021, Art. 17, III",
                },
                {
                    "indicador": "conselhos_idoso_mulher_pcd_em_funcionamento_ou_compromisso",
                    "minimo": "1",
                    "fonte": "Decreto nº 34.262/2021, Art. 17, IV",
                },
            ],
            "ordem": [
                {
                    "indicador": "ruptura_vinculos",
                    "sentido": "maior_primeiro",
                    "fonte": "Decreto nº 34.262/2021, Art. 17, I",
                }
            ],
            "desempates": [
                {
                    "indicador": "ruptura_vinculos_criancas",
                    "sentido": "maior_primeiro",
                    "fonte": "Decreto nº 34.262/2021, Art. 17, parágrafo único, I",
                },
                {
                    "indicador": "ivmc",
                    "sentido": "maior_primeiro",
                    "fonte": "Decreto nº 34.262/2021, Art. 17, parágrafo único, II",
                },
            ],
            "fonte": "Decreto nº 34.262/2021, Arts. 16–17",
        },
        "art_11": {
            "descricao": "Seleção do Art. 11 (o nome do serviço e os incisos I–II estão na "
            "página perdida): demanda mínima, conselhos e desempates",
            "condicoes": [
                {
                    "indicador": "demanda_familias",
                    "minimo": "50",
                    "fonte": "Decreto nº 34.262/2021, Art. 11, III",
                },
                {
                    "indicador": "cmdca_e_conselho_tutelar_em_funcionamento",
                    "minimo": "1",
                    "fonte": "Decreto nº 34.262/2021, Art. 11, IV",
                },
                {
                    "indicador": "conselhos_idoso_mulher_pcd_implantados_ou_compromisso",
                    "minimo": "1",
                    "fonte": "Decreto nº 34.262/2021, Art. 11, V",
                },
            ],
            "ordem": [],
            "desempates": [
                {
                    "indicador": "cemaris",
                    "sentido": "maior_primeiro",
                    "fonte": "Decreto nº 34.262/2021, Art. 11, parágrafo único, I",
                },
                {
                    "indicador": "creas_em_funcionamento",
                    "sentido": "maior_primeiro",
                    "fonte": "Decreto nº 34.262/2021, Art. 11, parágrafo único, II",
                },
                {
                    "indicador": "ivmc",
                    "sentido": "maior_primeiro",
                    "fonte": "Decreto nº 34.262/2021, Art. 11, parágrafo único, III",
                },
            ],
            "fonte": "Decreto nº 34.262/2021, Art. 11",
        },
    },
    "indicadores_adicionais": [],
    "expansao_alta_exige_media_completa": False,
    "sancoes": {
        "limiar_parcelas_acumuladas": 10,
        "fonte_limiar": "ato da SPS, DOE-CE 17/10/2023, p. 116, Art. 13, I",
        "prazo_plano_providencias_dias": None,
        "fonte_prazo": "Portaria SPS nº 352/2023, Art. 6º, § 3º (prazo fixado caso a caso)",
        "suspensao_termina_com_plano_concluido": True,
    },
    "parcelas": {
        "meses_de_repasse": 12,
        "exige_parecer_favoravel_cmas": False,
        "fonte": "Decreto nº 34.262/2021, Arts. 24–25",
    },
    "arredondamento": "meio_para_par",
}


def upgrade() -> None:
    tabela = sa.table(
        "regras_exercicio",
        sa.column("exercicio", sa.Integer),
        sa.column("versao", sa.Integer),
        sa.column("regras", sa.JSON),
        sa.column("alteracoes", sa.JSON),
        sa.column("autor", sa.String),
        sa.column("criada_em", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        tabela,
        [
            {
                "exercicio": 2022,
                "versao": 1,
                "regras": REGRAS_2022,
                "alteracoes": [],
                "autor": "sistema: Decreto nº 34.262/2021",
                "criada_em": datetime(2026, 11, 23, tzinfo=UTC),
            }
        ],
    )


def downgrade() -> None:
    op.execute("DELETE FROM regras_exercicio WHERE exercicio = 2022 AND versao = 1")
