from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.premiacao.models import Base
from shared.db import MomentoUTC, agora


class VersaoRegras(Base):
    """Uma versão do conjunto de regras de um exercício; a de número maior é a vigente. Nunca se altera."""

    __tablename__ = "regras_exercicio"

    exercicio: Mapped[int] = mapped_column(Integer, primary_key=True)
    versao: Mapped[int] = mapped_column(Integer, primary_key=True)
    regras: Mapped[dict[str, Any]] = mapped_column(JSON)
    alteracoes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    autor: Mapped[str] = mapped_column(String(200))
    criada_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)
