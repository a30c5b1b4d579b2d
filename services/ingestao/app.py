"""Fábrica da aplicação do serviço Ingestão."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.ingestao.censo import models as _censo  # noqa: F401 — registra as tabelas na metadata
from services.ingestao.consumers import TRATADORES
from services.ingestao.lotes import models as _lotes  # noqa: F401 — idem
from services.ingestao.lotes import segundo_plano
from services.ingestao.lotes.router import router as lotes
from services.ingestao.models import Base, Inbox, Municipio, Outbox
from services.ingestao.municipais import models as _municipais  # noqa: F401 — idem
from services.ingestao.referencias.router import router as referencias
from services.ingestao.rma import models as _rma  # noqa: F401 — idem
from services.ingestao.settings import Settings
from shared.http.app import criar_app
from shared.municipios.router import criar_router_municipios
from shared.servico import DefinicaoServico, TarefaPeriodica
from shared.settings import ServiceSettings


def _batimento(settings: ServiceSettings) -> float:
    assert isinstance(settings, Settings)
    return settings.instancia_batimento_s


DEFINICAO = DefinicaoServico(
    nome="ingestao",
    titulo="SUAS-CE — Ingestão",
    descricao=(
        "Porta de entrada dos dados públicos do SUAS (Censo SUAS, IDCRAS, RMA, SISC e referências do IBGE). "
        "Cada arquivo recebido vira um lote rastreável, é validado linha a linha e, se aceito, publicado "
        "como eventos no barramento Kafka para os demais serviços."
    ),
    settings=Settings,
    metadata=Base.metadata,
    outbox=Outbox,
    inbox=Inbox,
    pasta_migracoes=Path(__file__).parent / "migrations",
    routers=(referencias, lotes, criar_router_municipios(Municipio)),
    tratadores=TRATADORES,
    tags=(
        {"name": "referências", "description": "Arquivos de referência (municípios do IBGE)."},
        {"name": "lotes", "description": "Cada arquivo recebido e o que foi feito dele."},
        {"name": "municípios", "description": "A referência de municípios em vigor."},
    ),
    prefixos_upload=("/api/v1/referencias/", "/api/v1/lotes"),
    ao_iniciar=segundo_plano.batimento_e_orfaos,
    tarefas=(TarefaPeriodica("batimento_e_lotes_orfaos", _batimento, segundo_plano.batimento_e_orfaos),),
)


def create_app(settings: Settings | None = None) -> FastAPI:
    return criar_app(DEFINICAO, settings or Settings.carregar())
