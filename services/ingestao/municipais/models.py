from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.ingestao.models import Base, Versionado
from shared.db import DecimalExato


class Sisc(Versionado, Base):
    """SCFV de um CRAS num mês e faixa etária (agregado; o SISC individual nunca entra)."""

    __tablename__ = "sisc"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    mes: Mapped[int] = mapped_column(Integer, primary_key=True)
    faixa_etaria: Mapped[str] = mapped_column(String(5), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    usuarios_atendidos: Mapped[int] = mapped_column(Integer)
    capacidade_atendimento: Mapped[int | None] = mapped_column(Integer, nullable=True)


class IndicadorMunicipal(Versionado, Base):
    __tablename__ = "indicador_municipal"

    indicador: Mapped[str] = mapped_column(String(60), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    valor: Mapped[Decimal] = mapped_column(DecimalExato(20, 6))
    fonte: Mapped[str] = mapped_column(String(200))


class SaldoConta(Versionado, Base):
    __tablename__ = "saldo_conta"

    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    bloco: Mapped[str] = mapped_column(String(30), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    mes: Mapped[int] = mapped_column(Integer, primary_key=True)
    saldo: Mapped[Decimal] = mapped_column(DecimalExato(18, 2))
