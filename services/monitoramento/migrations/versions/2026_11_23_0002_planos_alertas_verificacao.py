"""Planos de providências e de apoio, histórico, alertas, unidades, verificação anual e instituições locais

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
        "alerta",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("regra", sa.String(length=40), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("id_unidade", sa.String(length=11), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("descricao", sa.Text(), nullable=False),
        sa.Column("evidencia", sa.JSON(), nullable=False),
        sa.Column("situacao", sa.String(length=12), nullable=False),
        sa.Column("motivo", sa.Text(), nullable=True),
        sa.Column("plano_id", sa.String(length=36), nullable=True),
        sa.Column("dificuldade_id", sa.String(length=36), nullable=True),
        sa.Column("criado_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.Column("resolvido_por", sa.String(length=200), nullable=True),
        sa.Column("resolvido_em", shared.db.MomentoUTC(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerta")),
        sa.UniqueConstraint("regra", "id_unidade", "ano", name=op.f("uq_alerta_regra")),
    )
    with op.batch_alter_table("alerta", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerta_ibge7"), ["ibge7"], unique=False)
        batch_op.create_index(batch_op.f("ix_alerta_situacao"), ["situacao"], unique=False)

    op.create_table(
        "deliberacao",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("plano_id", sa.String(length=36), nullable=False),
        sa.Column("instancia", sa.String(length=10), nullable=False),
        sa.Column("decisao", sa.String(length=20), nullable=False),
        sa.Column("numero_resolucao", sa.String(length=60), nullable=True),
        sa.Column("data", sa.Date(), nullable=True),
        sa.Column("texto", sa.Text(), nullable=False),
        sa.Column("registrada_por", sa.String(length=200), nullable=False),
        sa.Column("registrada_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliberacao")),
    )
    with op.batch_alter_table("deliberacao", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deliberacao_plano_id"), ["plano_id"], unique=False)

    op.create_table(
        "historico_plano",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plano_id", sa.String(length=36), nullable=False),
        sa.Column("tipo_plano", sa.String(length=12), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("momento", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.Column("autor", sa.String(length=200), nullable=False),
        sa.Column("papeis", sa.JSON(), nullable=False),
        sa.Column("acao", sa.String(length=40), nullable=False),
        sa.Column("situacao_de", sa.String(length=20), nullable=True),
        sa.Column("situacao_para", sa.String(length=20), nullable=True),
        sa.Column("nota", sa.Text(), nullable=True),
        sa.Column("detalhes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_historico_plano")),
    )
    with op.batch_alter_table("historico_plano", schema=None) as batch_op:
        batch_op.create_index("ix_historico_plano_plano", ["plano_id", "id"], unique=False)

    op.create_table(
        "instituicao_local",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("nome", sa.String(length=200), nullable=False),
        sa.Column("cnpj", sa.String(length=14), nullable=False),
        sa.Column("registrada_por", sa.String(length=200), nullable=False),
        sa.Column("registrada_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instituicao_local")),
        sa.UniqueConstraint("cnpj", name=op.f("uq_instituicao_local_cnpj")),
    )
    with op.batch_alter_table("instituicao_local", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_instituicao_local_ibge7"), ["ibge7"], unique=False)

    op.create_table(
        "unidade",
        sa.Column("id_unidade", sa.String(length=11), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("tipo", sa.String(length=12), nullable=False),
        sa.Column("nome", sa.String(length=200), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id_unidade", name=op.f("pk_unidade")),
    )
    with op.batch_alter_table("unidade", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unidade_ibge7"), ["ibge7"], unique=False)

    op.create_table(
        "verificacao_anual",
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("itens", sa.JSON(), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("autor", sa.String(length=200), nullable=False),
        sa.Column("registrada_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("ibge7", "ano", name=op.f("pk_verificacao_anual")),
    )
    op.create_table(
        "plano_providencias",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("instituicao_id", sa.String(length=36), nullable=True),
        sa.Column("titulo", sa.String(length=200), nullable=False),
        sa.Column("unidades", sa.JSON(), nullable=False),
        sa.Column("situacao", sa.String(length=20), nullable=False),
        sa.Column("situacao_desde", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("prazo", sa.Date(), nullable=True),
        sa.Column("exigido", sa.Boolean(), nullable=False),
        sa.Column("bloqueio_id", sa.String(length=64), nullable=True),
        sa.Column("prazo_vencido_em", shared.db.MomentoUTC(timezone=True), nullable=True),
        sa.Column("criado_por", sa.String(length=200), nullable=False),
        sa.Column("criado_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["instituicao_id"],
            ["instituicao_local.id"],
            name=op.f("fk_plano_providencias_instituicao_id_instituicao_local"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plano_providencias")),
        sa.UniqueConstraint("bloqueio_id", name=op.f("uq_plano_providencias_bloqueio_id")),
    )
    with op.batch_alter_table("plano_providencias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plano_providencias_ibge7"), ["ibge7"], unique=False)
        batch_op.create_index(batch_op.f("ix_plano_providencias_situacao"), ["situacao"], unique=False)

    op.create_table(
        "acompanhamento",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("plano_id", sa.String(length=36), nullable=False),
        sa.Column("instancia", sa.String(length=10), nullable=False),
        sa.Column("data", sa.Date(), nullable=False),
        sa.Column("constatacao", sa.Text(), nullable=False),
        sa.Column("evidencia", sa.Text(), nullable=True),
        sa.Column("autor", sa.String(length=200), nullable=False),
        sa.Column("registrado_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plano_id"],
            ["plano_providencias.id"],
            name=op.f("fk_acompanhamento_plano_id_plano_providencias"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acompanhamento")),
    )
    with op.batch_alter_table("acompanhamento", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_acompanhamento_plano_id"), ["plano_id"], unique=False)

    op.create_table(
        "dificuldade",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("plano_id", sa.String(length=36), nullable=False),
        sa.Column("ordem", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=30), nullable=False),
        sa.Column("origem", sa.String(length=20), nullable=False),
        sa.Column("descricao", sa.Text(), nullable=False),
        sa.Column("evidencia", sa.Text(), nullable=False),
        sa.Column("alerta_id", sa.String(length=36), nullable=True),
        sa.Column("criada_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plano_id"], ["plano_providencias.id"], name=op.f("fk_dificuldade_plano_id_plano_providencias")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dificuldade")),
    )
    with op.batch_alter_table("dificuldade", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dificuldade_plano_id"), ["plano_id"], unique=False)

    op.create_table(
        "plano_apoio",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("plano_providencias_id", sa.String(length=36), nullable=False),
        sa.Column("ibge7", sa.String(length=7), nullable=False),
        sa.Column("objetivo", sa.Text(), nullable=False),
        sa.Column("situacao", sa.String(length=20), nullable=False),
        sa.Column("situacao_desde", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.Column("versao", sa.Integer(), nullable=False),
        sa.Column("criado_por", sa.String(length=200), nullable=False),
        sa.Column("criado_em", shared.db.MomentoUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plano_providencias_id"],
            ["plano_providencias.id"],
            name=op.f("fk_plano_apoio_plano_providencias_id_plano_providencias"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plano_apoio")),
    )
    with op.batch_alter_table("plano_apoio", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plano_apoio_ibge7"), ["ibge7"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_plano_apoio_plano_providencias_id"), ["plano_providencias_id"], unique=False
        )

    op.create_table(
        "acao",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("plano_id", sa.String(length=36), nullable=False),
        sa.Column("dificuldade_id", sa.String(length=36), nullable=False),
        sa.Column("ordem", sa.Integer(), nullable=False),
        sa.Column("descricao", sa.Text(), nullable=False),
        sa.Column("responsavel", sa.String(length=200), nullable=True),
        sa.Column("prazo", sa.Date(), nullable=True),
        sa.Column("situacao", sa.String(length=20), nullable=False),
        sa.Column("executada_em", shared.db.MomentoUTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["dificuldade_id"], ["dificuldade.id"], name=op.f("fk_acao_dificuldade_id_dificuldade")
        ),
        sa.ForeignKeyConstraint(
            ["plano_id"], ["plano_providencias.id"], name=op.f("fk_acao_plano_id_plano_providencias")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acao")),
    )
    with op.batch_alter_table("acao", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_acao_dificuldade_id"), ["dificuldade_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_acao_plano_id"), ["plano_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_acao_prazo"), ["prazo"], unique=False)

    op.create_table(
        "acao_apoio",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("plano_apoio_id", sa.String(length=36), nullable=False),
        sa.Column("dificuldade_id", sa.String(length=36), nullable=False),
        sa.Column("ordem", sa.Integer(), nullable=False),
        sa.Column("tipo", sa.String(length=20), nullable=False),
        sa.Column("descricao", sa.Text(), nullable=False),
        sa.Column("responsavel", sa.String(length=200), nullable=False),
        sa.Column("prazo", sa.Date(), nullable=False),
        sa.Column("valor", shared.db.DecimalExato(14, 2), nullable=True),
        sa.Column("situacao", sa.String(length=20), nullable=False),
        sa.Column("executada_em", shared.db.MomentoUTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["dificuldade_id"], ["dificuldade.id"], name=op.f("fk_acao_apoio_dificuldade_id_dificuldade")
        ),
        sa.ForeignKeyConstraint(
            ["plano_apoio_id"], ["plano_apoio.id"], name=op.f("fk_acao_apoio_plano_apoio_id_plano_apoio")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acao_apoio")),
    )
    with op.batch_alter_table("acao_apoio", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_acao_apoio_plano_apoio_id"), ["plano_apoio_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_acao_apoio_prazo"), ["prazo"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("acao_apoio", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_acao_apoio_prazo"))
        batch_op.drop_index(batch_op.f("ix_acao_apoio_plano_apoio_id"))

    op.drop_table("acao_apoio")
    with op.batch_alter_table("acao", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_acao_prazo"))
        batch_op.drop_index(batch_op.f("ix_acao_plano_id"))
        batch_op.drop_index(batch_op.f("ix_acao_dificuldade_id"))

    op.drop_table("acao")
    with op.batch_alter_table("plano_apoio", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plano_apoio_plano_providencias_id"))
        batch_op.drop_index(batch_op.f("ix_plano_apoio_ibge7"))

    op.drop_table("plano_apoio")
    with op.batch_alter_table("dificuldade", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dificuldade_plano_id"))

    op.drop_table("dificuldade")
    with op.batch_alter_table("acompanhamento", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_acompanhamento_plano_id"))

    op.drop_table("acompanhamento")
    with op.batch_alter_table("plano_providencias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plano_providencias_situacao"))
        batch_op.drop_index(batch_op.f("ix_plano_providencias_ibge7"))

    op.drop_table("plano_providencias")
    op.drop_table("verificacao_anual")
    with op.batch_alter_table("unidade", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unidade_ibge7"))

    op.drop_table("unidade")
    with op.batch_alter_table("instituicao_local", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_instituicao_local_ibge7"))

    op.drop_table("instituicao_local")
    with op.batch_alter_table("historico_plano", schema=None) as batch_op:
        batch_op.drop_index("ix_historico_plano_plano")

    op.drop_table("historico_plano")
    with op.batch_alter_table("deliberacao", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deliberacao_plano_id"))

    op.drop_table("deliberacao")
    with op.batch_alter_table("alerta", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerta_situacao"))
        batch_op.drop_index(batch_op.f("ix_alerta_ibge7"))

    op.drop_table("alerta")
