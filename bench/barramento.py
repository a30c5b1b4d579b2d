"""Benchmarks do barramento: outbox → relay → Tansu → consumidor idempotente → banco do consumidor."""

from __future__ import annotations

import asyncio
import math
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

AMBIENTE = (
    "Tudo num só processo Python (um núcleo, por causa do GIL): quem grava o outbox, o relay da "
    "Ingestão e o consumidor do Cofinanciamento dividem o mesmo event loop; o broker Tansu (memória) "
    "roda em outro processo. Em produção cada serviço tem processo(s) próprio(s)."
)


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
    python, tansu = medidor.parcial()
    return Linha(
        "CPU usada (Python / Tansu), em % de um núcleo",
        f"{numero(100 * python / parede_s)} % / {numero(100 * tansu / parede_s)} %",
    )


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
igual a {numero(n)}, nenhum duplicado, nada na DLQ. {AMBIENTE}
""",
    )
    async with bancada.par("vazao") as par:
        eventos = par.eventos(n)  # construídos antes: o custo do pydantic não é do barramento
        inicio = agora()
        t0 = time.perf_counter()
        await par.gravar(eventos, por_transacao=lote)
        gravacao_s = time.perf_counter() - t0
        completo = await par.esperar_consumo(timeout=p.timeout_s)
        fim_consumo = momento(await par.banco_consumidor.escalar("SELECT max(processado_em) FROM inbox"))
        fim_relay = momento(await par.banco_produtor.escalar("SELECT max(publicado_em) FROM outbox"))
        nao_publicados = await par.banco_produtor.escalar("SELECT count(*) FROM outbox WHERE publicado_em IS NULL")
        aplicados = await par.aplicados() - 1  # menos o aquecimento
        municipios, versoes = (
            await par.banco_consumidor.consultar("SELECT count(*), coalesce(sum(versao), 0) FROM municipio")
        )[0]
        metricas = par.consumidor.metricas
        duplicados = metricas.registro.get_sample_value(
            "suas_eventos_duplicados_total", {"tipo": eventos[0].tipo()}
        ) or 0
        dlq = sum(
            amostra.value
            for metrica in metricas.eventos_falhos.collect()
            for amostra in metrica.samples
            if amostra.name.endswith("_total")
        )
    total_s = (fim_consumo - inicio).total_seconds()
    relay_s = (fim_relay - inicio).total_seconds()
    vazao = n / total_s if completo else 0.0
    esperado = n + 1  # com o aquecimento
    exatamente_uma = completo and municipios == esperado and versoes == esperado and not duplicados and not dlq
    resultado.linhas += [
        Linha(
            "Vazão ponta a ponta",
            _taxa(n, total_s) if completo else f"incompleto: {numero(aplicados)} de {numero(n)} em "
            f"{numero(p.timeout_s)} s",
            f"≥ {numero(META_VAZAO)} eventos/s",
            vazao >= META_VAZAO,
        ),
        Linha("Tempo total (primeiro commit → último aplicado)", f"{numero(total_s, 2)} s"),
        Linha("Gravação no outbox", _taxa(n, gravacao_s) + f" ({numero(gravacao_s, 2)} s)"),
        Linha("Relay (commit → publicado no Tansu)", _taxa(n, relay_s) + f" ({numero(relay_s, 2)} s)"),
        Linha(
            "Exatamente uma vez",
            f"{numero(int(municipios) - 1)} municípios, Σ versao = {numero(int(versoes) - 1)}, "  # type: ignore[call-overload]
            f"{numero(duplicados)} duplicados, {numero(dlq)} na DLQ, {numero(nao_publicados)} não publicados",
            f"{numero(n)} / {numero(n)} / 0 / 0",
            exatamente_uma,
        ),
    ]
    return resultado


async def latencia_sob_carga(bancada: Bancada) -> Resultado:
    p = bancada.parametros
    taxa, duracao, lote = p.taxa_latencia, p.duracao_latencia_s, p.por_transacao_latencia
    n = int(taxa * duracao)
    intervalo = lote / taxa
    resultado = Resultado(
        metodo=f"""
Um par novo de serviços, aquecido. Durante {numero(duracao)} s a Ingestão grava {numero(taxa)} eventos/s
no outbox: {lote} eventos por transação a cada {numero(intervalo * 1000)} ms, num ritmo marcado pelo
relógio monotônico (uma transação atrasada não desloca as seguintes). A latência de cada evento é
`inbox.processado_em − inbox.publicado_em` no Cofinanciamento: `publicado_em` é o `ce_time` do
CloudEvent, o instante em que o evento foi criado no outbox (antes do commit do produtor), e
`processado_em` o instante em que o consumidor o aplicou (antes do commit do consumidor). Os dois
relógios são o mesmo (um processo). {AMBIENTE}
""",
    )
    async with bancada.par("latencia") as par:
        eventos = par.eventos(n)
        desde = agora()
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
        completo = await par.esperar_consumo(timeout=p.timeout_s)
        latencias = await _latencias(par, desde)
    if not latencias:
        resultado.notas.append("nenhum evento foi aplicado")
        return resultado
    produzida = n / producao_s
    p50, p95, p99 = (percentil(latencias, q) for q in (50, 95, 99))
    carga_ok = produzida >= 0.98 * taxa
    resultado.linhas += [
        Linha(
            "Carga oferecida (alcançada)",
            _taxa(n, producao_s),
            f"{numero(taxa)} eventos/s",
            carga_ok,
        ),
        Linha("p50", ms(p50)),
        Linha("p95", ms(p95)),
        Linha("p99", ms(p99), f"< {ms(META_P99_S)}", completo and carga_ok and p99 < META_P99_S),
        Linha("Máxima", ms(max(latencias))),
        Linha("Eventos medidos", f"{numero(len(latencias))} de {numero(n)}"),
        Linha("Maior atraso do produtor sobre o ritmo", ms(maior_atraso)),
    ]
    if not carga_ok:
        resultado.notas.append(
            "O produtor não sustentou a taxa pedida (ele divide o processo com relay e consumidor); "
            "o p99 vale para a carga alcançada, não para a meta."
        )
    if not completo:
        resultado.notas.append(f"O consumidor não aplicou tudo em {numero(p.timeout_s)} s.")
    return resultado


async def latencia_evento_isolado(bancada: Bancada) -> Resultado:
    p = bancada.parametros
    resultado = Resultado(
        metodo=f"""
Um par novo de serviços, ocioso e aquecido. Um evento por transação, {p.repeticoes_isolado} vezes,
cada um só depois de o anterior ter sido aplicado (mais 100 ms de folga). Latência como acima
(`processado_em − publicado_em`). O relay é acordado pelo commit; o consumidor busca no Tansu em
*long poll*.
""",
    )
    async with bancada.par("isolado") as par:
        desde = agora()
        for _ in range(p.repeticoes_isolado):
            await par.gravar_transacao(par.eventos(1))
            if not await par.esperar_consumo(timeout=30, intervalo=0.005):
                resultado.notas.append("um evento isolado não foi aplicado em 30 s")
                break
            await asyncio.sleep(0.1)
        latencias = await _latencias(par, desde)
    if latencias:
        resultado.linhas += [
            Linha("Mediana", ms(statistics.median(latencias))),
            Linha("Mínima", ms(min(latencias))),
            Linha("Máxima", ms(max(latencias))),
        ]
    return resultado
