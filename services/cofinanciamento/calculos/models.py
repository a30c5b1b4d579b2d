"""Cada cálculo é guardado inteiro e não muda mais: entradas, regras (versão), resultado por município e unidade."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.cofinanciamento.models import Base
from shared.db import DecimalExato, MomentoUTC, agora


class Calculo(Base):
    __tablename__ = "calculo"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    exercicio: Mapped[int] = mapped_column(Integer, index=True)
    mes: Mapped[int] = mapped_column(Integer)
    ano_censo: Mapped[int] = mapped_column(Integer)
    regras_versao: Mapped[int] = mapped_column(Integer)
    impressao_digital: Mapped[str] = mapped_column(String(64))
    entradas: Mapped[dict[str, Any]] = mapped_column(JSON)  # o retrato exato do que entrou: refaz o cálculo
    blocos: Mapped[dict[str, str]] = mapped_column(JSON)
    componentes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    premissas: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    prioridades: Mapped[dict[str, list[dict[str, Any]]]] = mapped_column(JSON)  # por componente
    valor_mensal_total: Mapped[Decimal] = mapped_column(DecimalExato(16, 2))
    criado_por: Mapped[str] = mapped_column(String(200))
    criado_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)


class CalculoMunicipio(Base):
    __tablename__ = "calculo_municipio"

    calculo_id: Mapped[str] = mapped_column(ForeignKey("calculo.id"), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    nome: Mapped[str | None] = mapped_column(String(120), nullable=True)
    porte: Mapped[str | None] = mapped_column(String(20), nullable=True)
    populacao: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    suspenso: Mapped[bool] = mapped_column(Boolean)
    valor_mensal: Mapped[Decimal] = mapped_column(DecimalExato(16, 2))
    blocos: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class CalculoUnidade(Base):
    """O que uma unidade recebe num componente, com a memória de cálculo (Art. 23)."""

    __tablename__ = "calculo_unidade"
    __table_args__ = (Index("ix_calculo_unidade_municipio", "calculo_id", "ibge7"),)

    calculo_id: Mapped[str] = mapped_column(ForeignKey("calculo.id"), primary_key=True)
    componente: Mapped[str] = mapped_column(String(40), primary_key=True)
    id_unidade: Mapped[str] = mapped_column(String(11), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7))
    bloco: Mapped[str] = mapped_column(String(30))
    tipo_unidade: Mapped[str] = mapped_column(String(12))
    situacao: Mapped[str] = mapped_column(String(30))
    motivos: Mapped[list[str]] = mapped_column(JSON)
    valor_piso: Mapped[Decimal | None] = mapped_column(DecimalExato(16, 2), nullable=True)
    valor_mensal: Mapped[Decimal] = mapped_column(DecimalExato(16, 2))
    posicao: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rodada: Mapped[int | None] = mapped_column(Integer, nullable=True)
    posicao_municipio: Mapped[int | None] = mapped_column(Integer, nullable=True)
    memoria: Mapped[dict[str, Any]] = mapped_column(JSON)
