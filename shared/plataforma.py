"""Tabelas que todo serviço tem: outbox (eventos a publicar) e inbox (eventos já aplicados)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from shared.db import BigIntPK, MomentoUTC, agora


class OutboxMixin:
    """Evento gravado na mesma transação da mudança de estado que o causou (padrão outbox)."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    ce_id: Mapped[str] = mapped_column(String(36), unique=True)
    topico: Mapped[str] = mapped_column(String(200))
    chave: Mapped[str] = mapped_column(String(64))
    tipo: Mapped[str] = mapped_column(String(200))
    assunto: Mapped[str] = mapped_column(String(64))
    corpo: Mapped[str] = mapped_column(Text)
    correlation_id: Mapped[str] = mapped_column(String(64))
    criado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora, index=True)
    publicado_em: Mapped[datetime | None] = mapped_column(MomentoUTC, nullable=True)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Index, ...]:
        # Índice parcial: o relay só procura o que falta publicar.
        return (
            Index(
                "ix_outbox_pendentes",
                "seq",
                postgresql_where="publicado_em IS NULL",
                sqlite_where="publicado_em IS NULL",
            ),
        )


class InboxMixin:
    """Registro de cada evento aplicado por um grupo consumidor: deduplicação na mesma transação."""

    __tablename__ = "inbox"

    grupo: Mapped[str] = mapped_column(String(200), primary_key=True)
    ce_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tipo: Mapped[str] = mapped_column(String(200))
    topico: Mapped[str] = mapped_column(String(200))
    particao: Mapped[int] = mapped_column(Integer)
    deslocamento: Mapped[int] = mapped_column(BigInteger)
    publicado_em: Mapped[datetime] = mapped_column(MomentoUTC)
    processado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)
