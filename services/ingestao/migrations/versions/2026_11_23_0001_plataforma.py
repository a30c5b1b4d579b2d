"""Tabelas da plataforma (outbox, inbox, municípios) e os lotes de ingestão.

Revisão: 2026_11_23_0001
"""

import sqlalchemy as sa
from alembic import op

from shared.db import MomentoUTC
from shared.migracoes_plataforma import criar_plataforma_2026_11_23, remover_plataforma_2026_11_23

revision = "2026_11_23_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    criar_plataforma_2026_11_23()
    op.create_table(
        "lote",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("tipo", sa.String(40), nullable=False),
        sa.Column("arquivo", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("tamanho_bytes", sa.Integer(), nullable=False),
        sa.Column("enviado_por", sa.String(200), nullable=False),
        sa.Column("recebido_em", MomentoUTC(), nullable=False),
        sa.Column("linhas_lidas", sa.Integer(), nullable=False),
        sa.Column("linhas_validas", sa.Integer(), nullable=False),
        sa.Column("linhas_rejeitadas", sa.Integer(), nullable=False),
        sa.Column("registros_alterados", sa.Integer(), nullable=False),
        sa.Column("situacao", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_lote"),
        sa.UniqueConstraint("tipo", "sha256", name="uq_lote_tipo_sha256"),
    )


def downgrade() -> None:
    op.drop_table("lote")
    remover_plataforma_2026_11_23()
