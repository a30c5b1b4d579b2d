"""Conciliação em CSV/XLSX: uma linha por município e bloco, dinheiro em R$ no padrão pt-BR."""

from __future__ import annotations

from typing import Literal

from services.cofinanciamento.dominio.regras import NOMES_BLOCO, Bloco
from services.cofinanciamento.parcelas.schemas import Conciliacao
from shared.formatos import moeda_br
from shared.planilhas import Coluna, csv_br, xlsx

COLUNAS = (
    Coluna("Município"),
    Coluna("IBGE"),
    Coluna("Bloco"),
    Coluna("Parcelas"),
    Coluna("Pagas"),
    Coluna("Calculado", "moeda"),
    Coluna("A pagar", "moeda"),
    Coluna("Retido (bloqueio ou suspensão)", "moeda"),
    Coluna("Pago", "moeda"),
    Coluna("Diferença (calculado − pago)", "moeda"),
    Coluna("Diferença nas parcelas pagas", "moeda"),
)


def exportar(conciliacao: Conciliacao, *, formato: Literal["csv", "xlsx"]) -> bytes:
    cabecalho = [
        f"Conciliação das parcelas do cofinanciamento estadual — exercício {conciliacao.exercicio}",
        "Decreto nº 34.262/2021, Arts. 24 e 26; calculado = soma das parcelas geradas dos cálculos; retido = "
        "parcelas bloqueadas ou suspensas (ato SPS 2023, Art. 13)",
        f"Total calculado {moeda_br(conciliacao.valor_calculado)}; pago {moeda_br(conciliacao.valor_pago)}; "
        f"diferença {moeda_br(conciliacao.diferenca)}",
    ]
    linhas = [
        [
            linha.nome,
            linha.ibge7,
            NOMES_BLOCO[Bloco(linha.bloco)],
            linha.parcelas,
            linha.pagas,
            linha.valor_calculado,
            linha.valor_a_pagar,
            linha.valor_retido,
            linha.valor_pago,
            linha.diferenca,
            linha.diferenca_nas_pagas,
        ]
        for linha in conciliacao.linhas
    ]
    if formato == "xlsx":
        return xlsx(
            folha=f"Conciliação {conciliacao.exercicio}", cabecalho=cabecalho, colunas=COLUNAS, linhas=linhas
        )
    return csv_br(cabecalho=cabecalho, colunas=COLUNAS, linhas=linhas)
