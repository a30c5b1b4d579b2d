"""Migrações Alembic de cada serviço, rodadas por comando (`suas-ce migrar`), nunca na importação."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from shared.db import criar_engine

if TYPE_CHECKING:
    from shared.servico import DefinicaoServico


def configuracao(definicao: DefinicaoServico, url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(definicao.pasta_migracoes))
    # Migrações com data no nome: a história lê-se em ordem no diretório.
    cfg.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    cfg.attributes["url"] = url
    cfg.attributes["metadata"] = definicao.metadata
    return cfg


def migrar(definicao: DefinicaoServico, url: str, revisao: str = "head") -> None:
    """Leva o banco do serviço até a revisão (síncrono: chame com asyncio.to_thread em código async)."""
    command.upgrade(configuracao(definicao, url), revisao)


def reverter(definicao: DefinicaoServico, url: str, revisao: str) -> None:
    command.downgrade(configuracao(definicao, url), revisao)


def revisoes(definicao: DefinicaoServico, url: str) -> tuple[frozenset[str], frozenset[str]]:
    """(revisões em que o banco está, heads das migrações do código), sem mudar nada no banco."""
    heads = frozenset(ScriptDirectory.from_config(configuracao(definicao, url)).get_heads())

    async def _atuais() -> frozenset[str]:
        engine = criar_engine(url)
        try:
            async with engine.connect() as conexao:
                return await conexao.run_sync(
                    lambda c: frozenset(MigrationContext.configure(c).get_current_heads())
                )
        finally:
            await engine.dispose()

    return asyncio.run(_atuais()), heads


def executar_env() -> None:
    """Corpo do env.py de todo serviço."""
    cfg = context.config
    url: str = cfg.attributes["url"]
    metadata = cfg.attributes["metadata"]

    def _rodar(conexao: Connection) -> None:
        context.configure(
            connection=conexao,
            target_metadata=metadata,
            render_as_batch=conexao.dialect.name == "sqlite",
            compare_type=False,
        )
        with context.begin_transaction():
            context.run_migrations()

    async def _principal() -> None:
        engine = criar_engine(url)
        try:
            async with engine.connect() as conexao:
                await conexao.run_sync(_rodar)
                await conexao.commit()
        finally:
            await engine.dispose()

    asyncio.run(_principal())
