"""Planos em CSV/XLSX para quem acompanha: uma linha por ação, com o plano e a dificuldade ao lado."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoramento.planos import consultas, service
from services.monitoramento.planos.repository import FiltrosPlanos
from shared.http.seguranca import Usuario
from shared.planilhas import Coluna, csv_br, xlsx

COLUNAS = (
    Coluna("Plano"),
    Coluna("Município"),
    Coluna("IBGE"),
    Coluna("Título"),
    Coluna("Situação do plano"),
    Coluna("Prazo do plano", "data"),
    Coluna("Exigido por bloqueio"),
    Coluna("Unidades"),
    Coluna("Dificuldade"),
    Coluna("Área"),
    Coluna("Origem"),
    Coluna("Ação"),
    Coluna("Responsável"),
    Coluna("Prazo da ação", "data"),
    Coluna("Situação da ação"),
    Coluna("Atrasada"),
)


async def exportar(
    sessao: AsyncSession,
    *,
    filtros: FiltrosPlanos,
    usuario: Usuario,
    agora: datetime,
    formato: Literal["csv", "xlsx"],
) -> bytes:
    hoje = agora.date()
    pagina = await consultas.listar(
        sessao, filtros=filtros, usuario=usuario, hoje=hoje, pagina=1, tamanho=None
    )
    linhas: list[list[object]] = []
    for resumo in pagina.itens:
        plano = await service.visivel(sessao, resumo.id, usuario)
        detalhe = await consultas.detalhe(sessao, plano, hoje)
        comum: list[object] = [
            detalhe.id,
            detalhe.municipio,
            detalhe.ibge7,
            detalhe.titulo,
            detalhe.situacao,
            detalhe.prazo,
            detalhe.exigido,
            ", ".join(detalhe.unidades),
        ]
        sem_acao = [None] * 5
        if not detalhe.dificuldades:
            linhas.append([*comum, None, None, None, *sem_acao])
        for d in detalhe.dificuldades:
            if not d.acoes:
                linhas.append([*comum, d.descricao, d.area, d.origem, *sem_acao])
            for a in d.acoes:
                linhas.append(
                    [
                        *comum,
                        d.descricao,
                        d.area,
                        d.origem,
                        a.descricao,
                        a.responsavel,
                        a.prazo,
                        a.situacao,
                        a.atrasada,
                    ]
                )
    usados = {k: v for k, v in asdict(filtros).items() if v is not None}
    cabecalho = [
        "Planos de providências — SUAS-CE (Portaria SPS nº 352/2023)",
        f"Situação em {hoje:%d/%m/%Y}; {pagina.total} plano(s)",
        "Filtros: " + (", ".join(f"{k} = {v}" for k, v in usados.items()) or "nenhum"),
    ]
    if formato == "xlsx":
        return xlsx(folha="Planos de providências", cabecalho=cabecalho, colunas=COLUNAS, linhas=linhas)
    return csv_br(cabecalho=cabecalho, colunas=COLUNAS, linhas=linhas)
