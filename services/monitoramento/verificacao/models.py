from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.monitoramento.models import Base
from shared.db import MomentoUTC, agora


class VerificacaoAnual(Base):
    """Verificação anual (Art. 4º §1º, III): metas e indicadores de um município num ano, com o alcançado."""

    __tablename__ = "verificacao_anual"

    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    itens: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    versao: Mapped[int] = mapped_column(Integer)
    autor: Mapped[str] = mapped_column(String(200))
    registrada_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)
