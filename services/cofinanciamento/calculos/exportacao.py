"""Memória de cálculo em CSV/XLSX para o Tribunal de Contas: uma linha por unidade e componente, com tudo."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.calculos import repository
from services.cofinanciamento.calculos.models import Calculo
from services.cofinanciamento.dominio.regras import NOMES_BLOCO, NOMES_COMPONENTE, Bloco, Componente
from shared.formatos import moeda_br
from shared.planilhas import Coluna, csv_br, xlsx

COLUNAS = (
    Coluna("Município"),
    Coluna("IBGE"),
    Coluna("Porte"),
    Coluna("Bloco"),
    Coluna("Componente"),
    Coluna("Unidade"),
    Coluna("Tipo"),
    Coluna("Situação"),
    Coluna("Posição"),
    Coluna("Valor do piso", "moeda"),
    Coluna("Valor mensal", "moeda"),
    Coluna("Fórmula"),
    Coluna("Prioridade"),
    Coluna("Orçamento"),
    Coluna("Parâmetros e fontes"),
    Coluna("Conclusão"),
)


def _orcamento(memoria: dict[str, Any]) -> str | None:
    o = memoria.get("orcamento")
    if not o:
        return None
    teto = "sem limite" if o["orcamento_mensal"] is None else moeda_br(_d(o["orcamento_mensal"]))
    restante = "—" if o["restante"] is None else moeda_br(_d(o["restante"]))
    return f"orçamento mensal {teto}; usado antes {moeda_br(_d(o['usado_antes']))}; restante {restante}"


def _d(valor: str) -> Decimal:
    return Decimal(valor)


async def exportar(
    sessao: AsyncSession, calculo: Calculo, *, ibge7: str | None, formato: Literal["csv", "xlsx"]
) -> bytes:
    _, municipios = await repository.municipios(sessao, calculo.id)
    info = {m.ibge7: m for m in municipios}
    linhas: list[list[object]] = []
    for u in await repository.unidades(sessao, calculo.id, ibge7=ibge7):
        m = info[u.ibge7]
        mem = u.memoria
        linhas.append(
            [
                m.nome,
                u.ibge7,
                m.porte,
                NOMES_BLOCO[Bloco(u.bloco)],
                NOMES_COMPONENTE[Componente(u.componente)],
                u.id_unidade,
                u.tipo_unidade,
                u.situacao,
                u.posicao,
                u.valor_piso,
                u.valor_mensal,
                mem["formula"],
                mem.get("prioridade"),
                _orcamento(mem),
                "; ".join(f"{p['nome']} = {p['valor']} ({p['fonte']})" for p in mem["parametros"]),
                mem["conclusao"],
            ]
        )
    alvo = f"município {info[ibge7].nome} ({ibge7})" if ibge7 else "Estado do Ceará"
    totais = (
        info[ibge7].blocos if ibge7 else [{"bloco": b, "valor_mensal": v} for b, v in calculo.blocos.items()]
    )
    cabecalho = [
        f"Memória de cálculo do cofinanciamento estadual — {alvo} — exercício {calculo.exercicio}, mês {calculo.mes:02d}",
        "Decreto nº 34.262/2021, Art. 23; regras versão "
        f"{calculo.regras_versao}; Censo SUAS {calculo.ano_censo}; impressão digital das entradas (SHA-256): "
        f"{calculo.impressao_digital}",
        "Total mensal por bloco: "
        + "; ".join(f"{NOMES_BLOCO[Bloco(t['bloco'])]} {moeda_br(_d(t['valor_mensal']))}" for t in totais),
        "Premissas: " + "; ".join(f"{p['codigo']} = {p['valor']}" for p in calculo.premissas),
    ]
    # Montar a planilha é CPU puro (segundos para o país inteiro): numa thread, o laço de eventos segue atendendo.
    if formato == "xlsx":
        return await asyncio.to_thread(
            xlsx,
            folha=f"Memória {calculo.exercicio}-{calculo.mes:02d}",
            cabecalho=cabecalho,
            colunas=COLUNAS,
            linhas=linhas,
        )
    return await asyncio.to_thread(csv_br, cabecalho=cabecalho, colunas=COLUNAS, linhas=linhas)
