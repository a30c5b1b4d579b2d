from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import DecimalExato, MomentoUTC, agora


class MunicipioMixin:
    """Município como a referência do IBGE o descreve; `versao` conta as alterações aplicadas."""

    __tablename__ = "municipio"

    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    ibge6: Mapped[str] = mapped_column(String(6), unique=True)
    nome: Mapped[str] = mapped_column(String(120))
    uf: Mapped[str] = mapped_column(String(2))
    capital: Mapped[bool] = mapped_column(Boolean)
    latitude: Mapped[Decimal | None] = mapped_column(DecimalExato(10, 6), nullable=True)
    longitude: Mapped[Decimal | None] = mapped_column(DecimalExato(10, 6), nullable=True)
    populacoes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    lote_id: Mapped[str] = mapped_column(String(36))
    versao: Mapped[int] = mapped_column(Integer)
    atualizado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)
