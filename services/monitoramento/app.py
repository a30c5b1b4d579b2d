"""Fábrica da aplicação do serviço Monitoramento."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.monitoramento.consumers import TRATADORES
from services.monitoramento.models import Base, Inbox, Municipio, Outbox
from services.monitoramento.settings import Settings
from shared.http.app import criar_app
from shared.municipios.router import criar_router_municipios
from shared.servico import DefinicaoServico

DEFINICAO = DefinicaoServico(
    nome="monitoramento",
    titulo="SUAS-CE — Monitoramento",
    descricao="Acompanhamento dos municípios (Portaria SPS nº 352/2023): Planos de Providências, Planos de Apoio, alertas, prazos e verificação anual.",
    settings=Settings,
    metadata=Base.metadata,
    outbox=Outbox,
    inbox=Inbox,
    pasta_migracoes=Path(__file__).parent / "migrations",
    routers=(criar_router_municipios(Municipio),),
    tratadores=TRATADORES,
    tags=({"name": "municípios", "description": "Municípios recebidos da ingestão (referência IBGE)."},),
)


def create_app(settings: Settings | None = None) -> FastAPI:
    return criar_app(DEFINICAO, settings or Settings.carregar())
