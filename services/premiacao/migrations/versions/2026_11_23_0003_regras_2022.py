"""Regras do exercício 2022 como o Decreto nº 35.038/2022 as publicou (semente, congelada nesta data).

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
    "ano_t": 2021,
    "ano_t_menos_1": 2020,
    "base_legal": "Lei nº 17.676/2021; Decreto nº 34.261/2021; Decreto nº 35.038/2022 (DOE-CE 13/12/2022), "
    "Arts. 2º a 7º; Portaria SPS nº 725/2022 (IDCRAS dos Censos SUAS 2020 e 2021)",
    "fonte_idcras": "IDCRAS publicado pelo MDS a partir do Censo SUAS",
    "indicador_scfv": {
        "fonte": "rma",
        "campos_rma_numerador": ["d2", "d3"],
        "campos_rma_denominador": ["d2", "d3", "d4", "d8", "d5"],
        "faixas_sisc_numerador": ["0-6", "7-14"],
    },
    "fonte_capacidade_scfv": "sisc",
    "pesos": {"w1": "0.25", "w2": "0.25", "w3": "0.25", "w4": "0.25"},
    "escala": "1",
    "numero_premios": 30,
    "um_premio_por_municipio": True,
    "faixas": [
        {"de": 1, "ate": 5, "valor": "150000.00"},
        {"de": 6, "ate": 10, "valor": "100000.00"},
        {"de": 11, "ate": 20, "valor": "50000.00"},
        {"de": 21, "ate": 30, "valor": "25000.00"},
    ],
    "valor_total": "2000000.00",
    "premio_adicional_primeiro_lugar": "1 (uma) brinquedopraça e 1 (uma) academia de ginástica para o município "
    "do 1º lugar (Art. 3º, parágrafo único)",
    "desempate": ["idcras_minimo_nos_dois_anos", "media_atendimento_sobre_capacidade"],
    "idcras_minimo_desempate": "4",
    "politicas": {
        "plano_sem_unidade_exclui_cras_do_municipio": False,
        "exige_idcras_nos_dois_anos": True,
        "exige_scfv_nos_dois_anos": True,
        "padronizado_quando_indicador_constante": "0",
    },
    "data_referencia_plano_ativo": None,
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
                "autor": "sistema: Decreto nº 35.038/2022",
                "criada_em": datetime(2026, 11, 23, tzinfo=UTC),
            }
        ],
    )


def downgrade() -> None:
    op.execute("DELETE FROM regras_exercicio WHERE exercicio = 2022 AND versao = 1")
