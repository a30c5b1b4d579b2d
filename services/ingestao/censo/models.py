from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.ingestao.models import Base, Versionado
from shared.db import DecimalExato


class Idcras(Versionado, Base):
    """IDCRAS vigente de um CRAS num ano; uma correção (lote novo) substitui e incrementa a versão."""

    __tablename__ = "idcras"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    idcras: Mapped[Decimal] = mapped_column(DecimalExato(5, 2))
    estrutura_fisica: Mapped[int] = mapped_column(Integer)
    recursos_humanos: Mapped[int] = mapped_column(Integer)
    servicos: Mapped[int] = mapped_column(Integer)


class CensoCras(Versionado, Base):
    """Dados gerais vigentes de um CRAS num ano do Censo SUAS."""

    __tablename__ = "censo_cras"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    nome: Mapped[str] = mapped_column(String(200))
    data_implantacao: Mapped[date | None] = mapped_column(Date, nullable=True)
    localizacao: Mapped[int | None] = mapped_column(Integer, nullable=True)
    familias_referenciadas: Mapped[int | None] = mapped_column(Integer, nullable=True)
    dias_semana: Mapped[int | None] = mapped_column(Integer, nullable=True)
    horas_dia: Mapped[int | None] = mapped_column(Integer, nullable=True)
    latitude: Mapped[Decimal | None] = mapped_column(DecimalExato(10, 6), nullable=True)
    longitude: Mapped[Decimal | None] = mapped_column(DecimalExato(10, 6), nullable=True)


class EquipeCras(Versionado, Base):
    """Contagens da equipe de um CRAS num ano. Nomes, CPF e datas de nascimento nunca chegam aqui."""

    __tablename__ = "equipe_cras"

    id_cras: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    total: Mapped[int] = mapped_column(Integer)
    assistentes_sociais: Mapped[int] = mapped_column(Integer)
    psicologos: Mapped[int] = mapped_column(Integer)
    por_profissao: Mapped[dict[str, int]] = mapped_column(JSON)
    por_vinculo: Mapped[dict[str, int]] = mapped_column(JSON)


class Unidade(Versionado, Base):
    """CREAS, Centro Pop ou unidade de acolhimento num ano do Censo SUAS."""

    __tablename__ = "unidade"

    id_unidade: Mapped[str] = mapped_column(String(11), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    tipo_unidade: Mapped[str] = mapped_column(String(20))
    ibge7: Mapped[str] = mapped_column(String(7), index=True)
    nome: Mapped[str] = mapped_column(String(200))
    oferta_paefi: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    modalidade_acolhimento: Mapped[int | None] = mapped_column(Integer, nullable=True)
    publico: Mapped[int | None] = mapped_column(Integer, nullable=True)
    capacidade: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Conselhos(Versionado, Base):
    """Situação dos conselhos de um município num ano (0 não instituído, 1 instituído, 2 funcionando)."""

    __tablename__ = "conselhos"

    ibge7: Mapped[str] = mapped_column(String(7), primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, primary_key=True)
    cmas: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cmdca: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conselho_tutelar: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conselho_idoso: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conselho_mulher: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conselho_pcd: Mapped[int | None] = mapped_column(Integer, nullable=True)
