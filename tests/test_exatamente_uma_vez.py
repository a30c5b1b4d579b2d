"""SIGKILL no consumidor no meio de 100 000 eventos: ao reiniciar, cada efeito acontece uma vez só."""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import uuid

import pytest

from services.ingestao.referencias.municipios_csv import digito_verificador_ibge
from shared.broker_local import porta_livre
from shared.eventos.catalogo import CATALOGO
from shared.kafka import garantir_topicos
from tests.apoio.kafka import cabecalhos_de, produzir
from tests.test_dlq import municipio

TOTAL = int(os.environ.get("SUAS_TESTE_TOTAL", "100000"))
pytestmark = pytest.mark.lento


def contar(arquivo: str, sql: str) -> int:
    with sqlite3.connect(arquivo, timeout=30) as conexao:
        return int(conexao.execute(sql).fetchone()[0] or 0)


def iniciar_consumidor(ambiente: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "services.cli", "servir", "cofinanciamento"],
        env=ambiente,
        stdout=open(os.environ.get("SUAS_TESTE_LOG_CONSUMIDOR", os.devnull), "ab"),
        stderr=subprocess.STDOUT,
    )


async def esperar_contagem(
    arquivo: str, minimo: int, processo: subprocess.Popen[bytes], timeout: float
) -> int:
    limite = asyncio.get_running_loop().time() + timeout
    while True:
        atual = contar(arquivo, "SELECT count(*) FROM inbox")
        if atual >= minimo:
            return atual
        assert processo.poll() is None, "o consumidor morreu sozinho"
        assert asyncio.get_running_loop().time() < limite, f"só {atual} de {minimo} em {timeout} s"
        await asyncio.sleep(0.05)


async def test_sigkill_no_meio_de_100_mil_eventos_cada_efeito_uma_vez(servicos, prefixo):
    settings = await servicos.settings("cofinanciamento")
    arquivo = settings.database_url.split(":///", 1)[1]
    topico = settings.topico("suas.ingestao.referencias")
    await garantir_topicos(settings, (CATALOGO.topico("suas.ingestao.referencias"),))

    esperado = hashlib.sha256()
    registros = []
    for i in range(TOTAL):
        ibge6 = f"{230000 + i}"  # códigos sintéticos distintos, com dígito verificador válido
        ibge7 = f"{ibge6}{digito_verificador_ibge(ibge6)}"
        evento = municipio(ibge7, f"Município sintético {i}")
        esperado.update(f"{ibge7}|{evento.nome}\n".encode())
        registros.append(
            {
                "valor": evento.model_dump_json().encode(),
                "chave": ibge7,
                "cabecalhos": cabecalhos_de(evento, ce_id=str(uuid.uuid4())),
            }
        )
    await produzir(servicos.broker.bootstrap, topico, registros)

    ambiente = {
        **os.environ,
        "SUAS_COFINANCIAMENTO_AMBIENTE": "teste",
        "SUAS_COFINANCIAMENTO_PORTA": str(porta_livre()),
        "SUAS_COFINANCIAMENTO_DATABASE_URL": settings.database_url,
        "SUAS_COFINANCIAMENTO_KAFKA_BOOTSTRAP_SERVERS": servicos.broker.bootstrap,
        "SUAS_COFINANCIAMENTO_KAFKA_PREFIXO_TOPICOS": prefixo,
        "SUAS_COFINANCIAMENTO_KAFKA_GRUPO_CONSUMIDOR": f"{prefixo}cofinanciamento",
        "SUAS_COFINANCIAMENTO_KAFKA_SESSION_TIMEOUT_MS": "1000",
        "SUAS_COFINANCIAMENTO_KAFKA_HEARTBEAT_INTERVAL_MS": "200",
        "SUAS_COFINANCIAMENTO_LOG_NIVEL": "WARNING",
    }
    primeiro = iniciar_consumidor(ambiente)
    try:
        no_kill = await esperar_contagem(arquivo, TOTAL // 4, primeiro, timeout=180)
        primeiro.send_signal(signal.SIGKILL)
        primeiro.wait()
    finally:
        if primeiro.poll() is None:
            primeiro.kill()
    assert no_kill < TOTAL, "o consumidor terminou antes do SIGKILL; o teste não provaria nada"

    segundo = iniciar_consumidor(ambiente)
    try:
        await esperar_contagem(arquivo, TOTAL, segundo, timeout=240)
        await asyncio.sleep(1)  # dá tempo a uma eventual reaplicação indevida aparecer
    finally:
        segundo.send_signal(signal.SIGTERM)
        segundo.wait(30)

    assert contar(arquivo, "SELECT count(*) FROM inbox") == TOTAL
    assert contar(arquivo, "SELECT count(*) FROM municipio") == TOTAL
    assert contar(arquivo, "SELECT sum(versao) FROM municipio") == TOTAL
    obtido = hashlib.sha256()
    with sqlite3.connect(arquivo) as conexao:
        for ibge7, nome in conexao.execute("SELECT ibge7, nome FROM municipio ORDER BY ibge7"):
            obtido.update(f"{ibge7}|{nome}\n".encode())
    assert obtido.hexdigest() == esperado.hexdigest()
