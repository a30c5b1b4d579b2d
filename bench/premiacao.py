"""Apuração do prêmio: o caminho do serviço (ler a leitura, classificar, guardar o resultado) no Ceará e em
escala nacional. Roda num processo filho para medir a memória só dele."""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import services
from bench.cenario import Bancada
from bench.relatorio import Linha, Resultado, numero
from shared.migracoes import migrar

META_CEARA_S = 0.2
META_NACIONAL_S = 3.0
META_MEMORIA_MB = 300.0
REPETICOES = 3


def _preencher(banco: Path, *, municipios: int, cras: int, semente: int = 2026) -> None:
    """Leitura como os eventos a deixariam: Censo, IDCRAS e 12 meses de RMA em 2020 e 2021, e SISC."""
    rng = random.Random(semente)
    codigos = [f"{1100000 + i * 10:07d}" for i in range(municipios)]
    linhas_censo, linhas_idcras, linhas_rma, linhas_sisc = [], [], [], []
    for n in range(cras):
        ibge7 = codigos[n % municipios] if n < municipios else rng.choice(codigos)
        id_cras = f"{ibge7[:6]}{n:05d}"
        for ano in (2020, 2021):
            linhas_censo.append((id_cras, ano, ibge7, f"CRAS {n}", "bench"))
            linhas_idcras.append((id_cras, ano, ibge7, f"{rng.uniform(1, 5):.2f}", 3, 3, 3, "bench"))
            for mes in range(1, 13):
                linhas_rma.append(
                    (id_cras, ano, mes, ibge7, *(rng.randint(0, 80) for _ in range(8)), "bench")
                )
            linhas_sisc.append((id_cras, ano, 12, "7-14", ibge7, rng.randint(10, 90), 100, "bench"))
    with closing(sqlite3.connect(banco)) as conexao, conexao:
        conexao.executemany("INSERT INTO censo_cras VALUES (?, ?, ?, ?, ?)", linhas_censo)
        conexao.executemany("INSERT INTO idcras VALUES (?, ?, ?, ?, ?, ?, ?, ?)", linhas_idcras)
        conexao.executemany("INSERT INTO rma_scfv VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", linhas_rma)
        conexao.executemany("INSERT INTO sisc VALUES (?, ?, ?, ?, ?, ?, ?, ?)", linhas_sisc)


async def _apurar_varias_vezes(url: str) -> dict[str, float]:
    from services.premiacao.apuracoes import service
    from services.premiacao.models import Outbox
    from shared.db import criar_engine, criar_fabrica_sessoes
    from shared.outbox import UnidadeDeTrabalho

    engine = criar_engine(url)
    fabrica = criar_fabrica_sessoes(engine)
    tempos = []
    premiados = 0
    for _ in range(REPETICOES + 1):  # a primeira aquece importações e caches
        async with UnidadeDeTrabalho(sessao=fabrica(), outbox=Outbox, aviso=lambda: None) as uow:
            t0 = time.perf_counter()
            apuracao = await service.apurar(uow=uow, exercicio=2022, autor="bench")
            await uow.commit()
            tempos.append(time.perf_counter() - t0)
            premiados = apuracao.resultado["premiados"]
    await engine.dispose()
    status = await asyncio.to_thread(lambda: Path("/proc/self/status").read_text().splitlines())
    pico_kb = next(int(linha.split()[1]) for linha in status if linha.startswith("VmHWM:"))
    return {"mediana_s": statistics.median(tempos[1:]), "pico_mb": pico_kb / 1024, "premiados": premiados}


def _medir(banco: Path) -> dict[str, float]:
    """Num processo novo: a memória medida é a da apuração, não a do bench."""
    saida = subprocess.run(  # noqa: S603 — o próprio interpretador, argumentos fixos
        [sys.executable, "-m", "bench.premiacao", f"sqlite+aiosqlite:///{banco}"],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(saida.stdout.strip().splitlines()[-1]))


async def apuracao_do_premio(bancada: Bancada) -> Resultado:
    medidas = {}
    for nome, municipios, cras in (("ceara", 184, 408), ("nacional", 5570, 8600)):
        banco = bancada.pasta / f"premiacao-{nome}.db"
        await asyncio.to_thread(migrar, services.definicao("premiacao"), f"sqlite+aiosqlite:///{banco}")
        await asyncio.to_thread(_preencher, banco, municipios=municipios, cras=cras)
        medidas[nome] = await asyncio.to_thread(_medir, banco)
    ce, br = medidas["ceara"], medidas["nacional"]
    return Resultado(
        metodo=f"""
O caminho de `POST /api/v1/exercicios/2022/apuracoes` sem o HTTP: `apuracoes.service.apurar` lê a leitura
(Censo, IDCRAS, 12 meses de RMA e SISC de 2020 e 2021), monta as entradas, calcula a impressão digital,
classifica em frações exatas e grava o resumo e uma linha por CRAS, com o commit. SQLite, num processo
filho (`python -m bench.premiacao`), mediana de {REPETICOES} apurações depois de uma de aquecimento; a memória é
o pico de RSS (`VmHWM`) desse processo. A leitura é preenchida direto no banco (o que os eventos deixariam),
com valores sorteados: Ceará com 408 CRAS em 184 municípios; nacional com {numero(8600)} CRAS em
{numero(5570)} municípios.
""",
        linhas=[
            Linha(
                "Ceará (408 CRAS, 2 anos): apuração",
                f"{ce['mediana_s'] * 1000:.0f} ms",
                f"≤ {META_CEARA_S * 1000:.0f} ms",
                ce["mediana_s"] <= META_CEARA_S,
            ),
            Linha(
                "Nacional (8 600 CRAS): apuração",
                f"{br['mediana_s']:.2f} s".replace(".", ","),
                f"≤ {META_NACIONAL_S:.0f} s",
                br["mediana_s"] <= META_NACIONAL_S,
            ),
            Linha(
                "Nacional: pico de memória",
                f"{numero(br['pico_mb'])} MB",
                f"≤ {META_MEMORIA_MB:.0f} MB",
                br["pico_mb"] <= META_MEMORIA_MB,
            ),
            Linha("Premiados (Ceará / nacional)", f"{ce['premiados']:.0f} / {br['premiados']:.0f}"),
        ],
    )


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_apurar_varias_vezes(sys.argv[1]))))
