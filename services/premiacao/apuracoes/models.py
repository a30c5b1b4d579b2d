from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.premiacao.models import Base
from shared.db import MomentoUTC, agora


class Apuracao(Base):
    """Resultado de uma apuração; o conteúdo nunca muda (só a publicação e a substituição se anotam)."""

    __tablename__ = "apuracao"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    exercicio: Mapped[int] = mapped_column(Integer, index=True)
    regras_versao: Mapped[int] = mapped_column(Integer)
    impressao_digital: Mapped[str] = mapped_column(String(64))
    criada_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)
    criada_por: Mapped[str] = mapped_column(String(200))
    situacao: Mapped[str] = mapped_column(String(20))
    publicada_em: Mapped[datetime | None] = mapped_column(MomentoUTC, nullable=True)
    publicada_por: Mapped[str | None] = mapped_column(String(200), nullable=True)
    substituida_por: Mapped[str | None] = mapped_column(String(36), nullable=True)
    resultado: Mapped[dict[str, Any]] = mapped_column(JSON)


class ApuracaoCras(Base):
    """Uma linha da classificação (apto ou não), para paginar e filtrar sem ler o resultado inteiro."""

    __tablename__ = "apuracao_cras"

    apuracao_id: Mapped[str] = mapped_column(ForeignKey("apuracao.id"), primary_key=True)
    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ordem: Mapped[int] = mapped_column(Integer)
    ibge7: Mapped[str] = mapped_column(String(7))
    apto: Mapped[bool] = mapped_column(Boolean)
    premiado: Mapped[bool] = mapped_column(Boolean)
    linha: Mapped[dict[str, Any]] = mapped_column(JSON)
