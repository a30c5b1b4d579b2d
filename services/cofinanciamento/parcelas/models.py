"""Parcelas mensais, as gerações que as produziram e os municípios pendentes de cada geração."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.cofinanciamento.models import Base
from shared.db import DecimalExato, MomentoUTC


class GeracaoParcelas(Base):
    """Uma geração das parcelas do exercício a partir de um cálculo: quem, quando e o que mudou. O id cresce: a
    mais recente é a de id maior, mesmo com duas no mesmo instante."""

    __tablename__ = "geracao_parcelas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    exercicio: Mapped[int] = mapped_column(Integer, index=True)
    calculo_id: Mapped[str] = mapped_column(ForeignKey("calculo.id"))
    gerada_por: Mapped[str] = mapped_column(String(200))
    gerada_em: Mapped[datetime] = mapped_column(MomentoUTC)
    resumo: Mapped[dict[str, int]] = mapped_column(JSON)  # criadas, recalculadas, pagas_mantidas, removidas…


class Parcela(Base):
    """Parcela de um bloco a um município num mês, com o cálculo, os componentes e as unidades de onde vem."""

    __tablename__ = "parcela"
    __table_args__ = (UniqueConstraint("exercicio", "ibge7", "bloco", "mes"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    exercicio: Mapped[int] = mapped_column(Integer)
    ibge7: Mapped[str] = mapped_column(String(7))
    bloco: Mapped[str] = mapped_column(String(30))
    mes: Mapped[int] = mapped_column(Integer)
    valor: Mapped[Decimal] = mapped_column(DecimalExato(14, 2))
    situacao: Mapped[str] = mapped_column(String(12))  # prevista, paga, bloqueada, suspensa
    calculo_id: Mapped[str] = mapped_column(ForeignKey("calculo.id"))
    geracao_id: Mapped[int] = mapped_column(ForeignKey("geracao_parcelas.id"))
    componentes: Mapped[dict[str, str]] = mapped_column(JSON)  # componente → valor mensal, texto exato
    unidades: Mapped[list[str]] = mapped_column(JSON)
    memoria: Mapped[str] = mapped_column(Text)
    data_pagamento: Mapped[date | None] = mapped_column(Date, nullable=True)
    valor_pago: Mapped[Decimal | None] = mapped_column(DecimalExato(14, 2), nullable=True)
    conta_pagamento: Mapped[str | None] = mapped_column(String(60), nullable=True)
    pago_por: Mapped[str | None] = mapped_column(String(200), nullable=True)
    pagamento_registrado_em: Mapped[datetime | None] = mapped_column(MomentoUTC, nullable=True)


class PendenciaParcela(Base):
    """Município com valor calculado num bloco e sem parcelas na geração, com o motivo (Plano de Ação, Art. 24)."""

    __tablename__ = "pendencia_parcela"

    geracao_id: Mapped[int] = mapped_column(ForeignKey("geracao_parcelas.id"), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    bloco: Mapped[str] = mapped_column(String(30), primary_key=True)
    valor_mensal: Mapped[Decimal] = mapped_column(DecimalExato(14, 2))
    motivo: Mapped[str] = mapped_column(String(40))
    descricao: Mapped[str] = mapped_column(Text)
