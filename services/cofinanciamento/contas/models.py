"""Contas bancárias por bloco (Art. 26). A unicidade de banco, agência e conta é do banco de dados: uma conta
nunca serve a dois blocos, nem de municípios diferentes (conta centralizadora vedada, parágrafo único)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.cofinanciamento.models import Base
from shared.db import MomentoUTC


class ContaBancaria(Base):
    """A conta vigente de um bloco do município; `versao` cresce a cada troca e guarda a concorrência otimista."""

    __tablename__ = "conta_bancaria"
    __table_args__ = (UniqueConstraint("banco", "agencia", "conta"),)

    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    bloco: Mapped[str] = mapped_column(String(30), primary_key=True)
    banco: Mapped[str] = mapped_column(String(3))
    agencia: Mapped[str] = mapped_column(String(4))
    conta: Mapped[str] = mapped_column(String(22))
    versao: Mapped[int] = mapped_column(Integer)
    atualizada_por: Mapped[str] = mapped_column(String(200))
    atualizada_em: Mapped[datetime] = mapped_column(MomentoUTC)


class HistoricoConta(Base):
    """Cada registro ou troca de conta de um bloco, com quem, os papéis e quando; nunca se altera."""

    __tablename__ = "historico_conta_bancaria"
    __table_args__ = (Index("ix_historico_conta_bancaria_bloco", "ibge7", "bloco", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ibge7: Mapped[str] = mapped_column(String(7))
    bloco: Mapped[str] = mapped_column(String(30))
    versao: Mapped[int] = mapped_column(Integer)
    banco: Mapped[str] = mapped_column(String(3))
    agencia: Mapped[str] = mapped_column(String(4))
    conta: Mapped[str] = mapped_column(String(22))
    autor: Mapped[str] = mapped_column(String(200))
    papeis: Mapped[list[str]] = mapped_column(JSON)
    momento: Mapped[datetime] = mapped_column(MomentoUTC)
