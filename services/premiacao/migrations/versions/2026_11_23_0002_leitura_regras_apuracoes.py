"""Leitura (Censo, IDCRAS, RMA SCFV, SISC, planos), regras por exercício e apurações

Revisão: 2026_11_23_0002
Anterior: 2026_11_23_0001
"""

import sqlalchemy as sa
from alembic import op

import shared.db

revision = "2026_11_23_0002"
down_revision = "2026_11_23_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "apuracao",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("exercicio", sa.Integer(), nullable=False),
        sa.Column("regras_versao", sa.Integer(), nullable=False),
        sa.Column("impressao_digital", sa.String(length=64), nullable=False),
        sa.Column("criada_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.Column("criada_por", sa.String(length=200), nullable=False),
        sa.Column("situacao", sa.String(length=20), nullable=False),
        sa.Column("publicada_em", shared.db.MomentoUTC(timezone=True), nullable=True),
        sa.Column("publicada_por", sa.String(length=200), nullable=True),
        sa.Column("substituida_por", sa.String(length=36), nullable=True),
        sa.Column("resultado", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apuracao")),
    )
    with op.batch_alter_table("apuracao", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_apuracao_exercicio"), ["exercicio"], unique=False)

    op.create_table(
        "censo_cras",
        sa.Column("id_cras", sa.String(length=11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("nome", sa.String(length=200), nullable=False),
        sa.Column("lote_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id_cras", "ano", name=op.f("pk_censo_cras")),
    )
    with op.batch_alter_table("censo_cras", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_censo_cras_ibge7"), ["ibge7"], unique=False)

    op.create_table(
        "idcras",
        sa.Column("id_cras", sa.String(length=11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("idcras", shared.db.DecimalExato(5, 2), nullable=False),
        sa.Column("estrutura_fisica", sa.Integer(), nullable=False),
        sa.Column("recursos_humanos", sa.Integer(), nullable=False),
        sa.Column("servicos", sa.Integer(), nullable=False),
        sa.Column("lote_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id_cras", "ano", name=op.f("pk_idcras")),
    )
    with op.batch_alter_table("idcras", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_idcras_ibge7"), ["ibge7"], unique=False)

    op.create_table(
        "plano_providencias",
        sa.Column("plano_id", sa.String(length=64), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("unidades", sa.JSON(), nullable=False),
        sa.Column("situacao", sa.String(length=30), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("plano_id", name=op.f("pk_plano_providencias")),
    )
    with op.batch_alter_table("plano_providencias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plano_providencias_ibge7"), ["ibge7"], unique=False)

    op.create_table(
        "plano_providencias_situacao",
        sa.Column("plano_id", sa.String(length=64), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("situacao", sa.String(length=30), nullable=False),
        sa.Column("desde", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("plano_id", "versao", name=op.f("pk_plano_providencias_situacao")),
    )
    op.create_table(
        "regras_exercicio",
        sa.Column("exercicio", sa.Integer(), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("regras", sa.JSON(), nullable=False),
        sa.Column("alteracoes", sa.JSON(), nullable=False),
        sa.Column("autor", sa.String(length=200), nullable=False),
        sa.Column("criada_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("exercicio", "versao", name=op.f("pk_regras_exercicio")),
    )
    op.create_table(
        "rma_scfv",
        sa.Column("id_cras", sa.String(length=11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("mes", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("d1", sa.Integer(), nullable=True),
        sa.Column("d2", sa.Integer(), nullable=True),
        sa.Column("d3", sa.Integer(), nullable=True),
        sa.Column("d4", sa.Integer(), nullable=True),
        sa.Column("d5", sa.Integer(), nullable=True),
        sa.Column("d6", sa.Integer(), nullable=True),
        sa.Column("d7", sa.Integer(), nullable=True),
        sa.Column("d8", sa.Integer(), nullable=True),
        sa.Column("lote_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id_cras", "ano", "mes", name=op.f("pk_rma_scfv")),
    )
    with op.batch_alter_table("rma_scfv", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rma_scfv_ibge7"), ["ibge7"], unique=False)

    op.create_table(
        "sisc",
        sa.Column("id_cras", sa.String(length=11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("mes", sa.Integer(), nullable=False),
        sa.Column("faixa_etaria", sa.String(length=5), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("usuarios_atendidos", sa.Integer(), nullable=False),
        sa.Column("capacidade_atendimento", sa.Integer(), nullable=True),
        sa.Column("lote_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id_cras", "ano", "mes", "faixa_etaria", name=op.f("pk_sisc")),
    )
    with op.batch_alter_table("sisc", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sisc_ibge7"), ["ibge7"], unique=False)

    op.create_table(
        "apuracao_cras",
        sa.Column("apuracao_id", sa.String(length=36), nullable=False),
        sa.Column("id_cras", sa.String(length=11), nullable=False),
        sa.Column("ordem", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("apto", sa.Boolean(), nullable=False),
        sa.Column("premiado", sa.Boolean(), nullable=False),
        sa.Column("linha", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["apuracao_id"], ["apuracao.id"], name=op.f("fk_apuracao_cras_apuracao_id_apuracao")
        ),
        sa.PrimaryKeyConstraint("apuracao_id", "id_cras", name=op.f("pk_apuracao_cras")),
    )


def downgrade() -> None:
    op.drop_table("apuracao_cras")
    with op.batch_alter_table("sisc", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sisc_ibge7"))

    op.drop_table("sisc")
    with op.batch_alter_table("rma_scfv", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rma_scfv_ibge7"))

    op.drop_table("rma_scfv")
    op.drop_table("regras_exercicio")
    op.drop_table("plano_providencias_situacao")
    with op.batch_alter_table("plano_providencias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plano_providencias_ibge7"))

    op.drop_table("plano_providencias")
    with op.batch_alter_table("idcras", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idcras_ibge7"))

    op.drop_table("idcras")
    with op.batch_alter_table("censo_cras", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_censo_cras_ibge7"))

    op.drop_table("censo_cras")
    with op.batch_alter_table("apuracao", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_apuracao_exercicio"))

    op.drop_table("apuracao")
