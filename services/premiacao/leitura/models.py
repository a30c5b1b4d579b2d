"""Tabelas da leitura: a versão mais nova de cada dado por (unidade, período)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.premiacao.models import Base
from shared.db import DecimalExato, MomentoUTC


class CensoCras(Base):
    """CRAS no Censo SUAS de um ano (nome e município)."""

    __tablename__ = "censo_cras"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    nome: Mapped[str] = mapped_column(String(200))
    lote_id: Mapped[str] = mapped_column(String(36))


class Idcras(Base):
    __tablename__ = "idcras"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    idcras: Mapped[Decimal] = mapped_column(DecimalExato(5, 2))
    estrutura_fisica: Mapped[int] = mapped_column(Integer)
    recursos_humanos: Mapped[int] = mapped_column(Integer)
    servicos: Mapped[int] = mapped_column(Integer)
    lote_id: Mapped[str] = mapped_column(String(36))


class RmaScfv(Base):
    """Campos do bloco do SCFV (d1–d8) do RMA de um CRAS num mês; null = não informado.

    Em colunas, não em JSON: a soma do ano sai do banco (SUM ignora null e dá null se nenhum mês informou).
    """

    __tablename__ = "rma_scfv"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    mes: Mapped[int] = mapped_column(Integer, primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    d1: Mapped[int | None] = mapped_column(Integer, nullable=True)
    d2: Mapped[int | None] = mapped_column(Integer, nullable=True)
    d3: Mapped[int | None] = mapped_column(Integer, nullable=True)
    d4: Mapped[int | None] = mapped_column(Integer, nullable=True)
    d5: Mapped[int | None] = mapped_column(Integer, nullable=True)
    d6: Mapped[int | None] = mapped_column(Integer, nullable=True)
    d7: Mapped[int | None] = mapped_column(Integer, nullable=True)
    d8: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lote_id: Mapped[str] = mapped_column(String(36))


class Sisc(Base):
    __tablename__ = "sisc"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    mes: Mapped[int] = mapped_column(Integer, primary_key=True)
    faixa_etaria: Mapped[str] = mapped_column(String(5), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    usuarios_atendidos: Mapped[int] = mapped_column(Integer)
    capacidade_atendimento: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lote_id: Mapped[str] = mapped_column(String(36))


class PlanoProvidencias(Base):
    """Plano de providências como o monitoramento o publicou por último."""

    __tablename__ = "plano_providencias"

    plano_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    unidades: Mapped[list[str]] = mapped_column(JSON)
    situacao: Mapped[str] = mapped_column(String(30))
    versao: Mapped[int] = mapped_column(Integer)


class PlanoProvidenciasSituacao(Base):
    """Histórico de situações de cada plano: a apuração verifica o plano ativo numa data de referência."""

    __tablename__ = "plano_providencias_situacao"

    plano_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    versao: Mapped[int] = mapped_column(Integer, primary_key=True)
    situacao: Mapped[str] = mapped_column(String(30))
    desde: Mapped[datetime] = mapped_column(MomentoUTC)
