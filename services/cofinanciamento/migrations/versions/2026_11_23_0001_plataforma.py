"""Tabelas da plataforma: outbox, inbox e municípios.

Revisão: 2026_11_23_0001
"""

from shared.migracoes_plataforma import criar_plataforma_2026_11_23, remover_plataforma_2026_11_23

revision = "2026_11_23_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    criar_plataforma_2026_11_23()


def downgrade() -> None:
    remover_plataforma_2026_11_23()
