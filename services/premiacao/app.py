"""Fábrica da aplicação do serviço Premiação."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.premiacao.apuracoes.router import router as router_apuracoes
from services.premiacao.consumers import TRATADORES
from services.premiacao.leitura.router import router as router_cras
from services.premiacao.models import Base, Inbox, Municipio, Outbox
from services.premiacao.regras.router import router as router_regras
from services.premiacao.settings import Settings
from shared.http.app import criar_app
from shared.municipios.router import criar_router_municipios
from shared.servico import DefinicaoServico

DEFINICAO = DefinicaoServico(
    nome="premiacao",
    titulo="SUAS-CE — Premiação",
    descricao="Prêmio de Incentivo à Assistência Social — CRAS (Decreto nº 35.038/2022): regras por exercício, apuração reprodutível e explicável da classificação, publicação e exportação.",
    settings=Settings,
    metadata=Base.metadata,
    outbox=Outbox,
    inbox=Inbox,
    pasta_migracoes=Path(__file__).parent / "migrations",
    routers=(criar_router_municipios(Municipio), router_cras, router_regras, router_apuracoes),
    tratadores=TRATADORES,
    tags=(
        {"name": "municípios", "description": "Municípios recebidos da ingestão (referência IBGE)."},
        {
            "name": "cras",
            "description": "O que a premiação recebeu de cada CRAS (Censo, IDCRAS, RMA, SISC, planos).",
        },
        {
            "name": "regras",
            "description": "Regras de cada exercício do prêmio, com a base legal e as premissas; versões auditadas.",
        },
        {
            "name": "apurações",
            "description": "Apuração da classificação, explicação por CRAS, comparação, exportação, publicação e simulação.",
        },
    ),
)


def create_app(settings: Settings | None = None) -> FastAPI:
    return criar_app(DEFINICAO, settings or Settings.carregar())
