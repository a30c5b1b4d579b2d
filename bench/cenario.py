"""A bancada: um broker Tansu e, por benchmark, um par novo de serviços ligados pelo barramento.

O produtor é a Ingestão, neste processo: a bancada grava o outbox dela pela `UnidadeDeTrabalho`
e roda o `RelayOutbox` dela. O consumidor é o Cofinanciamento (aplica `MunicipioRegistrado` na
tabela `municipio`), num processo próprio, como em produção: `suas-ce servir cofinanciamento`,
configurado pelas variáveis `SUAS_COFINANCIAMENTO_*`. Cada par tem bancos, prefixo de tópicos e
grupo próprios, para que um benchmark não herde fila nem offsets do anterior.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import httpx
from aiokafka import AIOKafkaProducer
from prometheus_client.parser import text_string_to_metric_families

import services
from services.ingestao.amostras.modelo import Municipio as MunicipioAmostra
from shared.broker_local import porta_livre
from shared.db import agora
from shared.eventos.base import Evento
from shared.eventos.catalogo import CATALOGO
from shared.eventos.envelope import cabecalhos, fonte_do_servico
from shared.eventos.esquemas import MunicipioRegistrado, Populacao
from shared.http.seguranca import emitir_token
from shared.kafka import garantir_topicos
from shared.migracoes import migrar
from shared.servico import Runtime
from shared.settings import RAIZ_PROJETO, ServiceSettings

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
    prontidao_s: float = 60.0  # espera máxima pelo /readyz do consumidor


class MedidorCpu:
    """Tempo de CPU (todas as threads) gasto desde a criação por cada processo nomeado.

    O pid deste processo é medido por `time.process_time()`; os outros por /proc/<pid>/stat.
    """

    def __init__(self, processos: Mapping[str, int | None]) -> None:
        self._pids = dict(processos)
        self._inicio = self._ler()

    def _ler(self) -> dict[str, float]:
        return {nome: _cpu_de(pid) for nome, pid in self._pids.items()}

    def parcial(self) -> dict[str, float]:
        """Segundos de CPU por processo, na ordem em que foram nomeados."""
        agora_ = self._ler()
        return {nome: agora_[nome] - self._inicio[nome] for nome in self._pids}


def _cpu_de(pid: int | None) -> float:
    if pid is None:
        return 0.0
    if pid == os.getpid():
        return time.process_time()
    try:
        campos = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    # Depois do nome do comando, o campo 3 (estado) é o índice 0: utime (14) e stime (15) são 11 e 12.
    return (int(campos[11]) + int(campos[12])) / os.sysconf("SC_CLK_TCK")


class ServicoEmProcesso:
    """Um serviço como é implantado: `python -m services.cli servir <nome>` num processo próprio.

    A configuração vai só pelo ambiente (`SUAS_<SERVICO>_<CAMPO>`), sobre o ambiente desta bancada;
    `settings` é a mesma configuração lida aqui (para o token do /metrics e o relatório).
    A saída do serviço vai para um arquivo de log, cujo fim é impresso quando algo dá errado.
    """

    def __init__(self, nome: str, valores: Mapping[str, object], log: Path) -> None:
        classe = services.definicao(nome).settings
        prefixo = str(classe.model_config.get("env_prefix", ""))
        self.nome = nome
        self.log = log
        self.ambiente = {
            **os.environ,
            **{f"{prefixo}{campo.upper()}": str(valor) for campo, valor in valores.items()},
        }
        self.settings: ServiceSettings = classe(**valores)  # type: ignore[arg-type]
        self.url = f"http://127.0.0.1:{self.settings.porta}"
        self.processo: subprocess.Popen[bytes] | None = None
        self._saida: IO[bytes] | None = None
        self._log_mostrado = False

    @property
    def pid(self) -> int | None:
        return self.processo.pid if self.processo else None

    async def iniciar(self, *, timeout: float) -> None:
        """Sobe o processo e espera o /readyz responder 200 (banco, relay e consumidor de pé)."""
        self._lancar()
        limite = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=1, trust_env=False) as cliente:
            while True:
                self.verificar_vivo()
                try:
                    if (await cliente.get(f"{self.url}/readyz")).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                if time.monotonic() > limite:
                    raise TimeoutError(f"{self.nome} não respondeu 200 no /readyz em {timeout:.0f} s")
                await asyncio.sleep(0.1)

    def _lancar(self) -> None:
        self._saida = self.log.open("ab")
        self.processo = subprocess.Popen(  # noqa: S603 — o próprio interpretador, argumentos fixos
            [sys.executable, "-m", "services.cli", "servir", self.nome],
            env=self.ambiente,
            cwd=RAIZ_PROJETO,
            stdout=self._saida,
            stderr=subprocess.STDOUT,
        )

    def verificar_vivo(self) -> None:
        if self.processo is not None and (codigo := self.processo.poll()) is not None:
            raise RuntimeError(f"o processo de {self.nome} terminou sozinho (código {codigo})")

    async def contadores(self) -> dict[str, float]:
        """Contadores do /metrics (Prometheus), somados sobre os rótulos: nome da amostra → total."""
        token = emitir_token(self.settings, sub="bench@suas-ce", papeis=["sistema"])
        async with httpx.AsyncClient(timeout=10, trust_env=False) as cliente:
            resposta = await cliente.get(f"{self.url}/metrics", headers={"Authorization": f"Bearer {token}"})
        resposta.raise_for_status()
        totais: dict[str, float] = {}
        for familia in text_string_to_metric_families(resposta.text):
            for amostra in familia.samples:
                if amostra.name.endswith("_total"):
                    totais[amostra.name] = totais.get(amostra.name, 0.0) + float(amostra.value)
        return totais

    def parar(self, timeout: float = 30) -> None:
        """SIGTERM (o serviço termina o lote, confirma e sai do grupo); SIGKILL se passar de `timeout`."""
        processo = self.processo
        try:
            if processo is None:
                return
            if processo.poll() is None:
                processo.send_signal(signal.SIGTERM)
                try:
                    processo.wait(timeout)
                except subprocess.TimeoutExpired:
                    processo.kill()
                    processo.wait()
                    print(f"{self.nome} não parou em {timeout:.0f} s com SIGTERM; morto.", file=sys.stderr)
                    self.mostrar_log()
                    return
            elif processo.returncode != 0:
                self.mostrar_log()  # morreu antes da hora: o porquê está no log
                return
            if processo.returncode not in {0, -signal.SIGTERM}:
                print(f"{self.nome} terminou com o código {processo.returncode}.", file=sys.stderr)
                self.mostrar_log()
        finally:
            if self._saida is not None:
                self._saida.close()
                self._saida = None

    def mostrar_log(self, caracteres: int = 4_000) -> None:
        """Imprime o fim do log no stderr, uma vez só (a falha e a parada podem pedir ambas)."""
        if self._log_mostrado:
            return
        self._log_mostrado = True
        try:
            texto = self.log.read_text(errors="replace")
        except OSError:
            return
        print(f"--- fim do log de {self.nome} ({self.log}) ---", file=sys.stderr)
        print(texto[-caracteres:] or "(vazio)", file=sys.stderr, flush=True)


class Leitor:
    """Lê os bancos SQLite por fora, numa conexão `sqlite3` própria em autocommit.

    O banco do consumidor pertence a outro processo; o do produtor também é lido fora das sessões
    do serviço, para não disputar o pool nem a trava de escrita com o que está sendo medido.
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
    def __init__(
        self, produtor: Runtime, consumidor: ServicoEmProcesso, pasta: Path, pid_broker: int | None
    ) -> None:
        self.produtor = produtor
        self.consumidor = consumidor
        self.pid_broker = pid_broker
        self.banco_produtor = Leitor(pasta / f"{PRODUTOR}.db")
        self.banco_consumidor = Leitor(pasta / f"{CONSUMIDOR}.db")
        self.produzidos = 0  # eventos confirmados no outbox (inclui o aquecimento)
        self._proximo = 0
        self._lote = str(uuid.uuid4())

    def medidor_cpu(self) -> MedidorCpu:
        """CPU da bancada (Ingestão: gravação + relay), do processo do consumidor e do broker."""
        return MedidorCpu({"bench": os.getpid(), "consumidor": self.consumidor.pid, "tansu": self.pid_broker})

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
        """Espera a inbox do consumidor alcançar tudo o que foi produzido; False se o tempo acabar.

        Se o processo do consumidor morrer no caminho, falha logo em vez de esperar o tempo todo.
        """
        limite = time.monotonic() + timeout
        while await self.aplicados() < self.produzidos:
            self.consumidor.verificar_vivo()
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

    @asynccontextmanager
    async def par(self, nome: str) -> AsyncIterator[Par]:
        """Sobe o consumidor (processo próprio) e o produtor (aqui), já aquecidos: grupo formado,
        produtor conectado. Ao sair, para os dois, sempre; se algo falhar, mostra o log do consumidor."""
        rodada = f"{nome}-{uuid.uuid4().hex[:8]}"
        pasta = self.pasta / rodada
        pasta.mkdir()
        urls = {s: f"sqlite+aiosqlite:///{pasta / f'{s}.db'}" for s in (PRODUTOR, CONSUMIDOR)}
        comum = {
            "kafka_bootstrap_servers": self.bootstrap,
            "kafka_prefixo_topicos": f"bench{rodada}.",
        }
        for servico, url in urls.items():
            await asyncio.to_thread(migrar, services.definicao(servico), url)
        definicao = services.definicao(PRODUTOR)
        produtor = Runtime(
            definicao,
            definicao.settings(
                database_url=urls[PRODUTOR],
                kafka_grupo_consumidor=f"bench-{rodada}-{PRODUTOR}",
                **comum,  # type: ignore[arg-type]
            ),
        )
        consumidor = ServicoEmProcesso(
            CONSUMIDOR,
            {
                "database_url": urls[CONSUMIDOR],
                "kafka_grupo_consumidor": f"bench-{rodada}-{CONSUMIDOR}",
                **comum,
                "porta": porta_livre(),
                "ambiente": "teste",
                "log_nivel": "WARNING",
            },
            log=pasta / f"{CONSUMIDOR}.log",
        )
        produtor_iniciado = False
        try:
            # Tópicos criados antes: relay e consumidor não disputam a criação ao subir.
            await garantir_topicos(produtor.settings, CATALOGO.produzidos_por(PRODUTOR))
            await consumidor.iniciar(timeout=self.parametros.prontidao_s)
            await produtor.iniciar()
            produtor_iniciado = True
            par = Par(produtor, consumidor, pasta, self.pid_broker)
            await par.gravar_transacao(par.eventos(1))
            if not await par.esperar_consumo(timeout=60, intervalo=0.05):
                raise TimeoutError("o consumidor não recebeu o evento de aquecimento em 60 s")
            yield par
        except Exception:
            consumidor.mostrar_log()
            raise
        finally:
            try:
                if produtor_iniciado:
                    await produtor.parar()
                else:
                    await produtor.engine.dispose()
            finally:
                consumidor.parar()


EM_VOO = 10_000  # envios aguardados de uma vez: memória do bench limitada sem esperar cada ack


async def publicar_eventos(bootstrap: str, prefixo: str, eventos: Iterable[Evento]) -> int:
    """Cada evento no tópico do catálogo, com a chave e os cabeçalhos CloudEvents da produção."""
    produtor = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await produtor.start()
    publicados = 0
    try:
        envios: list[asyncio.Future[Any]] = []
        fonte = fonte_do_servico("ingestao")
        for evento in eventos:
            envios.append(
                await produtor.send(
                    prefixo + CATALOGO.topico_de(type(evento)).nome,
                    value=evento.model_dump_json().encode(),
                    key=evento.chave().encode(),
                    headers=cabecalhos(
                        ce_id=str(uuid.uuid4()),
                        fonte=fonte,
                        tipo=evento.tipo(),
                        momento=agora(),
                        assunto=evento.assunto(),
                        correlation_id="bench",
                    ),
                )
            )
            if len(envios) >= EM_VOO:
                await asyncio.gather(*envios)
                publicados += len(envios)
                envios.clear()
        await asyncio.gather(*envios)
        publicados += len(envios)
    finally:
        await produtor.stop()
    return publicados


def memoria_mb(pid: int | None, campo: str) -> float:
    """Um campo de /proc/<pid>/status (VmRSS, VmHWM…) em MB."""
    for linha in Path(f"/proc/{pid}/status").read_text().splitlines():
        if linha.startswith(f"{campo}:"):
            return int(linha.split()[1]) / 1024
    return float("nan")


async def esperar_contagem(
    leitor: Leitor, servico: ServicoEmProcesso, sql: str, alvo: int, timeout: float
) -> None:
    """Espera a contagem `sql` no banco do serviço alcançar `alvo` (ou zerar, com `alvo` 0)."""
    limite = time.monotonic() + timeout
    while True:
        valor = int(await leitor.escalar(sql))
        if valor >= alvo if alvo else valor == 0:
            return
        servico.verificar_vivo()
        if time.monotonic() > limite:
            raise TimeoutError(f"{sql}: {valor} (esperado {alvo}) depois de {timeout:.0f} s")
        await asyncio.sleep(0.1)


@dataclass(frozen=True)
class Rodada:
    """Um serviço medido do zero: pasta, banco SQLite migrado e a configuração (prefixo e grupo próprios)."""

    servico: str
    pasta: Path
    banco: Path
    url_banco: str
    valores: dict[str, Any]


async def nova_rodada(bancada: Bancada, servico: str) -> Rodada:
    nome = f"{servico}-{uuid.uuid4().hex[:8]}"
    pasta = bancada.pasta / nome
    pasta.mkdir()
    banco = pasta / f"{servico}.db"
    url_banco = f"sqlite+aiosqlite:///{banco}"
    await asyncio.to_thread(migrar, services.definicao(servico), url_banco)
    valores = {
        "database_url": url_banco,
        "kafka_bootstrap_servers": bancada.bootstrap,
        "kafka_prefixo_topicos": f"bench{nome}.",
        "kafka_grupo_consumidor": f"bench-{nome}",
        "porta": porta_livre(),
        "ambiente": "teste",
        "log_nivel": "WARNING",
    }
    return Rodada(servico, pasta, banco, url_banco, valores)


async def preencher_pelo_barramento(bancada: Bancada, rodada: Rodada, eventos: Iterable[Evento]) -> int:
    """Publica no Tansu o que a Ingestão publicaria e espera o consumidor do serviço aplicar tudo (inbox);
    o serviço para ao fim."""
    servico = ServicoEmProcesso(
        rodada.servico, rodada.valores, log=rodada.pasta / f"{rodada.servico}-consumo.log"
    )
    try:
        await garantir_topicos(servico.settings, CATALOGO.consumidos_por(rodada.servico))
        await servico.iniciar(timeout=bancada.parametros.prontidao_s)
        publicados = await publicar_eventos(
            bancada.bootstrap, servico.settings.kafka_prefixo_topicos, eventos
        )
        sql = "SELECT count(*) FROM inbox"
        await esperar_contagem(Leitor(rodada.banco), servico, sql, publicados, bancada.parametros.timeout_s)
        return publicados
    except Exception:
        servico.mostrar_log()
        raise
    finally:
        servico.parar()


def evento_municipio(m: MunicipioAmostra, lote: str) -> MunicipioRegistrado:
    """O município do gerador de amostras como a Ingestão o publica (população do Censo 2022)."""
    return MunicipioRegistrado(
        ibge7=m.ibge7,
        ibge6=m.ibge6,
        nome=m.nome,
        uf=m.uf,
        capital=m.capital,
        populacoes=(Populacao(base="censo_2022", ano=2022, habitantes=m.populacao),),
        lote_id=lote,
    )
