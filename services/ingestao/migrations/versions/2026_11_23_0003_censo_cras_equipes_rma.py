"""Censo SUAS CRAS (dados gerais), equipes (contagens do RH) e RMA CRAS com histórico de versões.

Revisão: 2026_11_23_0003
"""

import sqlalchemy as sa
from alembic import op

from shared.db import DecimalExato, MomentoUTC
from shared.migracoes_plataforma import colunas_versionadas_2026_11_23

revision = "2026_11_23_0003"
down_revision = "2026_11_23_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "censo_cras",
        sa.Column("id_cras", sa.String(11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(7), nullable=False),
        sa.Column("nome", sa.String(200), nullable=False),
        sa.Column("data_implantacao", sa.Date(), nullable=True),
        sa.Column("localizacao", sa.Integer(), nullable=True),
        sa.Column("familias_referenciadas", sa.Integer(), nullable=True),
        sa.Column("dias_semana", sa.Integer(), nullable=True),
        sa.Column("horas_dia", sa.Integer(), nullable=True),
        sa.Column("latitude", DecimalExato(10, 6), nullable=True),
        sa.Column("longitude", DecimalExato(10, 6), nullable=True),
        *colunas_versionadas_2026_11_23(),
        sa.PrimaryKeyConstraint("id_cras", "ano", name="pk_censo_cras"),
    )
    op.create_index("ix_censo_cras_ibge7", "censo_cras", ["ibge7"])
    op.create_table(
        "equipe_cras",
        sa.Column("id_cras", sa.String(11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(7), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("assistentes_sociais", sa.Integer(), nullable=False),
        sa.Column("psicologos", sa.Integer(), nullable=False),
        sa.Column("por_profissao", sa.JSON(), nullable=False),
        sa.Column("por_vinculo", sa.JSON(), nullable=False),
        *colunas_versionadas_2026_11_23(),
        sa.PrimaryKeyConstraint("id_cras", "ano", name="pk_equipe_cras"),
    )
    op.create_index("ix_equipe_cras_ibge7", "equipe_cras", ["ibge7"])
    op.create_table(
        "rma_cras",
        sa.Column("id_cras", sa.String(11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("mes", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(7), nullable=False),
        sa.Column("valores", sa.JSON(), nullable=False),
        *colunas_versionadas_2026_11_23(),
        sa.PrimaryKeyConstraint("id_cras", "ano", "mes", name="pk_rma_cras"),
    )
    op.create_index("ix_rma_cras_ibge7", "rma_cras", ["ibge7"])
    op.create_table(
        "rma_cras_historico",
        sa.Column("id_cras", sa.String(11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("mes", sa.Integer(), nullable=False),
        sa.Column("lote_id", sa.String(36), nullable=False),
        sa.Column("valores", sa.JSON(), nullable=False),
        sa.Column("registrado_em", MomentoUTC(), nullable=False),
        sa.PrimaryKeyConstraint("id_cras", "ano", "mes", "lote_id", name="pk_rma_cras_historico"),
    )


def downgrade() -> None:
    op.drop_table("rma_cras_historico")
    for tabela in ("rma_cras", "equipe_cras", "censo_cras"):
        op.drop_index(f"ix_{tabela}_ibge7", table_name=tabela)
        op.drop_table(tabela)
