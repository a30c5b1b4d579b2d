from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.ingestao.models import Base
from shared.db import DecimalExato, MomentoUTC, agora


class Idcras(Base):
    """IDCRAS vigente de um CRAS num ano; uma correção (lote novo) substitui e incrementa a versão."""

    __tablename__ = "idcras"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    idcras: Mapped[Decimal] = mapped_column(DecimalExato(5, 2))
    estrutura_fisica: Mapped[int] = mapped_column(Integer)
    recursos_humanos: Mapped[int] = mapped_column(Integer)
    servicos: Mapped[int] = mapped_column(Integer)
    lote_id: Mapped[str] = mapped_column(String(36))
    versao: Mapped[int] = mapped_column(Integer)
    atualizado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)
