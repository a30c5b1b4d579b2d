from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.ingestao.models import Base, Versionado
from shared.db import MomentoUTC, agora


class RmaCras(Versionado, Base):
    """RMA vigente de um CRAS num mês; `valores` guarda null para o que não foi informado."""

    __tablename__ = "rma_cras"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    mes: Mapped[int] = mapped_column(Integer, primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    valores: Mapped[dict[str, int | None]] = mapped_column(JSON)


class RmaCrasHistorico(Base):
    """Toda versão aceita de cada CRAS e mês, com o lote de onde veio (as correções não apagam nada)."""

    __tablename__ = "rma_cras_historico"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    mes: Mapped[int] = mapped_column(Integer, primary_key=True)
    lote_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    valores: Mapped[dict[str, int | None]] = mapped_column(JSON)
    registrado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)
