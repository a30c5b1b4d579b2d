"""`make run` (suas-ce rodar): sobe tudo, serve as quatro /docs com /readyz 200, e Ctrl-C para tudo."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

import services
from shared.broker_local import porta_aberta, porta_livre

pytestmark = pytest.mark.lento


def test_rodar_sobe_os_quatro_servicos_carrega_municipios_e_para_com_ctrl_c(tmp_path):
    portas = {nome: porta_livre() for nome in services.NOMES}
    porta_broker = porta_livre()
    ambiente = {k: v for k, v in os.environ.items() if not k.startswith("SUAS_")}
    for nome, porta in portas.items():
        prefixo = f"SUAS_{nome.upper()}_"
        ambiente[prefixo + "PORTA"] = str(porta)
        ambiente[prefixo + "DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / nome}.db"
        ambiente[prefixo + "KAFKA_SESSION_TIMEOUT_MS"] = "1000"
        ambiente[prefixo + "KAFKA_HEARTBEAT_INTERVAL_MS"] = "200"
    saida = tmp_path / "rodar.log"
    processo = subprocess.Popen(
        [sys.executable, "-m", "services.cli", "rodar", "--porta-broker", str(porta_broker)],
        env=ambiente,
        stdout=saida.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        limite = time.monotonic() + 90
        while "SUAS-CE rodando" not in saida.read_text():
            assert processo.poll() is None, saida.read_text()
            assert time.monotonic() < limite, saida.read_text()
            time.sleep(0.2)
        texto = saida.read_text()
        assert "municípios: HTTP 201, 184 linhas, 184 evento(s) novos" in texto
        assert "amostras do Ceará: 30 arquivo(s), 30 lote(s) novo(s)" in texto
        token = texto.split("para o botão Authorize:\n", 1)[1].split()[0]
        for nome, porta in portas.items():
            base = f"http://127.0.0.1:{porta}"
            assert f"{base}/docs" in texto
            assert httpx.get(f"{base}/docs").status_code == 200
            assert httpx.get(f"{base}/readyz").json()["status"] == "pronto"
            if nome != "ingestao":
                limite = time.monotonic() + 30
                while (
                    httpx.get(
                        f"{base}/api/v1/municipios", headers={"Authorization": f"Bearer {token}"}
                    ).json()["total"]
                    != 184
                ):
                    assert time.monotonic() < limite, f"{nome} não recebeu os 184 municípios"
                    time.sleep(0.2)
    finally:
        processo.send_signal(signal.SIGINT)
        codigo = processo.wait(60)
    assert codigo == 0, saida.read_text()
    assert "tudo parado." in saida.read_text()
    assert not any(porta_aberta(p) for p in [porta_broker, *portas.values()])
