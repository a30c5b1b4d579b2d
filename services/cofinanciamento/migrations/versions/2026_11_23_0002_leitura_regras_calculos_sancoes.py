"""Leitura (Censo, unidades, conselhos, indicadores, saldos, planos), regras por exercício, cálculos e sanções

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
        "calculo",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("exercicio", sa.Integer(), nullable=False),
        sa.Column("mes", sa.Integer(), nullable=False),
        sa.Column("ano_censo", sa.Integer(), nullable=False),
        sa.Column("regras_versao", sa.Integer(), nullable=False),
        sa.Column("impressao_digital", sa.String(length=64), nullable=False),
        sa.Column("entradas", sa.JSON(), nullable=False),
        sa.Column("blocos", sa.JSON(), nullable=False),
        sa.Column("componentes", sa.JSON(), nullable=False),
        sa.Column("premissas", sa.JSON(), nullable=False),
        sa.Column("prioridades", sa.JSON(), nullable=False),
        sa.Column("valor_mensal_total", shared.db.DecimalExato(16, 2), nullable=False),
        sa.Column("criado_por", sa.String(length=200), nullable=False),
        sa.Column("criado_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calculo")),
    )
    with op.batch_alter_table("calculo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calculo_exercicio"), ["exercicio"], unique=False)

    op.create_table(
        "censo_cras",
        sa.Column("id_cras", sa.String(length=11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("nome", sa.String(length=200), nullable=False),
        sa.Column("familias_referenciadas", sa.Integer(), nullable=True),
        sa.Column("lote_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id_cras", "ano", name=op.f("pk_censo_cras")),
    )
    with op.batch_alter_table("censo_cras", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_censo_cras_ibge7"), ["ibge7"], unique=False)

    op.create_table(
        "conselhos",
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("cmas", sa.Integer(), nullable=True),
        sa.Column("cmdca", sa.Integer(), nullable=True),
        sa.Column("conselho_tutelar", sa.Integer(), nullable=True),
        sa.Column("conselho_idoso", sa.Integer(), nullable=True),
        sa.Column("conselho_mulher", sa.Integer(), nullable=True),
        sa.Column("conselho_pcd", sa.Integer(), nullable=True),
        sa.Column("lote_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("ibge7", "ano", name=op.f("pk_conselhos")),
    )
    op.create_table(
        "historico_sancao",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("bloco", sa.String(length=30), nullable=False),
        sa.Column("de", sa.String(length=12), nullable=False),
        sa.Column("para", sa.String(length=12), nullable=False),
        sa.Column("transicao", sa.String(length=20), nullable=False),
        sa.Column("bloqueio_id", sa.String(length=64), nullable=False),
        sa.Column("saldo", shared.db.DecimalExato(16, 2), nullable=False),
        sa.Column("parcela_mensal", shared.db.DecimalExato(16, 2), nullable=False),
        sa.Column("motivo", sa.Text(), nullable=False),
        sa.Column("momento", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_historico_sancao")),
    )
    with op.batch_alter_table("historico_sancao", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_historico_sancao_ibge7"), ["ibge7"], unique=False)

    op.create_table(
        "indicador_municipal",
        sa.Column("indicador", sa.String(length=60), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("valor", shared.db.DecimalExato(18, 6), nullable=False),
        sa.Column("fonte", sa.String(length=200), nullable=False),
        sa.Column("lote_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("indicador", "ibge7", "ano", name=op.f("pk_indicador_municipal")),
    )
    op.create_table(
        "plano_providencias",
        sa.Column("plano_id", sa.String(length=64), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("situacao", sa.String(length=20), nullable=False),
        sa.Column("versao_plano", sa.Integer(), nullable=False),
        sa.Column("bloqueio_id", sa.String(length=64), nullable=True),
        sa.Column("prazo", sa.Date(), nullable=True),
        sa.Column("prazo_vencido", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("plano_id", name=op.f("pk_plano_providencias")),
    )
    with op.batch_alter_table("plano_providencias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plano_providencias_bloqueio_id"), ["bloqueio_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plano_providencias_ibge7"), ["ibge7"], unique=False)

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
        "saldo_conta",
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("bloco", sa.String(length=30), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("mes", sa.Integer(), nullable=False),
        sa.Column("saldo", shared.db.DecimalExato(16, 2), nullable=False),
        sa.Column("lote_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("ibge7", "bloco", "ano", "mes", name=op.f("pk_saldo_conta")),
    )
    op.create_table(
        "sancao",
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("bloco", sa.String(length=30), nullable=False),
        sa.Column("estado", sa.String(length=12), nullable=False),
        sa.Column("bloqueio_id", sa.String(length=64), nullable=True),
        sa.Column("desde", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("ibge7", "bloco", name=op.f("pk_sancao")),
    )
    op.create_table(
        "unidade_especial",
        sa.Column("id_unidade", sa.String(length=11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("tipo_unidade", sa.String(length=12), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("nome", sa.String(length=200), nullable=False),
        sa.Column("oferta_paefi", sa.Boolean(), nullable=True),
        sa.Column("modalidade_acolhimento", sa.Integer(), nullable=True),
        sa.Column("publico", sa.Integer(), nullable=True),
        sa.Column("capacidade", sa.Integer(), nullable=True),
        sa.Column("lote_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id_unidade", "ano", name=op.f("pk_unidade_especial")),
    )
    with op.batch_alter_table("unidade_especial", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unidade_especial_ibge7"), ["ibge7"], unique=False)

    op.create_table(
        "calculo_municipio",
        sa.Column("calculo_id", sa.String(length=36), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("nome", sa.String(length=120), nullable=True),
        sa.Column("porte", sa.String(length=20), nullable=True),
        sa.Column("populacao", sa.JSON(), nullable=True),
        sa.Column("suspenso", sa.Boolean(), nullable=False),
        sa.Column("valor_mensal", shared.db.DecimalExato(16, 2), nullable=False),
        sa.Column("blocos", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["calculo_id"], ["calculo.id"], name=op.f("fk_calculo_municipio_calculo_id_calculo")
        ),
        sa.PrimaryKeyConstraint("calculo_id", "ibge7", name=op.f("pk_calculo_municipio")),
    )
    op.create_table(
        "calculo_unidade",
        sa.Column("calculo_id", sa.String(length=36), nullable=False),
        sa.Column("componente", sa.String(length=40), nullable=False),
        sa.Column("id_unidade", sa.String(length=11), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("bloco", sa.String(length=30), nullable=False),
        sa.Column("tipo_unidade", sa.String(length=12), nullable=False),
        sa.Column("situacao", sa.String(length=30), nullable=False),
        sa.Column("motivos", sa.JSON(), nullable=False),
        sa.Column("valor_piso", shared.db.DecimalExato(16, 2), nullable=True),
        sa.Column("valor_mensal", shared.db.DecimalExato(16, 2), nullable=False),
        sa.Column("posicao", sa.Integer(), nullable=True),
        sa.Column("rodada", sa.Integer(), nullable=True),
        sa.Column("posicao_municipio", sa.Integer(), nullable=True),
        sa.Column("memoria", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["calculo_id"], ["calculo.id"], name=op.f("fk_calculo_unidade_calculo_id_calculo")
        ),
        sa.PrimaryKeyConstraint("calculo_id", "componente", "id_unidade", name=op.f("pk_calculo_unidade")),
    )
    with op.batch_alter_table("calculo_unidade", schema=None) as batch_op:
        batch_op.create_index("ix_calculo_unidade_municipio", ["calculo_id", "ibge7"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("calculo_unidade", schema=None) as batch_op:
        batch_op.drop_index("ix_calculo_unidade_municipio")

    op.drop_table("calculo_unidade")
    op.drop_table("calculo_municipio")
    with op.batch_alter_table("unidade_especial", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unidade_especial_ibge7"))

    op.drop_table("unidade_especial")
    op.drop_table("sancao")
    op.drop_table("saldo_conta")
    op.drop_table("regras_exercicio")
    with op.batch_alter_table("plano_providencias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plano_providencias_ibge7"))
        batch_op.drop_index(batch_op.f("ix_plano_providencias_bloqueio_id"))

    op.drop_table("plano_providencias")
    op.drop_table("indicador_municipal")
    with op.batch_alter_table("historico_sancao", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_historico_sancao_ibge7"))

    op.drop_table("historico_sancao")
    op.drop_table("conselhos")
    with op.batch_alter_table("censo_cras", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_censo_cras_ibge7"))

    op.drop_table("censo_cras")
    with op.batch_alter_table("calculo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calculo_exercicio"))

    op.drop_table("calculo")
