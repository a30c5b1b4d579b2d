from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.monitoramento.models import Base
from shared.db import MomentoUTC, agora


class Unidade(Base):
    """Unidade (CRAS, CREAS, Centro Pop, acolhimento) como o Censo SUAS mais recente a descreve."""

    __tablename__ = "unidade"

    id_unidade: Mapped[str] = mapped_column(String(11), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    tipo: Mapped[str] = mapped_column(String(12))
    nome: Mapped[str] = mapped_column(String(200))
    ano: Mapped[int] = mapped_column(Integer)


class Alerta(Base):
    """Evidência que pede revisão da SPS; um por regra, unidade e ano (o reenvio do dado não duplica)."""

    __tablename__ = "alerta"
    __table_args__ = (UniqueConstraint("regra", "id_unidade", "ano"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    regra: Mapped[str] = mapped_column(String(40))
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    id_unidade: Mapped[str] = mapped_column(String(11))
    ano: Mapped[int] = mapped_column(Integer)
    descricao: Mapped[str] = mapped_column(Text)
    evidencia: Mapped[dict[str, Any]] = mapped_column(JSON)
    situacao: Mapped[str] = mapped_column(String(12), index=True)
    motivo: Mapped[str | None] = mapped_column(Text, nullable=True)
    plano_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    dificuldade_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    criado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)
    resolvido_por: Mapped[str | None] = mapped_column(String(200), nullable=True)
    resolvido_em: Mapped[datetime | None] = mapped_column(MomentoUTC, nullable=True)
