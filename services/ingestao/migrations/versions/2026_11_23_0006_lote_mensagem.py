"""Lotes processados em segundo plano guardam por que foram rejeitados ou interrompidos.

Revisão: 2026_11_23_0006
"""

import sqlalchemy as sa
from alembic import op

revision = "2026_11_23_0006"
down_revision = "2026_11_23_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lote") as lote:
        lote.add_column(sa.Column("mensagem", sa.String(2000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("lote") as lote:
        lote.drop_column("mensagem")
