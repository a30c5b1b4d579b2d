"""Métricas Prometheus de um serviço (registro próprio, para vários apps no mesmo processo de teste)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metricas:
    def __init__(self, servico: str) -> None:
        self.registro = CollectorRegistry()
        rotulo = {"servico": servico}
        self.http_latencia = Histogram(
            "suas_http_requisicao_segundos",
            "Latência das requisições HTTP",
            ["metodo", "rota", "status"],
            registry=self.registro,
        )
        self.eventos_publicados = Counter(
            "suas_eventos_publicados_total",
            "Eventos publicados pelo relay do outbox",
            ["tipo"],
            registry=self.registro,
        )
        self.eventos_consumidos = Counter(
            "suas_eventos_consumidos_total",
            "Eventos aplicados pelo consumidor",
            ["tipo"],
            registry=self.registro,
        )
        self.eventos_duplicados = Counter(
            "suas_eventos_duplicados_total",
            "Eventos recebidos de novo e ignorados (inbox)",
            ["tipo"],
            registry=self.registro,
        )
        self.eventos_falhos = Counter(
            "suas_eventos_dlq_total", "Registros enviados à DLQ", ["topico", "motivo"], registry=self.registro
        )
        self.outbox_pendentes = Gauge(
            "suas_outbox_pendentes", "Eventos no outbox ainda não publicados", registry=self.registro
        )
        self.outbox_atraso = Gauge(
            "suas_outbox_atraso_segundos",
            "Idade do evento pendente mais antigo do outbox",
            registry=self.registro,
        )
        self.consumidor_atraso = Gauge(
            "suas_consumidor_atraso_registros",
            "Registros ainda não consumidos (lag) por partição",
            ["topico", "particao"],
            registry=self.registro,
        )
        self.info = Gauge("suas_servico_info", "Serviço em execução", list(rotulo), registry=self.registro)
        self.info.labels(**rotulo).set(1)
