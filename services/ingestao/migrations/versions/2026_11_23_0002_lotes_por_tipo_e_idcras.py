"""Lotes de qualquer tipo (período, modo parcial, detecção, erros) e a tabela do IDCRAS.

Revisão: 2026_11_23_0002
"""

import sqlalchemy as sa
from alembic import op

from shared.db import DecimalExato, MomentoUTC

revision = "2026_11_23_0002"
down_revision = "2026_11_23_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lote") as lote:
        lote.add_column(sa.Column("ano_referencia", sa.Integer(), nullable=True))
        lote.add_column(sa.Column("mes_referencia", sa.Integer(), nullable=True))
        lote.add_column(sa.Column("parcial", sa.Boolean(), nullable=False, server_default=sa.false()))
        lote.add_column(sa.Column("deteccao", sa.JSON(), nullable=False, server_default="{}"))
        lote.add_column(sa.Column("erros", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "idcras",
        sa.Column("id_cras", sa.String(11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(7), nullable=False),
        sa.Column("idcras", DecimalExato(5, 2), nullable=False),
        sa.Column("estrutura_fisica", sa.Integer(), nullable=False),
        sa.Column("recursos_humanos", sa.Integer(), nullable=False),
        sa.Column("servicos", sa.Integer(), nullable=False),
        sa.Column("lote_id", sa.String(36), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("atualizado_em", MomentoUTC(), nullable=False),
        sa.PrimaryKeyConstraint("id_cras", "ano", name="pk_idcras"),
    )
    op.create_index("ix_idcras_ibge7", "idcras", ["ibge7"])


def downgrade() -> None:
    op.drop_index("ix_idcras_ibge7", table_name="idcras")
    op.drop_table("idcras")
    with op.batch_alter_table("lote") as lote:
        for coluna in ("erros", "deteccao", "parcial", "mes_referencia", "ano_referencia"):
            lote.drop_column(coluna)
