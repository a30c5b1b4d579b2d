"""Consumidor idempotente: grupo com commit manual, inbox na transação do efeito, DLQ para o resto.

Para cada lote de uma partição: aplica os registros numa transação (deduplicando por
`(grupo, ce_id)` na inbox), confirma o banco e só então confirma o offset. Um registro que nunca
poderá ser processado vai para `<tópico>.dlq` com o motivo nos cabeçalhos, e o consumo segue.
Falhas de infraestrutura (banco fora) não mandam nada para a DLQ: o lote é repetido com espera.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from sqlalchemy import exc as sa_exc
from sqlalchemy import insert, select

from shared.contexto import correlation_id, novo_correlation_id
from shared.db import agora
from shared.erros import ErroDominio
from shared.eventos.base import Evento
from shared.eventos.catalogo import CATALOGO, Catalogo, Topico
from shared.eventos.envelope import EventoRecebido, RegistroInvalido, decodificar
from shared.kafka import criar_produtor, garantir_topicos, opcoes_conexao
from shared.metricas import Metricas
from shared.outbox import UnidadeDeTrabalho
from shared.plataforma import InboxMixin
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)

# Um tratador recebe uma corrida de eventos consecutivos do mesmo tipo e correlation id, na ordem
# da partição: aplicar em lote (uma consulta para a corrida toda) é o que sustenta a vazão.
Tratador = Callable[[UnidadeDeTrabalho, Sequence[EventoRecebido]], Awaitable[None]]
ERROS_INFRA = (sa_exc.OperationalError, sa_exc.InterfaceError, ConnectionError, OSError, TimeoutError)


class _FalhaNoLote(Exception):
    """Algum registro do lote falhou (a causa vem em __cause__): reprocessar um a um."""


@dataclass(frozen=True)
class Rejeitado:
    registro: ConsumerRecord
    motivo: str
    detalhe: str


class Consumidor:
    def __init__(
        self,
        *,
        settings: ServiceSettings,
        fabrica_uow: Callable[[], UnidadeDeTrabalho],
        inbox: type[InboxMixin],
        tratadores: Mapping[type[Evento], Tratador],
        metricas: Metricas,
        catalogo: Catalogo = CATALOGO,
    ) -> None:
        self._settings = settings
        self._fabrica_uow = fabrica_uow
        self._inbox = inbox
        self._tratadores = tratadores
        self._metricas = metricas
        self._catalogo = catalogo
        self._grupo = settings.kafka_grupo_consumidor
        consumidos = catalogo.consumidos_por(settings.servico)
        self.topicos: tuple[Topico, ...] = tuple(
            t for t in consumidos if any(evento in tratadores for evento in t.eventos)
        )
        sem_topico = [e.tipo() for e in tratadores if catalogo.topico_de(e) not in consumidos]
        if sem_topico:
            raise ValueError(f"{settings.servico} trata eventos que o catálogo não lhe atribui: {sem_topico}")
        self._logico = {settings.topico(t.nome): t.nome for t in self.topicos}
        self._parar = asyncio.Event()
        self._tarefa: asyncio.Task[None] | None = None
        self._kafka: AIOKafkaConsumer | None = None
        self._produtor_dlq: AIOKafkaProducer | None = None

    @property
    def rodando(self) -> bool:
        """Sem tópicos não há o que consumir, e isso não impede o serviço de estar pronto."""
        return not self.topicos or (self._tarefa is not None and not self._tarefa.done())

    def iniciar(self) -> None:
        if self.topicos:
            self._tarefa = asyncio.create_task(self._executar(), name=f"consumidor-{self._grupo}")

    async def parar(self) -> None:
        """Termina o lote em curso, confirma, e sai do grupo (sem esperar o fim da sessão)."""
        self._parar.set()
        if self._tarefa:
            await self._tarefa

    async def _executar(self) -> None:
        espera = self._settings.consumidor_espera_inicial_s
        while not self._parar.is_set():
            try:
                await self._conectar()
                espera = self._settings.consumidor_espera_inicial_s
                await self._consumir()
            except Exception:
                log.warning("consumidor interrompido; reconectando", exc_info=True)
                await asyncio.sleep(espera)
                espera = min(espera * 2, self._settings.consumidor_espera_maxima_s)
            finally:
                await self._desconectar()

    async def _conectar(self) -> None:
        await garantir_topicos(self._settings, self.topicos)
        s = self._settings
        self._kafka = AIOKafkaConsumer(
            *self._logico,
            **opcoes_conexao(s),
            group_id=self._grupo,
            client_id=f"suas-ce.{s.servico}",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=s.kafka_session_timeout_ms,
            heartbeat_interval_ms=s.kafka_heartbeat_interval_ms,
            metadata_max_age_ms=s.kafka_metadata_max_age_ms,
            max_poll_records=s.consumidor_lote_maximo,
            fetch_max_wait_ms=s.kafka_fetch_max_wait_ms,
        )
        await self._kafka.start()
        self._produtor_dlq = criar_produtor(s)
        await self._produtor_dlq.start()

    async def _desconectar(self) -> None:
        for cliente in (self._kafka, self._produtor_dlq):
            if cliente is not None:
                try:
                    await cliente.stop()
                except Exception:
                    log.debug("cliente Kafka já fechado", exc_info=True)
        self._kafka = self._produtor_dlq = None

    async def _consumir(self) -> None:
        assert self._kafka is not None
        while not self._parar.is_set():
            lotes = await self._kafka.getmany(
                timeout_ms=200, max_records=self._settings.consumidor_lote_maximo
            )
            if not lotes:
                continue
            await self._processar([r for registros in lotes.values() for r in registros])
            await self._kafka.commit({tp: registros[-1].offset + 1 for tp, registros in lotes.items()})
            for tp, registros in lotes.items():
                self._metricas.consumidor_atraso.labels(tp.topic, str(tp.partition)).set(
                    max((self._kafka.highwater(tp) or 0) - (registros[-1].offset + 1), 0)
                )

    async def _processar(self, registros: list[ConsumerRecord]) -> None:
        """Caminho rápido: tudo o que o poll trouxe numa transação (a ordem de cada partição se mantém).
        Se um registro falha, cada um vai na sua transação, e só o culpado segue para a DLQ."""
        itens = [self._decodificar(r) for r in registros]
        rejeitados = [item for _, item in itens if isinstance(item, Rejeitado)]
        eventos = [(r, item) for r, item in itens if isinstance(item, EventoRecebido)]
        try:
            if eventos:
                await self._com_banco(lambda: self._aplicar([e for _, e in eventos]))
        except _FalhaNoLote:
            for registro, evento in eventos:
                if falha := await self._aplicar_isolado(evento):
                    rejeitados.append(Rejeitado(registro, *falha))
        for rejeitado in sorted(rejeitados, key=lambda r: (r.registro.partition, r.registro.offset)):
            await self._enviar_dlq(rejeitado)

    async def _com_banco(self, operacao: Callable[[], Awaitable[None]]) -> None:
        """Banco fora do ar não é culpa do registro: repete sem limite, com espera, sem DLQ."""
        espera = self._settings.consumidor_espera_inicial_s
        while True:
            try:
                await operacao()
                return
            except ERROS_INFRA:
                log.warning("banco indisponível; o lote será repetido", exc_info=True)
                await asyncio.sleep(espera)
                espera = min(espera * 2, self._settings.consumidor_espera_maxima_s)

    def _decodificar(self, registro: ConsumerRecord) -> tuple[ConsumerRecord, EventoRecebido | Rejeitado]:
        try:
            return registro, decodificar(
                cabecalhos_registro=registro.headers,
                valor=registro.value,
                topico_logico=self._logico[registro.topic],
                topico=registro.topic,
                particao=registro.partition,
                deslocamento=registro.offset,
                catalogo=self._catalogo,
            )
        except RegistroInvalido as exc:
            return registro, Rejeitado(registro, exc.motivo, exc.detalhe)

    async def _aplicar(self, eventos: Sequence[EventoRecebido]) -> None:
        """Aplica os eventos numa transação: efeitos, eventos causados (outbox) e inbox juntos."""
        async with self._fabrica_uow() as uow:
            ja_aplicados = await self._ja_aplicados(uow, [e.ce_id for e in eventos])
            aplicados: list[EventoRecebido] = []
            for evento in eventos:
                if evento.ce_id in ja_aplicados:
                    self._metricas.eventos_duplicados.labels(evento.tipo).inc()
                elif (
                    type(evento.corpo) in self._tratadores
                ):  # os outros tipos do tópico não são deste serviço
                    aplicados.append(evento)
                ja_aplicados.add(evento.ce_id)
            for (tipo, cid), corrida in groupby(aplicados, key=lambda e: (type(e.corpo), e.correlation_id)):
                token = correlation_id.set(cid or novo_correlation_id())
                try:
                    await self._tratadores[tipo](uow, list(corrida))
                except ERROS_INFRA:
                    raise
                except Exception as exc:
                    raise _FalhaNoLote from exc
                finally:
                    correlation_id.reset(token)
            try:
                if aplicados:
                    await uow.sessao.execute(insert(self._inbox), [self._linha_inbox(e) for e in aplicados])
                await uow.commit()
            except ERROS_INFRA:
                raise
            except Exception as exc:
                # Sem autoflush, violações de constraint só aparecem aqui; o culpado sai no isolamento.
                raise _FalhaNoLote from exc
        for evento in aplicados:
            self._metricas.eventos_consumidos.labels(evento.tipo).inc()

    def _linha_inbox(self, evento: EventoRecebido) -> dict[str, object]:
        return {
            "grupo": self._grupo,
            "ce_id": evento.ce_id,
            "tipo": evento.tipo,
            "topico": evento.topico,
            "particao": evento.particao,
            "deslocamento": evento.deslocamento,
            "publicado_em": evento.momento,
            "processado_em": agora(),
        }

    async def _ja_aplicados(self, uow: UnidadeDeTrabalho, ce_ids: list[str]) -> set[str]:
        if not ce_ids:
            return set()
        consulta = select(self._inbox.ce_id).where(
            self._inbox.grupo == self._grupo, self._inbox.ce_id.in_(ce_ids)
        )
        return set((await uow.sessao.scalars(consulta)).all())

    async def _aplicar_isolado(self, evento: EventoRecebido) -> tuple[str, str] | None:
        """Um evento na sua transação, com tentativas; devolve (motivo, detalhe) se ele for para a DLQ."""
        espera = self._settings.consumidor_espera_inicial_s
        for tentativa in range(1, self._settings.consumidor_tentativas + 1):
            try:
                await self._com_banco(lambda: self._aplicar([evento]))
                return None
            except _FalhaNoLote as falha:
                causa = falha.__cause__
                if isinstance(causa, ErroDominio | RegistroInvalido):
                    return (causa.motivo if isinstance(causa, RegistroInvalido) else causa.codigo), str(causa)
                log.warning("falha ao aplicar %s (tentativa %d)", evento.tipo, tentativa, exc_info=causa)
                if tentativa == self._settings.consumidor_tentativas:
                    return "falha_processamento", f"{type(causa).__name__}: {causa}"
                await asyncio.sleep(espera)
                espera = min(espera * 2, self._settings.consumidor_espera_maxima_s)
        raise AssertionError("inalcançável")

    async def _enviar_dlq(self, rejeitado: Rejeitado) -> None:
        assert self._produtor_dlq is not None
        registro = rejeitado.registro
        origem = self._logico[registro.topic]
        cabecalhos = [
            *(registro.headers or ()),
            ("dlq_motivo", rejeitado.motivo.encode()),
            ("dlq_detalhe", rejeitado.detalhe[:2000].encode()),
            ("dlq_grupo", self._grupo.encode()),
            ("dlq_topico_origem", registro.topic.encode()),
            ("dlq_particao", str(registro.partition).encode()),
            ("dlq_offset", str(registro.offset).encode()),
            ("dlq_momento", agora().isoformat().encode()),
        ]
        await self._produtor_dlq.send_and_wait(
            self._settings.topico(self._catalogo.topico(origem).dlq),
            value=registro.value,
            key=registro.key,
            headers=cabecalhos,
        )
        self._metricas.eventos_falhos.labels(origem, rejeitado.motivo).inc()
        log.error(
            "registro enviado à DLQ",
            extra={
                "dados": {"motivo": rejeitado.motivo, "detalhe": rejeitado.detalhe, "offset": registro.offset}
            },
        )
