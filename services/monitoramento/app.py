"""Fábrica da aplicação do serviço Monitoramento."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.monitoramento.alertas.router import router as router_alertas
from services.monitoramento.apoio.router import router as router_apoio
from services.monitoramento.consumers import TRATADORES
from services.monitoramento.instituicoes.router import router as router_instituicoes
from services.monitoramento.models import Base, Inbox, Municipio, Outbox
from services.monitoramento.planos.router import router as router_planos
from services.monitoramento.prazos.router import router as router_prazos
from services.monitoramento.prazos.service import verificar_prazos
from services.monitoramento.settings import Settings
from services.monitoramento.verificacao.router import router as router_verificacao
from shared.http.app import criar_app
from shared.municipios.router import criar_router_municipios
from shared.servico import DefinicaoServico, Runtime, TarefaPeriodica
from shared.settings import ServiceSettings


def _intervalo(settings: ServiceSettings) -> float:
    assert isinstance(settings, Settings)
    return settings.prazos_verificacao_intervalo_s


async def _verificar(runtime: Runtime) -> None:
    await verificar_prazos(runtime)


DEFINICAO = DefinicaoServico(
    nome="monitoramento",
    titulo="SUAS-CE — Monitoramento",
    descricao="Acompanhamento dos municípios (Portaria SPS nº 352/2023): Planos de Providências, Planos de Apoio, "
    "alertas, prazos e verificação anual. Cada transição do ciclo de vida é um endpoint com o seu papel; "
    "alterações exigem If-Match com a versão lida (ETag).",
    settings=Settings,
    metadata=Base.metadata,
    outbox=Outbox,
    inbox=Inbox,
    pasta_migracoes=Path(__file__).parent / "migrations",
    routers=(
        criar_router_municipios(Municipio),
        router_planos,
        router_apoio,
        router_alertas,
        router_prazos,
        router_verificacao,
        router_instituicoes,
    ),
    tratadores=TRATADORES,
    tags=(
        {"name": "municípios", "description": "Municípios recebidos da ingestão (referência IBGE)."},
        {
            "name": "planos de providências",
            "description": "Art. 6º: elaborados pelo município, aprovados pelo CMAS, pactuados na CIB, acompanhados "
            "pelo CMAS e pela SPS; concluídos só com todas as ações executadas.",
        },
        {
            "name": "planos de apoio",
            "description": "Art. 7º: apoio técnico e financeiro da SPS a um plano de providências.",
        },
        {"name": "alertas", "description": "Evidências do Censo SUAS e do IDCRAS que pedem revisão da SPS."},
        {
            "name": "prazos e resumo",
            "description": "Ações e planos vencidos e a vencer; resumo por município.",
        },
        {
            "name": "verificação anual",
            "description": "Art. 4º §1º, III: metas e indicadores por município e ano.",
        },
        {
            "name": "instituições locais",
            "description": "Rede privada local acompanhada pelo município (Art. 1º).",
        },
    ),
    tarefas=(TarefaPeriodica("verificar_prazos", _intervalo, _verificar),),
)


def create_app(settings: Settings | None = None) -> FastAPI:
    return criar_app(DEFINICAO, settings or Settings.carregar())
