"""O que define um serviço (para a fábrica de apps, a CLI e os testes) e o seu runtime."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from sqlalchemy import MetaData

from shared.consumidor import Consumidor, Tratador
from shared.db import agora, banco_acessivel, criar_engine, criar_fabrica_sessoes
from shared.eventos.base import Evento
from shared.http.seguranca import VerificadorTokens
from shared.metricas import Metricas
from shared.outbox import RelayOutbox, UnidadeDeTrabalho
from shared.plataforma import InboxMixin, OutboxMixin
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TarefaPeriodica:
    """Trabalho que o serviço repete enquanto está no ar (ex.: verificar prazos vencidos)."""

    nome: str
    intervalo_s: Callable[[ServiceSettings], float]
    executar: Callable[[Runtime], Awaitable[None]]


@dataclass(frozen=True)
class DefinicaoServico:
    nome: str
    titulo: str
    descricao: str
    settings: type[ServiceSettings]
    metadata: MetaData
    outbox: type[OutboxMixin]
    inbox: type[InboxMixin]
    pasta_migracoes: Path
    routers: tuple[APIRouter, ...] = ()
    tratadores: Mapping[type[Evento], Tratador] = field(default_factory=dict)
    tags: tuple[dict[str, Any], ...] = ()
    prefixos_upload: tuple[str, ...] = ()
    ao_iniciar: Callable[[Runtime], Awaitable[None]] | None = (
        None  # arrumação na partida (ex.: lotes cortados)
    )
    tarefas: tuple[TarefaPeriodica, ...] = ()


class Runtime:
    """Recursos vivos de um serviço: banco, relay do outbox, consumidor, verificação de tokens."""

    def __init__(self, definicao: DefinicaoServico, settings: ServiceSettings) -> None:
        self.definicao = definicao
        self.settings = settings
        # Toda regra que depende de "hoje" pergunta a este relógio; os testes o acertam.
        self.relogio: Callable[[], datetime] = agora
        # Identifica esta réplica (host, processo e partida) para o trabalho que ela assume.
        self.instancia = f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._tarefas: list[asyncio.Task[None]] = []
        self.engine = criar_engine(settings.database_url)
        self.fabrica_sessoes = criar_fabrica_sessoes(self.engine)
        self.metricas = Metricas(definicao.nome)
        self.verificador = VerificadorTokens(settings)
        self.relay = RelayOutbox(
            settings=settings,
            fabrica_sessoes=self.fabrica_sessoes,
            outbox=definicao.outbox,
            metricas=self.metricas,
        )
        self.consumidor = Consumidor(
            settings=settings,
            fabrica_uow=self.nova_uow,
            inbox=definicao.inbox,
            tratadores=definicao.tratadores,
            metricas=self.metricas,
        )

    def nova_uow(self) -> UnidadeDeTrabalho:
        return UnidadeDeTrabalho(
            sessao=self.fabrica_sessoes(),
            outbox=self.definicao.outbox,
            aviso=self.relay.avisar,
            settings=self.settings,
        )

    async def iniciar(self) -> None:
        if self.definicao.ao_iniciar is not None:
            await self.definicao.ao_iniciar(self)
        self.relay.iniciar()
        self.consumidor.iniciar()
        self._tarefas = [asyncio.create_task(self._repetir(t), name=t.nome) for t in self.definicao.tarefas]

    async def _repetir(self, tarefa: TarefaPeriodica) -> None:
        while True:
            await asyncio.sleep(tarefa.intervalo_s(self.settings))
            try:
                await tarefa.executar(self)
            except Exception:  # a próxima rodada tenta de novo; o erro fica no log
                log.exception("tarefa periódica %s falhou", tarefa.nome)

    async def parar(self) -> None:
        for tarefa in self._tarefas:
            tarefa.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await tarefa
        await self.consumidor.parar()
        await self.relay.parar()
        await self.engine.dispose()

    async def verificacoes(self) -> dict[str, bool]:
        # O broker fora do ar não tira o serviço do ar: o outbox guarda e o consumidor reconecta.
        return {
            "banco": await banco_acessivel(self.engine),
            "relay_outbox": self.relay.rodando,
            "consumidor": self.consumidor.rodando,
        }
