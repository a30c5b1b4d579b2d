"""`make run`: o sistema inteiro numa máquina, sem Docker — broker Tansu, quatro bancos SQLite, quatro serviços."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx

import services
from shared.broker_local import BrokerLocal, porta_aberta
from shared.http.seguranca import emitir_token
from shared.migracoes import migrar
from shared.settings import RAIZ_PROJETO

ARQUIVO_MUNICIPIOS = RAIZ_PROJETO / "data" / "referencias" / "ce_municipios.csv"


def rodar_tudo(*, porta_broker: int) -> None:
    pasta_logs = RAIZ_PROJETO / "var" / "log"
    pasta_logs.mkdir(parents=True, exist_ok=True)
    definicoes = [services.definicao(nome) for nome in services.NOMES]
    portas = {d.nome: d.settings.carregar().porta for d in definicoes}
    ocupadas = [p for p in (porta_broker, *portas.values()) if porta_aberta(p)]
    if ocupadas:
        sys.exit(f"erro: porta(s) já em uso: {ocupadas}. Outro `make run` está rodando? Pare-o antes.")

    ambiente = {**os.environ}
    for d in definicoes:
        ambiente.setdefault(f"SUAS_{d.nome.upper()}_KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{porta_broker}")
    os.environ.update(ambiente)

    broker = BrokerLocal(porta_broker, saida=(pasta_logs / "broker.log").open("ab"))
    processos: list[subprocess.Popen[bytes]] = []

    def encerrar(*_: object) -> None:
        print("\nencerrando…", flush=True)
        for processo in processos:
            processo.send_signal(signal.SIGTERM)
        for processo in processos:
            try:
                processo.wait(25)
            except subprocess.TimeoutExpired:
                processo.kill()
        broker.parar()
        print("tudo parado.")
        sys.exit(0)

    signal.signal(signal.SIGINT, encerrar)
    signal.signal(signal.SIGTERM, encerrar)

    print(f"broker Kafka (Tansu) em 127.0.0.1:{porta_broker}", flush=True)
    broker.iniciar()
    for d in definicoes:
        migrar(d, d.settings.carregar().database_url)
        print(f"{d.nome}: banco migrado", flush=True)
    for d in definicoes:
        log = (pasta_logs / f"{d.nome}.log").open("ab")
        processos.append(
            subprocess.Popen(  # noqa: S603 — o próprio interpretador, argumentos fixos
                [sys.executable, "-m", "services.cli", "servir", d.nome],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=ambiente,
            )
        )
    for d in definicoes:
        _esperar_pronto(d.nome, portas[d.nome], processos)

    gestor = emitir_token(
        services.definicao("ingestao").settings.carregar(),
        sub="make-run@sps.ce.gov.br",
        papeis=["sps_gestor"],
    )
    _carregar_municipios(portas["ingestao"], gestor)
    _carregar_amostras(portas["ingestao"], gestor)

    print("\nSUAS-CE rodando. Documentação interativa de cada serviço:")
    for d in definicoes:
        print(f"  {d.nome:<16} http://127.0.0.1:{portas[d.nome]}/docs")
    print(f"\nToken de desenvolvimento (sps_gestor, 8 h), para o botão Authorize:\n{gestor}")
    print(f"\nLogs em {pasta_logs.relative_to(RAIZ_PROJETO)}/. Ctrl-C para parar tudo.", flush=True)
    while True:
        for processo, d in zip(processos, definicoes, strict=True):
            if processo.poll() is not None:
                print(f"o serviço {d.nome} parou (código {processo.returncode}); veja var/log/{d.nome}.log")
                encerrar()
        time.sleep(1)


def _esperar_pronto(
    nome: str, porta: int, processos: list[subprocess.Popen[bytes]], timeout: float = 60
) -> None:
    limite = time.monotonic() + timeout
    while time.monotonic() < limite:
        if any(p.poll() is not None for p in processos):
            sys.exit(f"erro: um serviço terminou ao iniciar; veja var/log/{nome}.log")
        try:
            if httpx.get(f"http://127.0.0.1:{porta}/readyz", timeout=1).status_code == 200:
                print(f"{nome}: pronto em http://127.0.0.1:{porta}", flush=True)
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    sys.exit(f"erro: {nome} não ficou pronto em {timeout:.0f} s; veja var/log/{nome}.log")


def _carregar_amostras(porta: int, token: str) -> None:
    """O conjunto de amostras do Ceará (formatos reais), para os serviços terem o que mostrar."""
    from services.ingestao.amostras import gerar_ceara

    arquivos = gerar_ceara(RAIZ_PROJETO / "var" / "amostras" / "ceara")
    novos = 0
    for arquivo in arquivos:
        with arquivo.caminho.open("rb") as conteudo:
            resposta = httpx.post(
                f"http://127.0.0.1:{porta}/api/v1/lotes",
                params={"tipo": arquivo.tipo, **({"ano": arquivo.ano} if arquivo.ano else {})},
                files={"arquivo": (arquivo.caminho.name, conteudo, "application/octet-stream")},
                headers={"Authorization": f"Bearer {token}"},
                timeout=120,
            )
        if resposta.status_code not in (200, 201):
            sys.exit(
                f"erro ao carregar {arquivo.caminho.name}: HTTP {resposta.status_code} {resposta.text[:500]}"
            )
        novos += resposta.status_code == 201
    print(f"amostras do Ceará: {len(arquivos)} arquivo(s), {novos} lote(s) novo(s)", flush=True)


def _carregar_municipios(porta: int, gestor: str) -> None:
    with ARQUIVO_MUNICIPIOS.open("rb") as arquivo:
        resposta = httpx.post(
            f"http://127.0.0.1:{porta}/api/v1/referencias/municipios",
            files={"arquivo": (ARQUIVO_MUNICIPIOS.name, arquivo, "text/csv")},
            headers={"Authorization": f"Bearer {gestor}"},
            timeout=60,
        )
    lote = resposta.json()
    if resposta.status_code == 200:
        print(f"municípios: arquivo já carregado antes (lote {lote['id']}); nada novo publicado", flush=True)
    elif resposta.status_code == 201:
        print(
            f"municípios: HTTP 201, {lote['linhas_validas']} linhas, "
            f"{lote['registros_alterados']} evento(s) novos",
            flush=True,
        )
    else:
        sys.exit(f"erro ao carregar os municípios: HTTP {resposta.status_code} {lote.get('detail')}")
