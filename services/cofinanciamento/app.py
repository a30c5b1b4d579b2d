"""Fábrica da aplicação do serviço Cofinanciamento."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.cofinanciamento.consumers import TRATADORES
from services.cofinanciamento.models import Base, Inbox, Municipio, Outbox
from services.cofinanciamento.settings import Settings
from shared.http.app import criar_app
from shared.municipios.router import criar_router_municipios
from shared.servico import DefinicaoServico

DEFINICAO = DefinicaoServico(
    nome="cofinanciamento",
    titulo="SUAS-CE — Cofinanciamento",
    descricao="Cofinanciamento estadual da rede socioassistencial dos municípios (Decreto nº 34.262/2021): pisos por bloco e componente, prioridade dentro do orçamento, memória de cálculo, Plano de Ação e parcelas.",
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
