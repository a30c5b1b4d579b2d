"""Réplica que processa cada lote e o sinal de vida das réplicas (lotes órfãos viram interrompidos)

Revisão: 2026_11_23_0007
Anterior: 2026_11_23_0006
"""

import sqlalchemy as sa
from alembic import op

import shared.db

revision = "2026_11_23_0007"
down_revision = "2026_11_23_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "instancia_viva",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("visto_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instancia_viva")),
    )
    with op.batch_alter_table("lote", schema=None) as batch_op:
        batch_op.add_column(sa.Column("processado_por", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("lote", schema=None) as batch_op:
        batch_op.drop_column("processado_por")

    op.drop_table("instancia_viva")
