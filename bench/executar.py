"""`make bench`: sobe o broker, roda os benchmarks registrados e reescreve `docs/benchmarks.md`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
import tempfile
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import FrameType

from bench import barramento, cofinanciamento, ingestao, premiacao
from bench.cenario import Bancada, Parametros
from bench.maquina import Maquina
from bench.relatorio import Resultado, Secao, atualizar, documento, gravar, resumo
from shared.broker_local import BrokerLocal, porta_livre
from shared.settings import RAIZ_PROJETO

Benchmark = Callable[[Bancada], Awaitable[Resultado]]

# (identificador para --apenas, título estável da seção, função). A ordem é a do documento.
BENCHMARKS: tuple[tuple[str, str, Benchmark], ...] = (
    ("vazao", "Vazão ponta a ponta", barramento.vazao_ponta_a_ponta),
    ("latencia", "Latência sob carga", barramento.latencia_sob_carga),
    ("isolado", "Latência de um evento isolado", barramento.latencia_evento_isolado),
    ("ingestao", "Ingestão em escala nacional", ingestao.rma_nacional),
    ("premiacao", "Apuração do prêmio", premiacao.apuracao_do_premio),
    ("cofinanciamento", "Cálculo do cofinanciamento", cofinanciamento.calculo_do_cofinanciamento),
)
DOCUMENTO = RAIZ_PROJETO / "docs" / "benchmarks.md"


async def _rodar(bancada: Bancada, escolhidos: list[tuple[str, str, Benchmark]]) -> list[Secao]:
    # Interromper cancela esta tarefa: os `finally` param os serviços antes de o loop fechar.
    tarefa = asyncio.current_task()
    assert tarefa is not None
    loop = asyncio.get_running_loop()
    for sinal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sinal, tarefa.cancel)
    secoes = []
    for identificador, titulo, medir in escolhidos:
        print(f"… {titulo}", file=sys.stderr, flush=True)
        try:
            secoes.append(Secao(titulo, await medir(bancada)))
        except Exception as exc:  # um benchmark quebrado não impede os outros nem o relatório
            traceback.print_exc()
            secoes.append(Secao(titulo, None, falhou=f"{type(exc).__name__}: {exc}"))
        print(
            f"  {identificador}: {'falhou' if secoes[-1].falhou else 'pronto'}", file=sys.stderr, flush=True
        )
    return secoes


def _interromper(_sinal: int, _quadro: FrameType | None) -> None:
    # Fora do event loop, SIGTERM vira KeyboardInterrupt: os `finally` param o broker e apagam os temporários.
    raise KeyboardInterrupt


def _iniciar(broker: BrokerLocal, log: Path) -> None:
    try:
        broker.iniciar()
    except RuntimeError:
        print(log.read_text(errors="replace")[-2000:], file=sys.stderr)  # o porquê está no log do Tansu
        raise


def _argumentos(argv: list[str] | None) -> argparse.Namespace:
    padrao = Parametros()
    analisador = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    analisador.add_argument(
        "--apenas",
        nargs="+",
        choices=[b[0] for b in BENCHMARKS],
        help="só estes; no documento, refaz só as seções deles",
    )
    analisador.add_argument("--eventos", type=int, default=padrao.eventos_vazao, help="eventos na vazão")
    analisador.add_argument("--taxa", type=int, default=padrao.taxa_latencia, help="eventos/s na latência")
    analisador.add_argument(
        "--duracao", type=float, default=padrao.duracao_latencia_s, help="segundos de carga"
    )
    analisador.add_argument("--saida", type=Path, default=DOCUMENTO, help="documento a reescrever")
    analisador.add_argument("--sem-documento", action="store_true", help="só imprime o resumo")
    return analisador.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _argumentos(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    signal.signal(signal.SIGTERM, _interromper)
    parametros = Parametros(
        eventos_vazao=args.eventos, taxa_latencia=args.taxa, duracao_latencia_s=args.duracao
    )
    escolhidos = [b for b in BENCHMARKS if not args.apenas or b[0] in args.apenas]
    maquina = Maquina.atual()
    try:
        with tempfile.TemporaryDirectory(prefix="suas-bench-") as temporario:
            pasta = Path(temporario)
            with (pasta / "broker.log").open("wb") as log_broker:
                broker = BrokerLocal(porta_livre(), saida=log_broker)
                try:
                    _iniciar(broker, pasta / "broker.log")
                    bancada = Bancada(
                        bootstrap=broker.bootstrap,
                        pasta=pasta,
                        parametros=parametros,
                        pid_broker=broker.processo.pid if broker.processo else None,
                    )
                    secoes = asyncio.run(_rodar(bancada, escolhidos))
                finally:
                    signal.signal(signal.SIGTERM, _interromper)  # o loop, ao fechar, volta ao padrão
                    broker.parar()
    except (KeyboardInterrupt, asyncio.CancelledError):
        sys.exit("bench interrompido; serviços, broker e arquivos temporários foram encerrados")
    comando = (
        "make bench"
        if argv is None and len(sys.argv) == 1
        else "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    )
    if not args.sem_documento:
        if args.apenas and args.saida.exists():
            anterior = args.saida.read_text(encoding="utf-8")
            texto = atualizar(anterior, maquina, secoes, comando=comando.strip())
        else:
            texto = documento(maquina, secoes, comando=comando.strip())
        gravar(args.saida, texto)
    print(resumo(maquina, secoes))
    if not args.sem_documento:
        print(f"\nrelatório: {args.saida}")
    if any(s.falhou for s in secoes):
        sys.exit(1)
