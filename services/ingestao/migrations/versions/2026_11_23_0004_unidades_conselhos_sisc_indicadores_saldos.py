"""CREAS/Centro Pop/acolhimento, conselhos municipais, SISC agregado, indicadores municipais e saldos em conta.

Revisão: 2026_11_23_0004
"""

import sqlalchemy as sa
from alembic import op

from shared.db import DecimalExato
from shared.migracoes_plataforma import colunas_versionadas_2026_11_23

revision = "2026_11_23_0004"
down_revision = "2026_11_23_0003"
branch_labels = None
depends_on = None

CONSELHOS = ("cmas", "cmdca", "conselho_tutelar", "conselho_idoso", "conselho_mulher", "conselho_pcd")


def upgrade() -> None:
    op.create_table(
        "unidade",
        sa.Column("id_unidade", sa.String(11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("tipo_unidade", sa.String(20), nullable=False),
        sa.Column("ibge7", sa.String(7), nullable=False),
        sa.Column("nome", sa.String(200), nullable=False),
        sa.Column("oferta_paefi", sa.Boolean(), nullable=True),
        sa.Column("modalidade_acolhimento", sa.Integer(), nullable=True),
        sa.Column("publico", sa.Integer(), nullable=True),
        sa.Column("capacidade", sa.Integer(), nullable=True),
        *colunas_versionadas_2026_11_23(),
        sa.PrimaryKeyConstraint("id_unidade", "ano", name="pk_unidade"),
    )
    op.create_index("ix_unidade_ibge7", "unidade", ["ibge7"])
    op.create_table(
        "conselhos",
        sa.Column("ibge7", sa.String(7), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        *(sa.Column(c, sa.Integer(), nullable=True) for c in CONSELHOS),
        *colunas_versionadas_2026_11_23(),
        sa.PrimaryKeyConstraint("ibge7", "ano", name="pk_conselhos"),
    )
    op.create_table(
        "sisc",
        sa.Column("id_cras", sa.String(11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("mes", sa.Integer(), nullable=False),
        sa.Column("faixa_etaria", sa.String(5), nullable=False),
        sa.Column("ibge7", sa.String(7), nullable=False),
        sa.Column("usuarios_atendidos", sa.Integer(), nullable=False),
        sa.Column("capacidade_atendimento", sa.Integer(), nullable=True),
        *colunas_versionadas_2026_11_23(),
        sa.PrimaryKeyConstraint("id_cras", "ano", "mes", "faixa_etaria", name="pk_sisc"),
    )
    op.create_index("ix_sisc_ibge7", "sisc", ["ibge7"])
    op.create_table(
        "indicador_municipal",
        sa.Column("indicador", sa.String(60), nullable=False),
        sa.Column("ibge7", sa.String(7), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("valor", DecimalExato(20, 6), nullable=False),
        sa.Column("fonte", sa.String(200), nullable=False),
        *colunas_versionadas_2026_11_23(),
        sa.PrimaryKeyConstraint("indicador", "ibge7", "ano", name="pk_indicador_municipal"),
    )
    op.create_table(
        "saldo_conta",
        sa.Column("ibge7", sa.String(7), nullable=False),
        sa.Column("bloco", sa.String(30), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("mes", sa.Integer(), nullable=False),
        sa.Column("saldo", DecimalExato(18, 2), nullable=False),
        *colunas_versionadas_2026_11_23(),
        sa.PrimaryKeyConstraint("ibge7", "bloco", "ano", "mes", name="pk_saldo_conta"),
    )


def downgrade() -> None:
    op.drop_table("saldo_conta")
    op.drop_table("indicador_municipal")
    op.drop_index("ix_sisc_ibge7", table_name="sisc")
    op.drop_table("sisc")
    op.drop_table("conselhos")
    op.drop_index("ix_unidade_ibge7", table_name="unidade")
    op.drop_table("unidade")
