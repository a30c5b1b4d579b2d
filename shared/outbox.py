"""Unidade de trabalho (estado + eventos na mesma transação) e o relay que publica o outbox."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any, Self

from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner
from aiokafka.producer.message_accumulator import BatchBuilder
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.contexto import correlation_id_atual
from shared.db import agora, inserir_em_massa, marcar_somente_leitura
from shared.eventos.base import Evento
from shared.eventos.catalogo import CATALOGO, Catalogo
from shared.eventos.envelope import cabecalhos, fonte_do_servico
from shared.kafka import criar_produtor, garantir_topicos
from shared.metricas import Metricas
from shared.plataforma import OutboxMixin
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)
_PARTICIONADOR = DefaultPartitioner()


class UnidadeDeTrabalho:
    """Uma transação de negócio. Serviços registram mudanças e eventos; só a borda faz commit."""

    def __init__(
        self,
        *,
        sessao: AsyncSession,
        outbox: type[OutboxMixin],
        aviso: Callable[[], None] = lambda: None,
        catalogo: Catalogo = CATALOGO,
        settings: ServiceSettings | None = None,
    ) -> None:
        self.sessao = sessao
        self.settings = settings  # para os tratadores de eventos que dependem da configuração do serviço
        self._outbox = outbox
        self._aviso = aviso
        self._catalogo = catalogo
        self._eventos: list[Evento] = []
        self._gravados = False  # há eventos no outbox desta transação: avisar o relay no commit

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.sessao.rollback()  # sem efeito depois de um commit; desfaz o que não foi confirmado
        await self.sessao.close()

    def publicar(self, evento: Evento) -> None:
        """O evento sai se, e somente se, a transação for confirmada."""
        self._catalogo.topico_de(type(evento))  # falha cedo se o tipo não está no catálogo
        self._eventos.append(evento)

    async def descarregar(self) -> None:
        """Grava já no outbox (na transação aberta) os eventos registrados até aqui: lotes grandes não
        acumulam eventos em memória até o commit."""
        await self._gravar_eventos()
        await self.sessao.flush()

    async def commit(self) -> None:
        await self._gravar_eventos()
        await self.sessao.commit()
        if self._gravados:
            self._gravados = False
            self._aviso()

    async def _gravar_eventos(self) -> None:
        if not self._eventos:
            return
        correlation_id = correlation_id_atual()
        momento = agora()
        linhas = [
            {
                "ce_id": str(uuid.uuid4()),
                "topico": self._catalogo.topico_de(type(evento)).nome,
                "chave": evento.chave(),
                "tipo": evento.tipo(),
                "assunto": evento.assunto(),
                "corpo": evento.model_dump_json(),
                "correlation_id": correlation_id,
                "criado_em": momento,
            }
            for evento in self._eventos
        ]
        self._eventos.clear()
        await inserir_em_massa(self.sessao, self._outbox, linhas)
        self._gravados = True


class RelayOutbox:
    """Publica o outbox em ordem (acks=all) e marca o que saiu. Retoma sozinho após falhas.

    Em PostgreSQL só uma réplica publica por vez (advisory lock), para não embaralhar a ordem
    por município; o SQLite local tem um único processo por banco.
    """

    def __init__(
        self,
        *,
        settings: ServiceSettings,
        fabrica_sessoes: async_sessionmaker[AsyncSession],
        outbox: type[OutboxMixin],
        metricas: Metricas,
        catalogo: Catalogo = CATALOGO,
    ) -> None:
        self._settings = settings
        self._fabrica = fabrica_sessoes
        self._outbox = outbox
        self._metricas = metricas
        self._catalogo = catalogo
        self._fonte = fonte_do_servico(settings.servico)
        self._acordar = asyncio.Event()
        self._parar = asyncio.Event()
        self._produtor: AIOKafkaProducer | None = None
        self._tarefa: asyncio.Task[None] | None = None
        self._proxima_medicao = 0.0
        self._chave_lock = int.from_bytes(uuid.uuid5(uuid.NAMESPACE_URL, settings.servico).bytes[:4], "big")

    @property
    def rodando(self) -> bool:
        return self._tarefa is not None and not self._tarefa.done()

    def avisar(self) -> None:
        self._acordar.set()

    def iniciar(self) -> None:
        self._tarefa = asyncio.create_task(self._executar(), name=f"relay-{self._settings.servico}")

    async def parar(self) -> None:
        self._parar.set()
        self._acordar.set()
        if self._tarefa:
            await self._tarefa
        await self._fechar_produtor()

    async def _executar(self) -> None:
        espera = self._settings.consumidor_espera_inicial_s
        while not self._parar.is_set():
            try:
                publicados = await self.publicar_pendentes()
                espera = self._settings.consumidor_espera_inicial_s
            except Exception:
                log.warning("falha ao publicar o outbox; nova tentativa", exc_info=True)
                await self._fechar_produtor()
                await self._dormir(espera)
                espera = min(espera * 2, self._settings.consumidor_espera_maxima_s)
                continue
            if publicados < self._settings.outbox_lote:
                await self._dormir(self._settings.outbox_intervalo_s)

    async def _dormir(self, segundos: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._acordar.wait(), timeout=segundos)
        self._acordar.clear()

    async def _obter_produtor(self) -> AIOKafkaProducer:
        if self._produtor is None:
            await garantir_topicos(self._settings, self._catalogo.produzidos_por(self._settings.servico))
            produtor = criar_produtor(self._settings)
            try:
                await produtor.start()
            except Exception:
                await produtor.stop()
                raise
            self._produtor = produtor
        return self._produtor

    async def _fechar_produtor(self) -> None:
        if self._produtor is not None:
            produtor, self._produtor = self._produtor, None
            try:
                await produtor.stop()
            except Exception:
                log.debug("produtor já estava fechado", exc_info=True)

    async def publicar_pendentes(self) -> int:
        """Publica um lote do outbox; devolve quantos eventos saíram."""
        if not self._settings.outbox_publicar:
            return 0
        tabela = self._outbox
        async with self._fabrica() as sessao:
            if self._settings.sqlite:
                # Ler sem reservar a escrita: a API e o relay não disputam o arquivo enquanto o Kafka responde.
                await marcar_somente_leitura(sessao)
            else:
                lider = await sessao.scalar(
                    text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": self._chave_lock}
                )
                if not lider:
                    return 0
            await self._medir_pendentes(sessao)
            linhas = (
                await sessao.execute(
                    select(*_colunas_envio(tabela))
                    .where(tabela.publicado_em.is_(None))
                    .order_by(tabela.seq)
                    .limit(self._settings.outbox_lote)
                )
            ).all()
            if not linhas:
                return 0
            if self._settings.sqlite:
                await sessao.commit()
            await self._enviar(linhas)
            await sessao.execute(
                update(tabela)
                .where(tabela.seq.in_([linha.seq for linha in linhas]))
                .values(publicado_em=agora())
            )
            await sessao.commit()
        for tipo, quantos in Counter(linha.tipo for linha in linhas).items():
            self._metricas.eventos_publicados.labels(tipo).inc(quantos)
        return len(linhas)

    async def _medir_pendentes(self, sessao: AsyncSession) -> None:
        """Atualiza as métricas de atraso do outbox no máximo uma vez por segundo (a contagem custa)."""
        if time.monotonic() < self._proxima_medicao:
            return
        self._proxima_medicao = time.monotonic() + 1
        tabela = self._outbox
        pendentes, mais_antigo = (
            await sessao.execute(
                select(func.count(), func.min(tabela.criado_em)).where(tabela.publicado_em.is_(None))
            )
        ).one()
        self._metricas.outbox_pendentes.set(pendentes)
        self._metricas.outbox_atraso.set(
            (agora() - _com_fuso(mais_antigo)).total_seconds() if mais_antigo else 0
        )

    async def _enviar(self, linhas: Any) -> None:
        """Monta os lotes de registros por partição e os entrega ao produtor de uma vez: registro a
        registro (`send`) o custo do aiokafka por evento dominava a publicação de lotes grandes. A
        partição é a do `send` (mesmo particionador, pela chave), e numa partição os lotes saem na
        ordem do outbox."""
        produtor = await self._obter_produtor()
        particoes: dict[str, list[int]] = {}
        abertos: dict[tuple[str, int], BatchBuilder] = {}
        envios: list[asyncio.Future[Any]] = []
        for linha in linhas:
            topico = self._settings.topico(linha.topico)
            if topico not in particoes:
                particoes[topico] = sorted(await produtor.partitions_for(topico))
            chave = linha.chave.encode()
            todas = particoes[topico]
            destino = (topico, _PARTICIONADOR(chave, todas, todas))
            registro = {
                "timestamp": None,
                "key": chave,
                "value": linha.corpo.encode(),
                "headers": cabecalhos(
                    ce_id=linha.ce_id,
                    fonte=self._fonte,
                    tipo=linha.tipo,
                    momento=_com_fuso(linha.criado_em),
                    assunto=linha.assunto,
                    correlation_id=linha.correlation_id,
                ),
            }
            lote = abertos.get(destino)
            if lote is None or lote.append(**registro) is None:
                if lote is not None:
                    envios.append(await produtor.send_batch(lote, destino[0], partition=destino[1]))
                lote = abertos[destino] = produtor.create_batch()
                lote.append(**registro)  # num lote vazio cabe sempre
        for (topico, particao), lote in abertos.items():
            lote.close()
            envios.append(await produtor.send_batch(lote, topico, partition=particao))
        await asyncio.gather(*envios)

    async def reenviar(self, *, desde: datetime, topicos: set[str] | None = None) -> int:
        """Reenvia os eventos já publicados desde uma data, com o mesmo ce_id (para reconstruir leituras)."""
        tabela = self._outbox
        total = 0
        ultimo = 0
        while True:
            async with self._fabrica() as sessao:
                consulta = (
                    select(*_colunas_envio(tabela))
                    .where(tabela.publicado_em.is_not(None), tabela.criado_em >= desde, tabela.seq > ultimo)
                    .order_by(tabela.seq)
                    .limit(self._settings.outbox_lote)
                )
                if topicos:
                    consulta = consulta.where(tabela.topico.in_(topicos))
                linhas = (await sessao.execute(consulta)).all()
            if not linhas:
                break
            await self._enviar(linhas)
            total += len(linhas)
            ultimo = linhas[-1].seq
        await self._fechar_produtor()
        return total


def _colunas_envio(tabela: type[OutboxMixin]) -> tuple[Any, ...]:
    """Só o que o envio usa: sem montar objetos ORM para cada linha."""
    return (
        tabela.seq,
        tabela.ce_id,
        tabela.topico,
        tabela.chave,
        tabela.tipo,
        tabela.assunto,
        tabela.corpo,
        tabela.correlation_id,
        tabela.criado_em,
    )


def _com_fuso(momento: datetime) -> datetime:
    # Agregados (min) no SQLite voltam como texto ingênuo; o banco guarda sempre UTC.
    if isinstance(momento, str):
        momento = datetime.fromisoformat(momento)
    return momento if momento.tzinfo else momento.replace(tzinfo=agora().tzinfo)
