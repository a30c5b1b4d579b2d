"""Fixtures da suíte: broker Tansu real, bancos migrados (SQLite e PostgreSQL), serviços em processo."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

import services
from shared.broker_local import BrokerLocal, porta_livre
from shared.http.app import criar_app
from shared.http.seguranca import emitir_token
from shared.migracoes import migrar
from shared.servico import Runtime
from shared.settings import ServiceSettings

URL_POSTGRES = os.environ.get("SUAS_TESTE_POSTGRES_URL", "")


@pytest.fixture(scope="session")
def broker() -> Iterator[BrokerLocal]:
    local = BrokerLocal(porta_livre())
    local.iniciar()
    yield local
    local.parar()


@pytest.fixture(scope="session")
def modelos_sqlite(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Um banco SQLite migrado por serviço; cada teste recebe uma cópia (isolamento total e barato)."""
    pasta = tmp_path_factory.mktemp("modelos")
    modelos = {}
    for nome in services.NOMES:
        arquivo = pasta / f"{nome}.db"
        migrar(services.definicao(nome), f"sqlite+aiosqlite:///{arquivo}")
        modelos[nome] = arquivo
    return modelos


class BancosPostgres:
    """Um banco novo por serviço e teste, criado a partir de um modelo já migrado."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._modelos: set[str] = set()

    async def _executar(self, sql: str) -> None:
        import asyncpg

        dsn = self.url.replace("postgresql+asyncpg://", "postgresql://")
        conexao = await asyncpg.connect(dsn)
        try:
            await conexao.execute(sql)
        finally:
            await conexao.close()

    async def novo(self, servico: str) -> str:
        modelo = f"modelo_{servico}"
        if modelo not in self._modelos:
            await self._executar(f"DROP DATABASE IF EXISTS {modelo}")
            await self._executar(f"CREATE DATABASE {modelo}")
            await asyncio.to_thread(migrar, services.definicao(servico), self._url_de(modelo))
            self._modelos.add(modelo)
        nome = f"t_{servico}_{uuid.uuid4().hex[:10]}"
        await self._executar(f"CREATE DATABASE {nome} TEMPLATE {modelo}")
        return self._url_de(nome)

    def _url_de(self, banco: str) -> str:
        return self.url.rsplit("/", 1)[0] + "/" + banco


@pytest.fixture(scope="session")
def bancos_postgres() -> BancosPostgres | None:
    return BancosPostgres(URL_POSTGRES) if URL_POSTGRES else None


@pytest.fixture
def banco(request: pytest.FixtureRequest) -> str:
    """Backend do banco; testes marcados com `postgresql` rodam também em PostgreSQL."""
    return str(getattr(request, "param", "sqlite"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "banco" in metafunc.fixturenames and metafunc.definition.get_closest_marker("postgresql"):
        metafunc.parametrize("banco", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def prefixo() -> str:
    """Tópicos e grupos únicos por teste: testes não enxergam os eventos uns dos outros."""
    return f"t{uuid.uuid4().hex[:10]}."


@dataclass
class ServicoEmTeste:
    nome: str
    settings: ServiceSettings
    app: FastAPI
    cliente: httpx.AsyncClient

    @property
    def runtime(self) -> Runtime:
        runtime: Runtime = self.app.state.runtime
        return runtime

    async def esperar_municipio(self, ibge7: str, *, timeout: float = 20) -> dict[str, Any]:
        """Espera o município chegar (pelo barramento) e devolve o que a API mostra dele."""
        url = f"/api/v1/municipios/{ibge7}"

        async def chegou() -> bool:
            return (await self.cliente.get(url, headers=cabecalho_token("leitura"))).status_code == 200

        await esperar(chegou, timeout=timeout)
        return dict((await self.cliente.get(url, headers=cabecalho_token("leitura"))).json())

    async def esperar_total_municipios(self, total: int, *, timeout: float = 30) -> None:
        async def completo() -> bool:
            r = await self.cliente.get(
                "/api/v1/municipios", params={"tamanho": 1}, headers=cabecalho_token("leitura")
            )
            return bool(r.json()["total"] == total)

        await esperar(completo, timeout=timeout)


class Servicos:
    def __init__(
        self,
        *,
        broker: BrokerLocal,
        prefixo: str,
        banco: str,
        modelos_sqlite: dict[str, Path],
        bancos_postgres: BancosPostgres | None,
        pasta: Path,
    ) -> None:
        self.broker = broker
        self.prefixo = prefixo
        self.banco = banco
        self._modelos = modelos_sqlite
        self._postgres = bancos_postgres
        self._pasta = pasta
        self.pilha = AsyncExitStack()

    async def url_banco(self, nome: str) -> str:
        if self.banco == "postgresql":
            if self._postgres is None:
                pytest.skip("sem PostgreSQL de teste (SUAS_TESTE_POSTGRES_URL); veja o aviso do make test")
            return await self._postgres.novo(nome)
        destino = self._pasta / f"{nome}-{uuid.uuid4().hex[:6]}.db"
        shutil.copy(self._modelos[nome], destino)
        return f"sqlite+aiosqlite:///{destino}"

    async def settings(self, nome: str, **extras: Any) -> ServiceSettings:
        valores: dict[str, Any] = {
            "ambiente": "teste",
            "kafka_bootstrap_servers": self.broker.bootstrap,
            "kafka_prefixo_topicos": self.prefixo,
            "kafka_grupo_consumidor": f"{self.prefixo}{nome}",
            "kafka_session_timeout_ms": 1000,
            "kafka_heartbeat_interval_ms": 200,
            "kafka_metadata_max_age_ms": 1000,
            "kafka_request_timeout_ms": 3000,
            "outbox_intervalo_s": 0.1,
            "consumidor_espera_inicial_s": 0.05,
            "consumidor_espera_maxima_s": 0.5,
            **extras,
        }
        if "database_url" not in valores:
            valores["database_url"] = await self.url_banco(nome)
        return services.definicao(nome).settings.carregar(**valores)

    async def iniciar(self, nome: str, **extras: Any) -> ServicoEmTeste:
        settings = await self.settings(nome, **extras)
        app = criar_app(services.definicao(nome), settings)
        await self.pilha.enter_async_context(app.router.lifespan_context(app))
        cliente = await self.pilha.enter_async_context(
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{nome}")
        )
        return ServicoEmTeste(nome=nome, settings=settings, app=app, cliente=cliente)


@pytest.fixture
async def servicos(
    broker: BrokerLocal,
    prefixo: str,
    banco: str,
    modelos_sqlite: dict[str, Path],
    bancos_postgres: BancosPostgres | None,
    tmp_path: Path,
) -> AsyncIterator[Servicos]:
    fabrica = Servicos(
        broker=broker,
        prefixo=prefixo,
        banco=banco,
        modelos_sqlite=modelos_sqlite,
        bancos_postgres=bancos_postgres,
        pasta=tmp_path,
    )
    async with fabrica.pilha:
        yield fabrica


def cabecalho_token(*papeis: str, **claims: Any) -> dict[str, str]:
    """Cabeçalho Authorization com um token local: cabecalho_token("municipio", ibge7="2304400")."""
    settings = services.definicao("ingestao").settings.carregar(ambiente="teste")
    bruto = emitir_token(settings, sub="teste@sps.ce.gov.br", papeis=list(papeis), **claims)
    return {"Authorization": f"Bearer {bruto}"}


@pytest.fixture
def token() -> Callable[..., dict[str, str]]:
    return cabecalho_token


async def esperar(condicao: Callable[[], Any], *, timeout: float = 20, intervalo: float = 0.05) -> None:
    """Espera uma condição (função async ou sync) ficar verdadeira; falha com o tempo esgotado."""
    limite = asyncio.get_running_loop().time() + timeout
    while True:
        resultado = condicao()
        if asyncio.iscoroutine(resultado):
            resultado = await resultado
        if resultado:
            return
        if asyncio.get_running_loop().time() > limite:
            raise AssertionError(f"condição não atingida em {timeout} s")
        await asyncio.sleep(intervalo)
