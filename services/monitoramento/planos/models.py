"""Tabelas dos planos. Nada se apaga: o histórico guarda cada passo, com quem e quando."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.monitoramento.models import Base
from shared.db import DecimalExato, MomentoUTC, agora


class InstituicaoLocal(Base):
    """Entidade da rede privada sem fins lucrativos do município (Art. 1º), registrada aqui."""

    __tablename__ = "instituicao_local"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    nome: Mapped[str] = mapped_column(String(200))
    cnpj: Mapped[str] = mapped_column(String(14), unique=True)
    registrada_por: Mapped[str] = mapped_column(String(200))
    registrada_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)


class PlanoProvidencias(Base):
    """Plano de providências (Art. 6º); `versao` cresce a cada mudança e guarda a concorrência otimista."""

    __tablename__ = "plano_providencias"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    instituicao_id: Mapped[str | None] = mapped_column(ForeignKey("instituicao_local.id"), nullable=True)
    titulo: Mapped[str] = mapped_column(String(200))
    unidades: Mapped[list[str]] = mapped_column(JSON)
    situacao: Mapped[str] = mapped_column(String(20), index=True)
    situacao_desde: Mapped[datetime] = mapped_column(MomentoUTC)
    versao: Mapped[int] = mapped_column(Integer)
    prazo: Mapped[date | None] = mapped_column(Date, nullable=True)
    exigido: Mapped[bool] = mapped_column(Boolean, default=False)
    bloqueio_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    prazo_vencido_em: Mapped[datetime | None] = mapped_column(MomentoUTC, nullable=True)
    criado_por: Mapped[str] = mapped_column(String(200))
    criado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)


class Dificuldade(Base):
    """Dificuldade apontada, com a origem e a evidência (Art. 6º, I)."""

    __tablename__ = "dificuldade"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plano_id: Mapped[str] = mapped_column(ForeignKey("plano_providencias.id"), index=True)
    ordem: Mapped[int] = mapped_column(Integer)  # a ordem em que o município as escreveu
    area: Mapped[str] = mapped_column(String(30))
    origem: Mapped[str] = mapped_column(String(20))
    descricao: Mapped[str] = mapped_column(Text)
    evidencia: Mapped[str] = mapped_column(Text)
    alerta_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    criada_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)


class Acao(Base):
    """Ação para superar uma dificuldade, com responsável e prazo (Art. 6º, II e III)."""

    __tablename__ = "acao"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plano_id: Mapped[str] = mapped_column(ForeignKey("plano_providencias.id"), index=True)
    dificuldade_id: Mapped[str] = mapped_column(ForeignKey("dificuldade.id"), index=True)
    ordem: Mapped[int] = mapped_column(Integer)
    descricao: Mapped[str] = mapped_column(Text)
    responsavel: Mapped[str | None] = mapped_column(String(200), nullable=True)
    prazo: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    situacao: Mapped[str] = mapped_column(String(20))
    executada_em: Mapped[datetime | None] = mapped_column(MomentoUTC, nullable=True)


class PlanoApoio(Base):
    """Plano de apoio da SPS, ligado a um plano de providências (Art. 7º)."""

    __tablename__ = "plano_apoio"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plano_providencias_id: Mapped[str] = mapped_column(ForeignKey("plano_providencias.id"), index=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    objetivo: Mapped[str] = mapped_column(Text)
    situacao: Mapped[str] = mapped_column(String(20))
    situacao_desde: Mapped[datetime] = mapped_column(MomentoUTC)
    versao: Mapped[int] = mapped_column(Integer)
    criado_por: Mapped[str] = mapped_column(String(200))
    criado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)


class AcaoApoio(Base):
    """Ação de acompanhamento, assessoria técnica ou apoio financeiro, ligada à dificuldade que enfrenta."""

    __tablename__ = "acao_apoio"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plano_apoio_id: Mapped[str] = mapped_column(ForeignKey("plano_apoio.id"), index=True)
    dificuldade_id: Mapped[str] = mapped_column(ForeignKey("dificuldade.id"))
    ordem: Mapped[int] = mapped_column(Integer)
    tipo: Mapped[str] = mapped_column(String(20))
    descricao: Mapped[str] = mapped_column(Text)
    responsavel: Mapped[str] = mapped_column(String(200))
    prazo: Mapped[date] = mapped_column(Date, index=True)
    valor: Mapped[Decimal | None] = mapped_column(DecimalExato(14, 2), nullable=True)
    situacao: Mapped[str] = mapped_column(String(20))
    executada_em: Mapped[datetime | None] = mapped_column(MomentoUTC, nullable=True)


class Deliberacao(Base):
    """Aprovação ou devolução do CMAS, pactuação ou devolução da CIB: resolução, data e texto."""

    __tablename__ = "deliberacao"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plano_id: Mapped[str] = mapped_column(String(36), index=True)
    instancia: Mapped[str] = mapped_column(String(10))
    decisao: Mapped[str] = mapped_column(String(20))
    numero_resolucao: Mapped[str | None] = mapped_column(String(60), nullable=True)
    data: Mapped[date | None] = mapped_column(Date, nullable=True)
    texto: Mapped[str] = mapped_column(Text)
    registrada_por: Mapped[str] = mapped_column(String(200))
    registrada_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)


class Acompanhamento(Base):
    """Registro de acompanhamento da execução pelo CMAS ou pela SPS (Art. 6º §2º)."""

    __tablename__ = "acompanhamento"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plano_id: Mapped[str] = mapped_column(ForeignKey("plano_providencias.id"), index=True)
    instancia: Mapped[str] = mapped_column(String(10))
    data: Mapped[date] = mapped_column(Date)
    constatacao: Mapped[str] = mapped_column(Text)
    evidencia: Mapped[str | None] = mapped_column(Text, nullable=True)
    autor: Mapped[str] = mapped_column(String(200))
    registrado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)


class RegistroHistorico(Base):
    """Uma linha da linha do tempo de um plano: o que mudou, de que situação a qual, quem, quando, nota."""

    __tablename__ = "historico_plano"
    __table_args__ = (Index("ix_historico_plano_plano", "plano_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plano_id: Mapped[str] = mapped_column(String(36))
    tipo_plano: Mapped[str] = mapped_column(String(12))
    versao: Mapped[int] = mapped_column(Integer)
    momento: Mapped[datetime] = mapped_column(MomentoUTC)
    autor: Mapped[str] = mapped_column(String(200))
    papeis: Mapped[list[str]] = mapped_column(JSON)
    acao: Mapped[str] = mapped_column(String(40))
    situacao_de: Mapped[str | None] = mapped_column(String(20), nullable=True)
    situacao_para: Mapped[str | None] = mapped_column(String(20), nullable=True)
    nota: Mapped[str | None] = mapped_column(Text, nullable=True)
    detalhes: Mapped[dict[str, Any]] = mapped_column(JSON)
