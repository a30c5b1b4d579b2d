"""Tabelas de leitura do cofinanciamento, uma por evento da ingestão, com a chave do dado (unidade/município e período)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.cofinanciamento.models import Base
from shared.db import DecimalExato


class CensoCras(Base):
    __tablename__ = "censo_cras"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    nome: Mapped[str] = mapped_column(String(200))
    familias_referenciadas: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lote_id: Mapped[str] = mapped_column(String(36))


class UnidadeEspecial(Base):
    """CREAS, Centro Pop ou acolhimento no Censo SUAS do ano."""

    __tablename__ = "unidade_especial"

    id_unidade: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    tipo_unidade: Mapped[str] = mapped_column(String(12))
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    nome: Mapped[str] = mapped_column(String(200))
    oferta_paefi: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    modalidade_acolhimento: Mapped[int | None] = mapped_column(Integer, nullable=True)
    publico: Mapped[int | None] = mapped_column(Integer, nullable=True)
    capacidade: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lote_id: Mapped[str] = mapped_column(String(36))


class ConselhosMunicipio(Base):
    __tablename__ = "conselhos"

    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    cmas: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cmdca: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conselho_tutelar: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conselho_idoso: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conselho_mulher: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conselho_pcd: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lote_id: Mapped[str] = mapped_column(String(36))


class IndicadorMunicipal(Base):
    __tablename__ = "indicador_municipal"

    indicador: Mapped[str] = mapped_column(String(60), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    valor: Mapped[Decimal] = mapped_column(DecimalExato(18, 6))
    fonte: Mapped[str] = mapped_column(String(200))
    lote_id: Mapped[str] = mapped_column(String(36))


class SaldoConta(Base):
    """Saldo em conta de um bloco no fim do mês (extrato informado pelo município, via ingestão)."""

    __tablename__ = "saldo_conta"

    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    bloco: Mapped[str] = mapped_column(String(30), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    mes: Mapped[int] = mapped_column(Integer, primary_key=True)
    saldo: Mapped[Decimal] = mapped_column(DecimalExato(16, 2))
    lote_id: Mapped[str] = mapped_column(String(36))


class PlanoProvidencias(Base):
    """Plano de providências como o monitoramento o publicou por último (para as sanções por saldo)."""

    __tablename__ = "plano_providencias"

    plano_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    situacao: Mapped[str] = mapped_column(String(20))
    versao_plano: Mapped[int] = mapped_column(Integer)
    bloqueio_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    prazo: Mapped[date | None] = mapped_column(Date, nullable=True)
    prazo_vencido: Mapped[bool] = mapped_column(Boolean, default=False)
