from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.ingestao.models import Base
from shared.db import MomentoUTC, agora


class Lote(Base):
    """Um arquivo recebido: quem, quando, checksum, contagens, o que foi detectado e os erros."""

    __tablename__ = "lote"
    # O mesmo conteúdo em outro período é outro lote (um Centro Pop sem mudanças de um ano para o outro).
    __table_args__ = (UniqueConstraint("tipo", "periodo", "sha256", name="uq_lote_tipo_periodo_sha256"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tipo: Mapped[str] = mapped_column(String(40))
    ano_referencia: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mes_referencia: Mapped[int | None] = mapped_column(Integer, nullable=True)
    periodo: Mapped[str] = mapped_column(String(10), default="referencia")
    parcial: Mapped[bool] = mapped_column(Boolean, default=False)
    arquivo: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    tamanho_bytes: Mapped[int] = mapped_column(Integer)
    enviado_por: Mapped[str] = mapped_column(String(200))
    recebido_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)
    linhas_lidas: Mapped[int] = mapped_column(Integer)
    linhas_validas: Mapped[int] = mapped_column(Integer)
    linhas_rejeitadas: Mapped[int] = mapped_column(Integer)
    registros_alterados: Mapped[int] = mapped_column(Integer)
    situacao: Mapped[str] = mapped_column(String(20))
    deteccao: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    erros: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    mensagem: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    processado_por: Mapped[str | None] = mapped_column(String(80), nullable=True)  # réplica que o processa


class InstanciaViva(Base):
    """Último sinal de vida de cada réplica da ingestão (para saber de quem é um lote `processando`)."""

    __tablename__ = "instancia_viva"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    visto_em: Mapped[datetime] = mapped_column(MomentoUTC)
