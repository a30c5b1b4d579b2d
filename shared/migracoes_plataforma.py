"""Operações de migração das tabelas comuns (outbox, inbox, municipio), congeladas por data.

Cada função é um retrato fixo: uma mudança futura nessas tabelas ganha uma nova função datada,
chamada por uma nova migração de cada serviço; estas não mudam mais.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.db import BigIntPK, DecimalExato, MomentoUTC


def criar_plataforma_2026_11_23() -> None:
    op.create_table(
        "outbox",
        sa.Column("seq", BigIntPK, primary_key=True, autoincrement=True),
        sa.Column("ce_id", sa.String(36), nullable=False),
        sa.Column("topico", sa.String(200), nullable=False),
        sa.Column("chave", sa.String(64), nullable=False),
        sa.Column("tipo", sa.String(200), nullable=False),
        sa.Column("assunto", sa.String(64), nullable=False),
        sa.Column("corpo", sa.Text(), nullable=False),
        sa.Column("correlation_id", sa.String(64), nullable=False),
        sa.Column("criado_em", MomentoUTC(), nullable=False),
        sa.Column("publicado_em", MomentoUTC(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name="pk_outbox"),
        sa.UniqueConstraint("ce_id", name="uq_outbox_ce_id"),
    )
    op.create_index("ix_outbox_criado_em", "outbox", ["criado_em"])
    op.create_index(
        "ix_outbox_pendentes",
        "outbox",
        ["seq"],
        postgresql_where=sa.text("publicado_em IS NULL"),
        sqlite_where=sa.text("publicado_em IS NULL"),
    )
    op.create_table(
        "inbox",
        sa.Column("grupo", sa.String(200), nullable=False),
        sa.Column("ce_id", sa.String(64), nullable=False),
        sa.Column("tipo", sa.String(200), nullable=False),
        sa.Column("topico", sa.String(200), nullable=False),
        sa.Column("particao", sa.Integer(), nullable=False),
        sa.Column("deslocamento", sa.BigInteger(), nullable=False),
        sa.Column("publicado_em", MomentoUTC(), nullable=False),
        sa.Column("processado_em", MomentoUTC(), nullable=False),
        sa.PrimaryKeyConstraint("grupo", "ce_id", name="pk_inbox"),
    )
    op.create_table(
        "municipio",
        sa.Column("ibge7", sa.String(7), nullable=False),
        sa.Column("ibge6", sa.String(6), nullable=False),
        sa.Column("nome", sa.String(120), nullable=False),
        sa.Column("uf", sa.String(2), nullable=False),
        sa.Column("capital", sa.Boolean(), nullable=False),
        sa.Column("latitude", DecimalExato(10, 6), nullable=True),
        sa.Column("longitude", DecimalExato(10, 6), nullable=True),
        sa.Column("populacoes", sa.JSON(), nullable=False),
        sa.Column("lote_id", sa.String(36), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("atualizado_em", MomentoUTC(), nullable=False),
        sa.PrimaryKeyConstraint("ibge7", name="pk_municipio"),
        sa.UniqueConstraint("ibge6", name="uq_municipio_ibge6"),
    )


def remover_plataforma_2026_11_23() -> None:
    op.drop_table("municipio")
    op.drop_table("inbox")
    op.drop_index("ix_outbox_pendentes", table_name="outbox")
    op.drop_index("ix_outbox_criado_em", table_name="outbox")
    op.drop_table("outbox")


def colunas_versionadas_2026_11_23() -> list[sa.Column]:  # type: ignore[type-arg]
    """As colunas de versão dos dados ingeridos (lote de origem, versão, momento), como nasceram."""
    return [
        sa.Column("lote_id", sa.String(36), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("atualizado_em", MomentoUTC(), nullable=False),
    ]
