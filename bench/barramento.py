"""Benchmarks do barramento: outbox → relay → Tansu → consumidor idempotente → banco do consumidor."""

from __future__ import annotations

import asyncio
import math
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bench.cenario import Bancada, MedidorCpu, Par, momento
from bench.relatorio import Linha, Resultado, ms, numero
from shared.db import agora

META_VAZAO = 5_000  # eventos/s ponta a ponta, em 2 núcleos
META_P99_S = 0.5

AMBIENTE = """Cada serviço no seu processo, como em produção. O processo da bancada faz o papel da Ingestão:
grava o outbox pela `UnidadeDeTrabalho` e roda o `RelayOutbox` dela, no mesmo event loop. O
Cofinanciamento roda à parte, como é implantado: `python -m services.cli servir cofinanciamento`
(`suas-ce servir`: uvicorn, consumidor e o relay dele), configurado só pelo ambiente
(`SUAS_COFINANCIAMENTO_DATABASE_URL` com o banco SQLite temporário já migrado, `_KAFKA_BOOTSTRAP_SERVERS`,
`_KAFKA_PREFIXO_TOPICOS`, `_KAFKA_GRUPO_CONSUMIDOR`, `_PORTA` livre, `_AMBIENTE=teste`,
`_LOG_NIVEL=WARNING`; o resto no padrão), e a medida só começa depois de o `/readyz` dele responder
200. O broker Tansu (em memória) é um terceiro processo. A bancada lê os dois bancos por uma conexão
`sqlite3` própria, fora dos serviços; duplicados e DLQ vêm do `/metrics` do consumidor; a CPU de
cada processo, de `/proc/<pid>/stat`."""


def percentil(valores: Sequence[float], p: float) -> float:
    """Percentil pelo posto mais próximo: sempre um valor observado."""
    ordenados = sorted(valores)
    return ordenados[max(math.ceil(p / 100 * len(ordenados)) - 1, 0)]


def _taxa(eventos: int, segundos: float) -> str:
    return f"{numero(eventos / segundos)} eventos/s" if segundos > 0 else "—"


@dataclass(frozen=True)
class Latencias:
    """Por evento, em segundos: total e as duas etapas, separadas pelo `publicado_em` do outbox.

    `ate_publicar`: criado no outbox → relay recebeu o ack do Tansu e marcou o evento.
    `ate_aplicar`: essa marca → aplicado pelo consumidor (pode ser um pouco negativa: o consumidor
    às vezes recebe o registro antes de o relay gravar a marca).
    """

    total: list[float]
    ate_publicar: list[float]
    ate_aplicar: list[float]


async def _latencias(par: Par, desde: datetime) -> Latencias:
    """Eventos criados a partir de `desde` (o aquecimento fica de fora), ligados pelo ce_id."""
    publicados = {
        ce_id: momento(publicado)
        for ce_id, publicado in await par.banco_produtor.consultar(
            "SELECT ce_id, publicado_em FROM outbox WHERE publicado_em IS NOT NULL"
        )
    }
    total, ate_publicar, ate_aplicar = [], [], []
    for ce_id, criado, aplicado in await par.banco_consumidor.consultar(
        "SELECT ce_id, publicado_em, processado_em FROM inbox"
    ):
        inicio, fim = momento(criado), momento(aplicado)
        if inicio < desde:
            continue
        total.append((fim - inicio).total_seconds())
        if (meio := publicados.get(str(ce_id))) is not None:
            ate_publicar.append((meio - inicio).total_seconds())
            ate_aplicar.append((fim - meio).total_seconds())
    return Latencias(total, ate_publicar, ate_aplicar)


def _cpu(medidor: MedidorCpu, parede_s: float) -> Linha:
    por_processo = medidor.parcial()
    valores = " / ".join(f"{numero(100 * s / parede_s)} %" for s in por_processo.values())
    return Linha(
        f"CPU usada ({' / '.join(por_processo)}), em % de um núcleo",
        f"{valores} (soma {numero(100 * sum(por_processo.values()) / parede_s)} %)",
    )


def _etapas(latencias: Latencias) -> list[Linha]:
    linhas = []
    for nome, valores in (
        ("Etapa relay (criado → ack do Tansu)", latencias.ate_publicar),
        ("Etapa consumidor (ack → aplicado)", latencias.ate_aplicar),
    ):
        if valores:
            linhas.append(
                Linha(f"{nome}: p50 / p99", f"{ms(percentil(valores, 50))} / {ms(percentil(valores, 99))}")
            )
    return linhas


async def vazao_ponta_a_ponta(bancada: Bancada) -> Resultado:
    p = bancada.parametros
    n, lote = p.eventos_vazao, p.por_transacao_vazao
    resultado = Resultado(
        metodo=f"""
Um par novo de serviços (bancos SQLite temporários, tópicos e grupo próprios), já aquecido com um
evento. São gravados {numero(n)} eventos `MunicipioRegistrado`, cada um com um código IBGE distinto,
no outbox da Ingestão pela `UnidadeDeTrabalho`, {numero(lote)} por transação, o mais rápido possível.
O relógio começa antes do primeiro commit e para no `processado_em` mais recente da inbox do
Cofinanciamento, quando ela tem todos os eventos. A vazão do relay usa o `publicado_em` mais recente
do outbox. Ao fim confere-se a entrega exatamente uma vez: {numero(n)} municípios, soma de `versao`
igual a {numero(n)}, nenhum duplicado, nada na DLQ, nada pendente no outbox.

{AMBIENTE}
""",
    )
    async with bancada.par("vazao") as par:
        eventos = par.eventos(n)  # construídos antes: o custo do pydantic não é do barramento
        cpu = par.medidor_cpu()
        inicio = agora()
        t0 = time.perf_counter()
        await par.gravar(eventos, por_transacao=lote)
        gravacao_s = time.perf_counter() - t0
        completo = await par.esperar_consumo(timeout=p.timeout_s)
        linha_cpu = _cpu(cpu, time.perf_counter() - t0)
        fim_consumo = momento(await par.banco_consumidor.escalar("SELECT max(processado_em) FROM inbox"))
        fim_relay = momento(await par.banco_produtor.escalar("SELECT max(publicado_em) FROM outbox"))
        pendentes = int(
            await par.banco_produtor.escalar("SELECT count(*) FROM outbox WHERE publicado_em IS NULL")
        )
        aplicados = await par.aplicados() - 1  # sem o aquecimento
        municipios, versoes = (
            await par.banco_consumidor.consultar("SELECT count(*), coalesce(sum(versao), 0) FROM municipio")
        )[0]
        contadores = await par.consumidor.contadores()
        duplicados = contadores.get("suas_eventos_duplicados_total", 0.0)
        dlq = contadores.get("suas_eventos_dlq_total", 0.0)
    municipios, versoes = int(municipios) - 1, int(versoes) - 1
    total_s = (fim_consumo - inicio).total_seconds()
    relay_s = (fim_relay - inicio).total_seconds()
    vazao = n / total_s if completo else 0.0
    exatamente_uma = (
        completo and municipios == n and versoes == n and not duplicados and not dlq and not pendentes
    )
    resultado.linhas += [
        Linha(
            "Vazão ponta a ponta",
            _taxa(n, total_s)
            if completo
            else f"incompleto: {numero(aplicados)} de {numero(n)} em {numero(p.timeout_s)} s",
            f"≥ {numero(META_VAZAO)} eventos/s",
            vazao >= META_VAZAO,
        ),
        Linha("Tempo total (primeiro commit → último aplicado)", f"{numero(total_s, 2)} s"),
        Linha("Gravação no outbox", f"{_taxa(n, gravacao_s)} ({numero(gravacao_s, 2)} s)"),
        Linha(
            "Relay (primeiro commit → último ack do Tansu)", f"{_taxa(n, relay_s)} ({numero(relay_s, 2)} s)"
        ),
        linha_cpu,
        Linha(
            "Exatamente uma vez: municípios / Σ versao / duplicados / DLQ / pendentes",
            f"{numero(municipios)} / {numero(versoes)} / {numero(duplicados)} / {numero(dlq)} / "
            f"{numero(pendentes)}",
            f"{numero(n)} / {numero(n)} / 0 / 0 / 0",
            exatamente_uma,
        ),
    ]
    if completo:
        depois_s = total_s - relay_s
        conclusao = (
            "o consumidor fica para trás do relay e é ele o gargalo"
            if depois_s > max(1.0, 0.1 * relay_s)
            else "o consumidor acompanha o relay, e o ritmo é ditado pelo lado da Ingestão "
            "(gravação e relay dividem o processo da bancada)"
        )
        resultado.notas.append(
            f"O relay publicou o último evento em {numero(relay_s, 1)} s e o consumidor o aplicou "
            f"{numero(depois_s, 1)} s depois: {conclusao}."
        )
    return resultado


async def latencia_sob_carga(bancada: Bancada) -> Resultado:
    p = bancada.parametros
    taxa, duracao, lote = p.taxa_latencia, p.duracao_latencia_s, p.por_transacao_latencia
    n = int(taxa * duracao)
    intervalo = lote / taxa
    resultado = Resultado(
        metodo=f"""
Um par novo de serviços, aquecido. Durante {numero(duracao)} s a Ingestão grava {numero(taxa)} eventos/s
no outbox: {lote} eventos por transação a cada {numero(intervalo * 1000)} ms, no ritmo do relógio
monotônico (uma transação atrasada não desloca as seguintes). A latência de cada evento é
`inbox.processado_em − inbox.publicado_em` no Cofinanciamento: `publicado_em` é o `ce_time` do
CloudEvent, o instante em que o evento foi criado no outbox (antes do commit do produtor), e
`processado_em` o instante em que o consumidor o aplicou (antes do commit do consumidor). Os dois
instantes vêm do mesmo relógio, o do sistema (UTC), lido em processos diferentes na mesma máquina.
As etapas separam o tempo no `publicado_em` do outbox (marcado pelo relay depois do ack).

{AMBIENTE}
""",
    )
    async with bancada.par("latencia") as par:
        eventos = par.eventos(n)
        desde = agora()
        cpu = par.medidor_cpu()
        t0 = time.monotonic()
        maior_atraso = 0.0
        for k, inicio in enumerate(range(0, n, lote)):
            espera = t0 + k * intervalo - time.monotonic()
            if espera > 0:
                await asyncio.sleep(espera)
            else:
                maior_atraso = max(maior_atraso, -espera)
            await par.gravar_transacao(eventos[inicio : inicio + lote])
        producao_s = time.monotonic() - t0
        linha_cpu = _cpu(cpu, producao_s)
        completo = await par.esperar_consumo(timeout=p.timeout_s)
        latencias = await _latencias(par, desde)
    if not latencias.total:
        resultado.notas.append("Nenhum evento foi aplicado.")
        return resultado
    total = latencias.total
    carga_ok = n / producao_s >= 0.98 * taxa
    p99 = percentil(total, 99)
    resultado.linhas += [
        Linha("Carga oferecida (alcançada)", _taxa(n, producao_s), f"{numero(taxa)} eventos/s", carga_ok),
        Linha("p50", ms(percentil(total, 50))),
        Linha("p95", ms(percentil(total, 95))),
        Linha("p99", ms(p99), f"< {ms(META_P99_S)}", completo and carga_ok and p99 < META_P99_S),
        Linha("Máxima", ms(max(total))),
        *_etapas(latencias),
        Linha("Eventos medidos", f"{numero(len(total))} de {numero(n)}"),
        Linha("Maior atraso do produtor sobre o ritmo", ms(maior_atraso)),
        linha_cpu,
    ]
    if not carga_ok:
        resultado.notas.append(
            "O produtor não sustentou a taxa pedida (divide o processo da bancada com o relay); "
            "o p99 vale para a carga alcançada."
        )
    if not completo:
        resultado.notas.append(f"O consumidor não aplicou tudo em {numero(p.timeout_s)} s.")
    return resultado


async def latencia_evento_isolado(bancada: Bancada) -> Resultado:
    p = bancada.parametros
    resultado = Resultado(
        metodo=f"""
Um par novo de serviços, ocioso e aquecido. Um evento por transação, {p.repeticoes_isolado} vezes;
cada um só depois de o anterior ter sido aplicado e de uma pausa sorteada entre 50 e 600 ms (semente
fixa), para não sincronizar com os ciclos de *long poll* do consumidor. Latência e etapas como na
seção anterior.
""",
    )
    sorteio = random.Random(2026)
    async with bancada.par("isolado") as par:
        desde = agora()
        for _ in range(p.repeticoes_isolado):
            await asyncio.sleep(sorteio.uniform(0.05, 0.6))
            await par.gravar_transacao(par.eventos(1))
            if not await par.esperar_consumo(timeout=30, intervalo=0.005):
                resultado.notas.append("Um evento isolado não foi aplicado em 30 s.")
                break
        latencias = await _latencias(par, desde)
    espera_fetch = par.consumidor.settings.kafka_fetch_max_wait_ms
    if latencias.total:
        resultado.linhas += [
            Linha("Mediana", ms(statistics.median(latencias.total))),
            Linha("Mínima", ms(min(latencias.total))),
            Linha("Máxima", ms(max(latencias.total))),
            *_etapas(latencias),
        ]
    resultado.notas.append(
        "No Tansu, um registro que chega enquanto o consumidor espera num fetch vazio só é entregue "
        "quando esse fetch termina, num ciclo ligado a `fetch_max_wait_ms` (o consumidor usa "
        f"{numero(espera_fetch)} ms): em repouso, a etapa do consumidor depende da fase desse ciclo. "
        "O Apache Kafka responde ao fetch assim que chegam dados."
    )
    return resultado
