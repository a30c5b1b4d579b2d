"""O esquema só nasce das migrações, e as migrações correspondem aos modelos."""

from __future__ import annotations

import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import services
from shared.db import criar_engine
from shared.migracoes import migrar, reverter


async def diferencas(url: str, metadata) -> list:
    engine = criar_engine(url)
    try:
        async with engine.connect() as conexao:
            return await conexao.run_sync(
                lambda c: compare_metadata(
                    MigrationContext.configure(c, opts={"compare_type": False}), metadata
                )
            )
    finally:
        await engine.dispose()


@pytest.mark.postgresql
@pytest.mark.parametrize("nome", services.NOMES)
async def test_migracoes_criam_exatamente_o_esquema_dos_modelos_e_revertem(nome, servicos):
    definicao = services.definicao(nome)
    url = await servicos.url_banco(nome)
    assert await diferencas(url, definicao.metadata) == []
    await asyncio.to_thread(reverter, definicao, url, "base")
    assert len(await diferencas(url, definicao.metadata)) >= 3  # tabelas a criar de novo
    await asyncio.to_thread(migrar, definicao, url)
    assert await diferencas(url, definicao.metadata) == []
