"""Tabelas do Plano de Ação. Nada se apaga: cada preenchimento e cada parecer ficam no histórico, com quem e quando."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.cofinanciamento.models import Base
from shared.db import DecimalExato, MomentoUTC


class PlanoAcaoExercicio(Base):
    """O Plano de Ação de um exercício, aberto pela SPS com o prazo de preenchimento (Art. 24)."""

    __tablename__ = "plano_acao_exercicio"

    exercicio: Mapped[int] = mapped_column(Integer, primary_key=True)
    prazo: Mapped[date] = mapped_column(Date)
    aberto_por: Mapped[str] = mapped_column(String(200))
    aberto_em: Mapped[datetime] = mapped_column(MomentoUTC)


class PlanoAcaoMunicipio(Base):
    """O plano de um município no exercício; `versao` cresce a cada mudança e guarda a concorrência otimista."""

    __tablename__ = "plano_acao_municipio"

    exercicio: Mapped[int] = mapped_column(ForeignKey("plano_acao_exercicio.exercicio"), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    versao: Mapped[int] = mapped_column(Integer)
    calculo_id: Mapped[str] = mapped_column(
        ForeignKey("calculo.id")
    )  # contra o qual os valores foram conferidos
    preenchido_por: Mapped[str] = mapped_column(String(200))
    preenchido_em: Mapped[datetime] = mapped_column(MomentoUTC)
    parecer: Mapped[str | None] = mapped_column(String(12), nullable=True)  # favoravel | desfavoravel
    parecer_motivos: Mapped[str | None] = mapped_column(Text, nullable=True)
    parecer_por: Mapped[str | None] = mapped_column(String(200), nullable=True)
    parecer_em: Mapped[datetime | None] = mapped_column(MomentoUTC, nullable=True)


class UsoPlanejado(Base):
    """Uma linha do plano: uso anual planejado de um componente de um bloco, na ordem em que foi escrita."""

    __tablename__ = "uso_plano_acao"
    __table_args__ = (
        ForeignKeyConstraint(
            ["exercicio", "ibge7"], ["plano_acao_municipio.exercicio", "plano_acao_municipio.ibge7"]
        ),
    )

    exercicio: Mapped[int] = mapped_column(Integer, primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    linha: Mapped[int] = mapped_column(Integer, primary_key=True)
    bloco: Mapped[str] = mapped_column(String(30))
    componente: Mapped[str] = mapped_column(String(40))
    valor_anual: Mapped[Decimal] = mapped_column(DecimalExato(14, 2))
    descricao: Mapped[str] = mapped_column(Text)


class HistoricoPlanoAcao(Base):
    """Cada preenchimento (com os usos) e cada parecer, com quem, os papéis e quando; nunca se altera."""

    __tablename__ = "historico_plano_acao"
    __table_args__ = (Index("ix_historico_plano_acao_municipio", "exercicio", "ibge7", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    exercicio: Mapped[int] = mapped_column(Integer)
    ibge7: Mapped[str] = mapped_column(String(7))
    versao: Mapped[int] = mapped_column(Integer)
    acao: Mapped[str] = mapped_column(String(20))  # preenchimento | parecer
    autor: Mapped[str] = mapped_column(String(200))
    papeis: Mapped[list[str]] = mapped_column(JSON)
    momento: Mapped[datetime] = mapped_column(MomentoUTC)
    detalhes: Mapped[dict[str, Any]] = mapped_column(JSON)
