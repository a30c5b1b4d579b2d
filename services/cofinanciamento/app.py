"""Fábrica da aplicação do serviço Cofinanciamento."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.cofinanciamento.calculos.router import router as router_calculos
from services.cofinanciamento.consumers import TRATADORES
from services.cofinanciamento.contas.router import router as router_contas
from services.cofinanciamento.leitura.router import router as router_dados
from services.cofinanciamento.models import Base, Inbox, Municipio, Outbox
from services.cofinanciamento.parcelas.router import router as router_parcelas
from services.cofinanciamento.plano_acao.router import router as router_plano_acao
from services.cofinanciamento.regras.router import router as router_regras
from services.cofinanciamento.sancoes.router import router as router_sancoes
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
    routers=(
        criar_router_municipios(Municipio),
        router_dados,
        router_regras,
        router_calculos,
        router_sancoes,
        router_plano_acao,
        router_parcelas,
        router_contas,
    ),
    tratadores=TRATADORES,
    tags=(
        {"name": "municípios", "description": "Municípios recebidos da ingestão (referência IBGE)."},
        {"name": "dados recebidos", "description": "O que chegou da ingestão para cada município, por ano."},
        {
            "name": "regras",
            "description": "Regras de cada exercício: valores de referência, percentuais, orçamento, prioridades "
            "e sanções, com a fonte legal e as premissas; versões auditadas.",
        },
        {
            "name": "cálculos",
            "description": "Cálculo do exercício e mês, memória de cálculo (Art. 23), fila de prioridade e exportação.",
        },
        {
            "name": "sanções",
            "description": "Bloqueio, suspensão e retomada por saldo acumulado (ato SPS de 2023, Art. 13).",
        },
        {
            "name": "plano de ação",
            "description": "Plano de Ação do exercício (Arts. 24–25): abertura com prazo pela SPS, uso planejado por "
            "bloco e componente pelo município, parecer do CMAS depois do prazo; histórico de cada passo.",
        },
        {
            "name": "parcelas",
            "description": "Parcelas mensais por município e bloco a partir de um cálculo (Arts. 24 e 26), com a "
            "memória de origem; pendências do Plano de Ação, pagamento e conciliação do calculado com o pago.",
        },
        {
            "name": "contas bancárias",
            "description": "Conta específica de cada bloco do município (Art. 26); a mesma conta para dois blocos "
            "é recusada (parágrafo único).",
        },
    ),
)


def create_app(settings: Settings | None = None) -> FastAPI:
    return criar_app(DEFINICAO, settings or Settings.carregar())
