from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.cofinanciamento.models import Base
from shared.db import DecimalExato, MomentoUTC


class Sancao(Base):
    """Estado de um bloco de um município: regular, bloqueado ou suspenso; sem linha = regular."""

    __tablename__ = "sancao"

    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    bloco: Mapped[str] = mapped_column(String(30), primary_key=True)
    estado: Mapped[str] = mapped_column(String(12))
    bloqueio_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    desde: Mapped[datetime] = mapped_column(MomentoUTC)


class HistoricoSancao(Base):
    """Cada mudança de estado, com o saldo, a parcela, o motivo (memória) e o bloqueio a que pertence."""

    __tablename__ = "historico_sancao"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    bloco: Mapped[str] = mapped_column(String(30))
    de: Mapped[str] = mapped_column(String(12))
    para: Mapped[str] = mapped_column(String(12))
    transicao: Mapped[str] = mapped_column(String(20))
    bloqueio_id: Mapped[str] = mapped_column(String(64))
    saldo: Mapped[Decimal] = mapped_column(DecimalExato(16, 2))
    parcela_mensal: Mapped[Decimal] = mapped_column(DecimalExato(16, 2))
    motivo: Mapped[str] = mapped_column(Text)
    momento: Mapped[datetime] = mapped_column(MomentoUTC)
