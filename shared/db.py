"""Banco de cada serviço: SQLAlchemy 2 assíncrono, SQLite local por padrão, PostgreSQL por URL."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    String,
    TypeDecorator,
    event,
    insert,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.types import TypeEngine

# Nomes de constraints estáveis: migrações iguais em SQLite e PostgreSQL.
CONVENCAO_NOMES = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SOMENTE_LEITURA = "suas_somente_leitura"

# SQLite só faz autoincremento em INTEGER PRIMARY KEY; em PostgreSQL o contador é BIGINT.
BigIntPK = BigInteger().with_variant(Integer(), "sqlite")


def nova_metadata() -> MetaData:
    return MetaData(naming_convention=CONVENCAO_NOMES)


def agora() -> datetime:
    return datetime.now(UTC)


class MomentoUTC(TypeDecorator[datetime]):
    """Data-hora sempre com fuso (UTC): SQLite guarda texto sem fuso, e o valor volta com UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("data-hora sem fuso horário")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class DecimalExato(TypeDecorator[Decimal]):
    """NUMERIC no PostgreSQL; texto no SQLite, que guardaria NUMERIC como ponto flutuante."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precisao: int = 18, escala: int = 2) -> None:
        super().__init__(precisao, escala)
        self.precisao = precisao
        self.escala = escala

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(40))
        return dialect.type_descriptor(Numeric(self.precisao, self.escala, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        exato = Decimal(value).quantize(Decimal(1).scaleb(-self.escala))
        return str(exato) if dialect.name == "sqlite" else exato

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(str(value)).quantize(Decimal(1).scaleb(-self.escala))


def criar_engine(url: str, **opcoes: Any) -> AsyncEngine:
    if url.startswith("sqlite"):
        caminho = url.split(":///", 1)[-1]
        if caminho and caminho != ":memory:":
            # Sem a pasta o banco não abre; o /readyz e as migrações dizem isso, não a importação.
            with contextlib.suppress(OSError):
                Path(caminho).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30}, **opcoes)
        _configurar_sqlite(engine)
        return engine
    return create_async_engine(url, pool_pre_ping=True, **opcoes)


def _configurar_sqlite(engine: AsyncEngine) -> None:
    # O driver sqlite3 abre transações por conta própria e quebra SAVEPOINT; assumimos o BEGIN.
    # IMMEDIATE reserva a escrita no início: sem isso, dois escritores concorrentes (API, consumidor,
    # relay) podem falhar com SQLITE_BUSY ao promover a leitura a escrita.
    @event.listens_for(engine.sync_engine, "connect")
    def _ao_conectar(conexao_dbapi: Any, _registro: Any) -> None:
        conexao_dbapi.isolation_level = None
        cursor = conexao_dbapi.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _ao_iniciar(conexao: Any) -> None:
        # Leituras não disputam a escrita: no WAL elas veem um retrato consistente sem bloquear ninguém.
        leitura = conexao.get_execution_options().get(SOMENTE_LEITURA, False)
        conexao.exec_driver_sql("BEGIN" if leitura else "BEGIN IMMEDIATE")


def criar_fabrica_sessoes(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def marcar_somente_leitura(sessao: AsyncSession) -> None:
    """A transação que começa agora só lê (no SQLite não reserva a escrita; no PostgreSQL é READ ONLY)."""
    conexao = await sessao.connection(execution_options={SOMENTE_LEITURA: True})
    if conexao.dialect.name == "postgresql":
        await conexao.execute(text("SET TRANSACTION READ ONLY"))


async def inserir_em_massa(sessao: AsyncSession, modelo: type[Any], linhas: list[dict[str, Any]]) -> None:
    """INSERT de muitas linhas (executemany) direto na conexão da sessão, na mesma transação: pelo
    caminho em massa do ORM cada linha custa uns 40% a mais, e aqui são dezenas de milhares."""
    if linhas:
        conexao = await sessao.connection()
        await conexao.execute(insert(modelo), linhas)


async def banco_acessivel(engine: AsyncEngine) -> bool:
    try:
        async with engine.connect() as conexao:
            await conexao.execute(text("SELECT 1"))
        return True
    except Exception:  # qualquer falha de conexão torna o serviço não pronto
        return False


async def _insercao(sessao: AsyncSession, modelo: type[Any]) -> Any:
    dialeto = (await sessao.connection()).dialect.name
    inserir = postgresql.insert if dialeto == "postgresql" else sqlite.insert
    return inserir(modelo.__table__)


async def gravar_vigentes(sessao: AsyncSession, modelo: type[Any], linhas: list[dict[str, Any]]) -> None:
    """Insere ou substitui pela chave primária (a versão mais nova de cada chave fica; a última da lista vence)."""
    if not linhas:
        return
    tabela = modelo.__table__
    chaves = [c.name for c in tabela.primary_key.columns]
    unicas = list({tuple(linha[c] for c in chaves): linha for linha in linhas}.values())
    comando = await _insercao(sessao, modelo)
    atualizar = {c.name: comando.excluded[c.name] for c in tabela.columns if c.name not in chaves}
    await sessao.execute(comando.on_conflict_do_update(index_elements=chaves, set_=atualizar), unicas)


async def inserir_novos(
    sessao: AsyncSession, modelo: type[Any], linhas: list[dict[str, Any]], *, chaves: list[str]
) -> None:
    """Insere só as linhas cuja chave (única) ainda não existe; as existentes ficam como estão."""
    if not linhas:
        return
    comando = await _insercao(sessao, modelo)
    await sessao.execute(comando.on_conflict_do_nothing(index_elements=chaves), linhas)
