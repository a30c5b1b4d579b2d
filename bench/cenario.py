"""A bancada: um broker Tansu e, por benchmark, um par novo de serviços ligados pelo barramento.

O produtor é a Ingestão (o relay publica o seu outbox); o consumidor é o Cofinanciamento (aplica
`MunicipioRegistrado` na tabela `municipio`). Cada par tem bancos, prefixo de tópicos e grupo
próprios, para que um benchmark não herde fila nem offsets do anterior.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import services
from shared.eventos.catalogo import CATALOGO
from shared.eventos.esquemas import MunicipioRegistrado, Populacao
from shared.kafka import garantir_topicos
from shared.migracoes import migrar
from shared.servico import Runtime

PRODUTOR = "ingestao"
CONSUMIDOR = "cofinanciamento"


@dataclass(frozen=True)
class Parametros:
    eventos_vazao: int = 100_000
    por_transacao_vazao: int = 5_000
    taxa_latencia: int = 5_000  # eventos/s oferecidos no teste de latência
    duracao_latencia_s: float = 10.0
    por_transacao_latencia: int = 50
    repeticoes_isolado: int = 20
    timeout_s: float = 300.0  # espera máxima pelo consumidor, para o bench nunca travar


class MedidorCpu:
    """Tempo de CPU gasto desde a criação: deste processo (todas as threads) e do broker."""

    def __init__(self, pid_broker: int | None) -> None:
        self._pid = pid_broker
        self._inicio = self._ler()

    def _ler(self) -> tuple[float, float]:
        return time.process_time(), _cpu_de(self._pid)

    def parcial(self) -> tuple[float, float]:
        python, broker = self._ler()
        return python - self._inicio[0], broker - self._inicio[1]


def _cpu_de(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        campos = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    # Depois do nome do comando, o campo 3 (estado) é o índice 0: utime (14) e stime (15) são 11 e 12.
    return (int(campos[11]) + int(campos[12])) / os.sysconf("SC_CLK_TCK")


class Leitor:
    """Lê os bancos SQLite por fora, numa conexão própria em autocommit.

    As sessões do serviço abrem `BEGIN IMMEDIATE` até para ler; observar por elas disputaria a
    trava de escrita com o consumidor medido.
    """

    def __init__(self, caminho: Path) -> None:
        self.caminho = caminho

    def _consultar(self, sql: str) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(self.caminho, timeout=30, isolation_level=None)) as conexao:
            return conexao.execute(sql).fetchall()

    async def consultar(self, sql: str) -> list[tuple[Any, ...]]:
        return await asyncio.to_thread(self._consultar, sql)

    async def escalar(self, sql: str) -> Any:
        return (await self.consultar(sql))[0][0]


def momento(valor: object) -> datetime:
    """Data-hora como o SQLAlchemy a guarda no SQLite: texto ISO sem fuso, sempre UTC."""
    return datetime.fromisoformat(str(valor)).replace(tzinfo=UTC)


class Par:
    def __init__(self, produtor: Runtime, consumidor: Runtime, pasta: Path) -> None:
        self.produtor = produtor
        self.consumidor = consumidor
        self.banco_produtor = Leitor(pasta / f"{PRODUTOR}.db")
        self.banco_consumidor = Leitor(pasta / f"{CONSUMIDOR}.db")
        self.produzidos = 0  # eventos confirmados no outbox (inclui o aquecimento)
        self._proximo = 0
        self._lote = str(uuid.uuid4())

    def eventos(self, quantidade: int) -> list[MunicipioRegistrado]:
        """Municípios sintéticos com códigos distintos: cada evento cria uma linha nova."""
        inicio, self._proximo = self._proximo, self._proximo + quantidade
        return [_municipio(i, self._lote) for i in range(inicio, inicio + quantidade)]

    async def gravar(self, eventos: Sequence[MunicipioRegistrado], *, por_transacao: int) -> None:
        for inicio in range(0, len(eventos), por_transacao):
            await self.gravar_transacao(eventos[inicio : inicio + por_transacao])

    async def gravar_transacao(self, eventos: Sequence[MunicipioRegistrado]) -> None:
        async with self.produtor.nova_uow() as uow:
            for evento in eventos:
                uow.publicar(evento)
            await uow.commit()
        self.produzidos += len(eventos)

    async def aplicados(self) -> int:
        return int(await self.banco_consumidor.escalar("SELECT count(*) FROM inbox"))

    async def esperar_consumo(self, *, timeout: float, intervalo: float = 0.1) -> bool:
        """Espera a inbox do consumidor alcançar tudo o que foi produzido; False se o tempo acabar."""
        limite = time.monotonic() + timeout
        while await self.aplicados() < self.produzidos:
            if time.monotonic() > limite:
                return False
            await asyncio.sleep(intervalo)
        return True


def _municipio(i: int, lote: str) -> MunicipioRegistrado:
    # ibge6 também é único na tabela: não pode ser um prefixo do ibge7 sintético.
    return MunicipioRegistrado(
        ibge7=f"{2_300_000 + i:07d}",
        ibge6=f"{i:06d}",
        nome=f"Município sintético {i}",
        uf="CE",
        capital=False,
        latitude=Decimal("-3.716220"),
        longitude=Decimal("-38.542800"),
        populacoes=(Populacao(base="censo_2022", ano=2022, habitantes=10_000 + i),),
        lote_id=lote,
    )


class Bancada:
    """O que os benchmarks recebem: parâmetros, o broker e a fábrica de pares de serviços."""

    def __init__(
        self, *, bootstrap: str, pasta: Path, parametros: Parametros, pid_broker: int | None
    ) -> None:
        self.bootstrap = bootstrap
        self.pasta = pasta
        self.parametros = parametros
        self.pid_broker = pid_broker

    def medidor_cpu(self) -> MedidorCpu:
        return MedidorCpu(self.pid_broker)

    @asynccontextmanager
    async def par(self, nome: str) -> AsyncIterator[Par]:
        """Sobe produtor e consumidor já aquecidos (grupo formado, produtor conectado)."""
        rodada = f"{nome}-{uuid.uuid4().hex[:8]}"
        pasta = self.pasta / rodada
        pasta.mkdir()
        runtimes: list[Runtime] = []
        iniciados: list[Runtime] = []
        try:
            for servico in (PRODUTOR, CONSUMIDOR):
                definicao = services.definicao(servico)
                url = f"sqlite+aiosqlite:///{pasta / f'{servico}.db'}"
                settings = definicao.settings(
                    database_url=url,
                    kafka_bootstrap_servers=self.bootstrap,
                    kafka_prefixo_topicos=f"bench{rodada}.",
                    kafka_grupo_consumidor=f"bench-{rodada}-{servico}",
                    kafka_session_timeout_ms=6_000,
                    kafka_heartbeat_interval_ms=1_000,
                )
                await asyncio.to_thread(migrar, definicao, url)
                runtimes.append(Runtime(definicao, settings))
            produtor, consumidor = runtimes
            # Tópicos criados antes: relay e consumidor não disputam a criação ao subir.
            await garantir_topicos(produtor.settings, CATALOGO.produzidos_por(PRODUTOR))
            par = Par(produtor, consumidor, pasta)
            for runtime in (consumidor, produtor):
                await runtime.iniciar()
                iniciados.append(runtime)
            await par.gravar_transacao(par.eventos(1))
            if not await par.esperar_consumo(timeout=60, intervalo=0.05):
                raise TimeoutError("o consumidor não recebeu o evento de aquecimento em 60 s")
            yield par
        finally:
            for runtime in reversed(iniciados):
                await runtime.parar()
            for runtime in runtimes:
                await runtime.engine.dispose()  # os que não chegaram a iniciar também abriram o engine
