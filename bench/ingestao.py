"""Ingestão em escala: o RMA nacional de um ano (≈103 000 linhas) do upload ao último evento publicado,
e o Censo CRAS do Ceará. O serviço roda no seu processo, como implantado, para medir a memória dele."""

from __future__ import annotations

import asyncio
import csv
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

import services
from bench.cenario import Bancada
from bench.relatorio import Linha, Resultado, numero
from shared.broker_local import porta_livre
from shared.http.seguranca import emitir_token
from shared.migracoes import migrar

META_RMA_S = 15.0
META_MEMORIA_MB = 300.0
META_CENSO_S = 1.0


@dataclass
class Ingestao:
    url: str
    banco: Path
    processo: subprocess.Popen[bytes]
    token: str

    def pendentes(self) -> int:
        with closing(sqlite3.connect(self.banco, timeout=30)) as conexao:
            return int(
                conexao.execute("SELECT count(*) FROM outbox WHERE publicado_em IS NULL").fetchone()[0]
            )

    def pico_memoria_mb(self) -> float:
        for linha in Path(f"/proc/{self.processo.pid}/status").read_text().splitlines():
            if linha.startswith("VmHWM:"):
                return int(linha.split()[1]) / 1024
        return float("nan")

    async def enviar(self, caminho: Path, tipo: str, ano: int | None) -> dict[str, Any]:
        """Envia e espera o lote terminar (202 → consulta até concluir)."""
        cabecalhos = {"Authorization": f"Bearer {self.token}"}
        async with httpx.AsyncClient(base_url=self.url, timeout=600) as cliente:
            with caminho.open("rb") as arquivo:
                resposta = await cliente.post(
                    "/api/v1/lotes",
                    params={"tipo": tipo, **({"ano": ano} if ano else {})},
                    files={"arquivo": (caminho.name, arquivo, "text/csv")},
                    headers=cabecalhos,
                )
            lote: dict[str, Any] = resposta.json()
            if resposta.status_code not in (200, 201, 202):
                raise RuntimeError(f"{caminho.name}: HTTP {resposta.status_code} {resposta.text[:500]}")
            while lote["situacao"] == "processando":
                await asyncio.sleep(0.05)
                lote = (await cliente.get(f"/api/v1/lotes/{lote['id']}", headers=cabecalhos)).json()
            if lote["situacao"] != "concluido":
                raise RuntimeError(f"{caminho.name}: lote {lote['situacao']}: {lote.get('mensagem')}")
            return lote

    async def esperar_publicacao(self, timeout: float = 300) -> None:
        limite = time.monotonic() + timeout
        while await asyncio.to_thread(self.pendentes):
            if time.monotonic() > limite:
                raise TimeoutError("o outbox não esvaziou")
            await asyncio.sleep(0.02)


@asynccontextmanager
async def ingestao_nacional(bancada: Bancada) -> AsyncIterator[Ingestao]:
    pasta = bancada.pasta / f"ingestao-{uuid.uuid4().hex[:8]}"
    pasta.mkdir()
    banco = pasta / "ingestao.db"
    definicao = services.definicao("ingestao")
    await asyncio.to_thread(migrar, definicao, f"sqlite+aiosqlite:///{banco}")
    porta = porta_livre()
    prefixo = "SUAS_INGESTAO_"
    ambiente = {
        **os.environ,
        prefixo + "AMBIENTE": "teste",
        prefixo + "PORTA": str(porta),
        prefixo + "DATABASE_URL": f"sqlite+aiosqlite:///{banco}",
        prefixo + "KAFKA_BOOTSTRAP_SERVERS": bancada.bootstrap,
        prefixo + "KAFKA_PREFIXO_TOPICOS": f"bench{pasta.name}.",
        prefixo + "UF_REFERENCIA": "",  # instância nacional: todas as UFs
        prefixo + "CODIGO_UF_REFERENCIA": "",
        prefixo + "PASTA_UPLOADS": str(pasta / "uploads"),
        prefixo + "LOG_NIVEL": "WARNING",
    }
    log = (pasta / "ingestao.log").open("wb")
    processo = await asyncio.to_thread(
        subprocess.Popen,
        [sys.executable, "-m", "services.cli", "servir", "ingestao"],
        env=ambiente,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{porta}"
    try:
        limite = time.monotonic() + 60
        while True:
            try:
                async with httpx.AsyncClient(timeout=1) as cliente:
                    if (await cliente.get(f"{url}/readyz")).status_code == 200:
                        break
            except httpx.HTTPError:
                pass
            if processo.poll() is not None or time.monotonic() > limite:
                raise RuntimeError((pasta / "ingestao.log").read_text(errors="replace")[-2000:])
            await asyncio.sleep(0.2)
        token = emitir_token(definicao.settings.carregar(ambiente="teste"), sub="bench", papeis=["sistema"])
        yield Ingestao(url=url, banco=banco, processo=processo, token=token)
    finally:
        processo.terminate()
        try:
            processo.wait(30)
        except subprocess.TimeoutExpired:
            processo.kill()
        log.close()


async def rma_nacional(bancada: Bancada) -> Resultado:
    amostras = bancada.pasta / "amostras"
    await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "services.cli", "gerar-dados", "--saida", str(amostras), "--nacional"],
        check=True,
        capture_output=True,
    )
    rma = amostras / "nacional" / "rma_cras_2023.csv"
    censo_ce = amostras / "ceara" / "censo_cras_2023.csv"
    async with ingestao_nacional(bancada) as ingestao:
        await ingestao.enviar(amostras / "nacional" / "municipios_nacional.csv", "municipios", None)
        await ingestao.esperar_publicacao()
        t0 = time.perf_counter()
        lote = await ingestao.enviar(rma, "rma_cras", 2023)
        importado_s = time.perf_counter() - t0
        await ingestao.esperar_publicacao()
        total_s = time.perf_counter() - t0
        memoria = ingestao.pico_memoria_mb()
        t1 = time.perf_counter()
        censo = await ingestao.enviar(censo_ce, "censo_cras", 2023)
        censo_s = time.perf_counter() - t1
    bruto_s, linhas_brutas = await asyncio.to_thread(_ler_cru, rma)
    registros = int(lote["registros_alterados"])
    return Resultado(
        metodo=f"""
O serviço de Ingestão roda no seu processo (`suas-ce servir ingestao`, SQLite, instância nacional:
`UF_REFERENCIA` vazia), com o broker Tansu. Os arquivos vêm do gerador (`suas-ce gerar-dados
--nacional`, formato real: Windows-1252, `;`, aspas). Carrega-se a referência de {numero(5570)} municípios;
depois, medido: o RMA CRAS nacional de 2023 ({rma.stat().st_size / 1_048_576:.1f} MiB) é enviado por HTTP;
como passa de `LIMITE_SINCRONO_BYTES`, responde 202 e é processado em segundo plano; o relógio para
quando o outbox esvazia (todos os eventos publicados no Kafka, `acks=all`). A memória é o pico de RSS
(`VmHWM`) do processo do serviço desde que subiu. A leitura crua é um `csv.reader` sobre o mesmo arquivo,
sem validar nada. Depois, o Censo CRAS do Ceará de 2023 ({numero(int(censo["linhas_lidas"]))} CRAS), síncrono.
""",
        linhas=[
            Linha(
                "RMA nacional: upload → último evento publicado",
                f"{total_s:.1f} s".replace(".", ","),
                f"≤ {META_RMA_S:.0f} s",
                total_s <= META_RMA_S,
            ),
            Linha(
                "RMA nacional: pico de memória do serviço",
                f"{numero(memoria)} MB",
                f"≤ {META_MEMORIA_MB:.0f} MB",
                memoria <= META_MEMORIA_MB,
            ),
            Linha(
                "RMA nacional: linhas e eventos",
                f"{numero(int(lote['linhas_lidas']))} linhas, {numero(registros)} eventos",
            ),
            Linha(
                "RMA nacional: importação (validação + gravação + outbox)",
                f"{importado_s:.1f} s".replace(".", ","),
            ),
            Linha(
                "Leitura crua do mesmo arquivo (csv.reader)",
                f"{bruto_s:.2f} s ({numero(linhas_brutas)} linhas)".replace(".", ","),
            ),
            Linha("Razão ponta a ponta / leitura crua", f"{total_s / bruto_s:.0f}×"),
            Linha(
                "Censo CRAS do Ceará (408 CRAS), upload síncrono",
                f"{censo_s * 1000:.0f} ms",
                f"≤ {META_CENSO_S:.0f} s",
                censo_s <= META_CENSO_S,
            ),
        ],
    )


def _ler_cru(caminho: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    with caminho.open(encoding="cp1252", newline="") as arquivo:
        linhas = sum(1 for _ in csv.reader(arquivo, delimiter=";"))
    return time.perf_counter() - t0, linhas
