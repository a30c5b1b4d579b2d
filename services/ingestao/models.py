"""Tabelas do banco próprio do serviço Ingestão."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.db import MomentoUTC, agora, nova_metadata
from shared.municipios.models import MunicipioMixin
from shared.plataforma import InboxMixin, OutboxMixin


class Base(DeclarativeBase):
    metadata = nova_metadata()


class Outbox(OutboxMixin, Base):
    pass


class Inbox(InboxMixin, Base):
    pass


class Versionado:
    """Versão vigente de um dado ingerido: o lote de onde veio, quantas versões teve e quando mudou."""

    lote_id: Mapped[str] = mapped_column(String(36))
    versao: Mapped[int] = mapped_column(Integer)
    atualizado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)


class Municipio(MunicipioMixin, Base):
    """Referência oficial de municípios, contra a qual os demais arquivos são validados."""
