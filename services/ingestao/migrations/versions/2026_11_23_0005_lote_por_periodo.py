"""O mesmo arquivo em outro período é outro lote: a unicidade passa a incluir o período.

Revisão: 2026_11_23_0005
"""

import sqlalchemy as sa
from alembic import op

revision = "2026_11_23_0005"
down_revision = "2026_11_23_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lote") as lote:
        lote.add_column(sa.Column("periodo", sa.String(10), nullable=False, server_default="referencia"))
    op.execute(
        "UPDATE lote SET periodo = CASE"
        " WHEN ano_referencia IS NULL THEN 'referencia'"
        " WHEN mes_referencia IS NULL THEN CAST(ano_referencia AS VARCHAR(4))"
        " ELSE CAST(ano_referencia AS VARCHAR(4)) || '-' || CASE WHEN mes_referencia < 10 THEN '0' ELSE '' END"
        " || CAST(mes_referencia AS VARCHAR(2)) END"
    )
    with op.batch_alter_table("lote") as lote:
        lote.drop_constraint("uq_lote_tipo_sha256", type_="unique")
        lote.create_unique_constraint("uq_lote_tipo_periodo_sha256", ["tipo", "periodo", "sha256"])


def downgrade() -> None:
    with op.batch_alter_table("lote") as lote:
        lote.drop_constraint("uq_lote_tipo_periodo_sha256", type_="unique")
        lote.create_unique_constraint("uq_lote_tipo_sha256", ["tipo", "sha256"])
        lote.drop_column("periodo")
