"""Tabelas do banco próprio do serviço Ingestão."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from shared.db import nova_metadata
from shared.municipios.models import MunicipioMixin
from shared.plataforma import InboxMixin, OutboxMixin


class Base(DeclarativeBase):
    metadata = nova_metadata()


class Outbox(OutboxMixin, Base):
    pass


class Inbox(InboxMixin, Base):
    pass


class Municipio(MunicipioMixin, Base):
    """Referência oficial de municípios, contra a qual os demais arquivos são validados."""
