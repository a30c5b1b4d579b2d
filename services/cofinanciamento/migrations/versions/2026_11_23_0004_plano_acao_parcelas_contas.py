"""Plano de Ação (abertura, usos, parecer e histórico), parcelas (gerações, pendências, pagamento) e contas bancárias por bloco

Revisão: 2026_11_23_0004
Anterior: 2026_11_23_0003
"""

import sqlalchemy as sa
from alembic import op

import shared.db

revision = "2026_11_23_0004"
down_revision = "2026_11_23_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conta_bancaria",
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("bloco", sa.String(length=30), nullable=False),
        sa.Column("banco", sa.String(length=3), nullable=False),
        sa.Column("agencia", sa.String(length=4), nullable=False),
        sa.Column("conta", sa.String(length=22), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("atualizada_por", sa.String(length=200), nullable=False),
        sa.Column("atualizada_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("ibge7", "bloco", name=op.f("pk_conta_bancaria")),
        sa.UniqueConstraint("banco", "agencia", "conta", name=op.f("uq_conta_bancaria_banco")),
    )
    op.create_table(
        "historico_conta_bancaria",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("bloco", sa.String(length=30), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("banco", sa.String(length=3), nullable=False),
        sa.Column("agencia", sa.String(length=4), nullable=False),
        sa.Column("conta", sa.String(length=22), nullable=False),
        sa.Column("autor", sa.String(length=200), nullable=False),
        sa.Column("papeis", sa.JSON(), nullable=False),
        sa.Column("momento", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_historico_conta_bancaria")),
    )
    with op.batch_alter_table("historico_conta_bancaria", schema=None) as batch_op:
        batch_op.create_index("ix_historico_conta_bancaria_bloco", ["ibge7", "bloco", "id"], unique=False)

    op.create_table(
        "historico_plano_acao",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("exercicio", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("acao", sa.String(length=20), nullable=False),
        sa.Column("autor", sa.String(length=200), nullable=False),
        sa.Column("papeis", sa.JSON(), nullable=False),
        sa.Column("momento", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.Column("detalhes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_historico_plano_acao")),
    )
    with op.batch_alter_table("historico_plano_acao", schema=None) as batch_op:
        batch_op.create_index("ix_historico_plano_acao_municipio", ["exercicio", "ibge7", "id"], unique=False)

    op.create_table(
        "plano_acao_exercicio",
        sa.Column("exercicio", sa.Integer(), nullable=False),
        sa.Column("prazo", sa.Date(), nullable=False),
        sa.Column("aberto_por", sa.String(length=200), nullable=False),
        sa.Column("aberto_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("exercicio", name=op.f("pk_plano_acao_exercicio")),
    )
    op.create_table(
        "geracao_parcelas",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("exercicio", sa.Integer(), nullable=False),
        sa.Column("calculo_id", sa.String(length=36), nullable=False),
        sa.Column("gerada_por", sa.String(length=200), nullable=False),
        sa.Column("gerada_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.Column("resumo", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["calculo_id"], ["calculo.id"], name=op.f("fk_geracao_parcelas_calculo_id_calculo")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_geracao_parcelas")),
    )
    with op.batch_alter_table("geracao_parcelas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_geracao_parcelas_exercicio"), ["exercicio"], unique=False)

    op.create_table(
        "plano_acao_municipio",
        sa.Column("exercicio", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("calculo_id", sa.String(length=36), nullable=False),
        sa.Column("preenchido_por", sa.String(length=200), nullable=False),
        sa.Column("preenchido_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.Column("parecer", sa.String(length=12), nullable=True),
        sa.Column("parecer_motivos", sa.Text(), nullable=True),
        sa.Column("parecer_por", sa.String(length=200), nullable=True),
        sa.Column("parecer_em", shared.db.MomentoUTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["calculo_id"], ["calculo.id"], name=op.f("fk_plano_acao_municipio_calculo_id_calculo")
        ),
        sa.ForeignKeyConstraint(
            ["exercicio"],
            ["plano_acao_exercicio.exercicio"],
            name=op.f("fk_plano_acao_municipio_exercicio_plano_acao_exercicio"),
        ),
        sa.PrimaryKeyConstraint("exercicio", "ibge7", name=op.f("pk_plano_acao_municipio")),
    )
    op.create_table(
        "parcela",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("exercicio", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("bloco", sa.String(length=30), nullable=False),
        sa.Column("mes", sa.Integer(), nullable=False),
        sa.Column("valor", shared.db.DecimalExato(14, 2), nullable=False),
        sa.Column("situacao", sa.String(length=12), nullable=False),
        sa.Column("calculo_id", sa.String(length=36), nullable=False),
        sa.Column("geracao_id", sa.Integer(), nullable=False),
        sa.Column("componentes", sa.JSON(), nullable=False),
        sa.Column("unidades", sa.JSON(), nullable=False),
        sa.Column("memoria", sa.Text(), nullable=False),
        sa.Column("data_pagamento", sa.Date(), nullable=True),
        sa.Column("valor_pago", shared.db.DecimalExato(14, 2), nullable=True),
        sa.Column("conta_pagamento", sa.String(length=60), nullable=True),
        sa.Column("pago_por", sa.String(length=200), nullable=True),
        sa.Column("pagamento_registrado_em", shared.db.MomentoUTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["calculo_id"], ["calculo.id"], name=op.f("fk_parcela_calculo_id_calculo")),
        sa.ForeignKeyConstraint(
            ["geracao_id"], ["geracao_parcelas.id"], name=op.f("fk_parcela_geracao_id_geracao_parcelas")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parcela")),
        sa.UniqueConstraint("exercicio", "ibge7", "bloco", "mes", name=op.f("uq_parcela_exercicio")),
    )
    op.create_table(
        "pendencia_parcela",
        sa.Column("geracao_id", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("bloco", sa.String(length=30), nullable=False),
        sa.Column("valor_mensal", shared.db.DecimalExato(14, 2), nullable=False),
        sa.Column("motivo", sa.String(length=40), nullable=False),
        sa.Column("descricao", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["geracao_id"],
            ["geracao_parcelas.id"],
            name=op.f("fk_pendencia_parcela_geracao_id_geracao_parcelas"),
        ),
        sa.PrimaryKeyConstraint("geracao_id", "ibge7", "bloco", name=op.f("pk_pendencia_parcela")),
    )
    op.create_table(
        "uso_plano_acao",
        sa.Column("exercicio", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("linha", sa.Integer(), nullable=False),
        sa.Column("bloco", sa.String(length=30), nullable=False),
        sa.Column("componente", sa.String(length=40), nullable=False),
        sa.Column("valor_anual", shared.db.DecimalExato(14, 2), nullable=False),
        sa.Column("descricao", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["exercicio", "ibge7"],
            ["plano_acao_municipio.exercicio", "plano_acao_municipio.ibge7"],
            name=op.f("fk_uso_plano_acao_exercicio_plano_acao_municipio"),
        ),
        sa.PrimaryKeyConstraint("exercicio", "ibge7", "linha", name=op.f("pk_uso_plano_acao")),
    )


def downgrade() -> None:
    op.drop_table("uso_plano_acao")
    op.drop_table("pendencia_parcela")
    op.drop_table("parcela")
    op.drop_table("plano_acao_municipio")
    with op.batch_alter_table("geracao_parcelas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_geracao_parcelas_exercicio"))

    op.drop_table("geracao_parcelas")
    op.drop_table("plano_acao_exercicio")
    with op.batch_alter_table("historico_plano_acao", schema=None) as batch_op:
        batch_op.drop_index("ix_historico_plano_acao_municipio")

    op.drop_table("historico_plano_acao")
    with op.batch_alter_table("historico_conta_bancaria", schema=None) as batch_op:
        batch_op.drop_index("ix_historico_conta_bancaria_bloco")

    op.drop_table("historico_conta_bancaria")
    op.drop_table("conta_bancaria")
