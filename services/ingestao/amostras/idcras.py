"""IDCRAS: planilha do MDS com seis linhas de título acima do cabeçalho (linha 7), um CRAS por linha.

Os níveis das dimensões (1–5) saem da qualidade latente do CRAS, de um efeito próprio de cada
dimensão e de ruído anual — por isso ficam correlacionados de um ano para o outro. A dimensão de
Recursos Humanos olha a equipe do arquivo RH do mesmo ano: sem assistente social, no máximo nível 2.
O IDCRAS é a média das três dimensões, com duas casas.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path

from services.ingestao.amostras.equipes import ASSISTENTE_SOCIAL, TECNICO_SUPERIOR, Equipes
from services.ingestao.amostras.escrita import Valor, decimal_br, escrever_csv, escrever_xlsx
from services.ingestao.amostras.modelo import PORTES, Cras

# O texto da coluna de serviços muda entre edições (o de 2023 tem um espaço no fim, como no original).
COLUNA_SERVICOS = {
    2020: "Serviços & Benefícios",
    2021: "Dimensão Serviços & Benefícios",
    2022: "Serviços",
    2023: "Serviços ",
}
Niveis = dict[int, dict[str, tuple[int, int, int]]]


def cabecalho(ano: int) -> tuple[str, ...]:
    return (
        "Nº IDENTIFICADOR do CRAS",
        "Nome do CRAS",
        "UF",
        "Município",
        "Código IBGE",
        "Porte",
        "Estrutura Física",
        "Recursos Humanos",
        COLUNA_SERVICOS[ano],
        "IDCRAS",
    )


def titulos(ano: int) -> tuple[str, ...]:
    ministerio = (
        "MINISTÉRIO DA CIDADANIA"
        if ano <= 2022
        else "MINISTÉRIO DO DESENVOLVIMENTO E ASSISTÊNCIA SOCIAL, FAMÍLIA E COMBATE À FOME"
    )
    return (
        ministerio,
        "SECRETARIA NACIONAL DE ASSISTÊNCIA SOCIAL - SNAS",
        "DEPARTAMENTO DE GESTÃO DO SUAS - VIGILÂNCIA SOCIOASSISTENCIAL",
        f"Indicador de Desenvolvimento dos Centros de Referência de Assistência Social {ano}",
        f"Fonte: Censo SUAS {ano}. Níveis de 1 (menor) a 5 (maior).",
        "",
    )


def calcular_niveis(cras_por_ano: dict[int, list[Cras]], equipes: Equipes, semente: int) -> Niveis:
    rng = random.Random(f"{semente}:idcras")
    niveis: Niveis = {}
    for ano in sorted(cras_por_ano):
        tendencia = ano - min(cras_por_ano)
        niveis[ano] = {}
        for cras in cras_por_ano[ano]:
            perfil = cras.perfil
            equipe = equipes[ano][cras.identificador]
            superiores = sum(t.funcao == TECNICO_SUPERIOR for t in equipe)
            estrutura = 2.9 + 0.7 * perfil.qualidade + perfil.efeito_estrutura + 0.15 * tendencia
            rh = 2.6 + 0.5 * perfil.qualidade + perfil.efeito_rh + 0.25 * (superiores - 3)
            servicos = 3.0 + 0.6 * perfil.qualidade + perfil.efeito_servicos + 0.1 * tendencia
            nivel_rh = _nivel(rh + rng.gauss(0, 0.45))
            if not any(t.profissao == ASSISTENTE_SOCIAL for t in equipe):
                nivel_rh = min(nivel_rh, 2)
            niveis[ano][cras.identificador] = (
                _nivel(estrutura + rng.gauss(0, 0.45)),
                nivel_rh,
                _nivel(servicos + rng.gauss(0, 0.5)),
            )
    return niveis


def _nivel(valor: float) -> int:
    return min(5, max(1, round(valor)))


def indice(niveis: tuple[int, int, int]) -> float:
    return round(sum(niveis) / 3, 2)


def escrever_idcras_xlsx(
    caminho: Path, cras: Sequence[Cras], niveis: dict[str, tuple[int, int, int]], ano: int
) -> int:
    """Como o MDS publica: códigos como números; `Porte` por nome até 2022, por código em 2023."""

    def linhas() -> Iterator[list[Valor]]:
        for unidade in cras:
            municipio, nivel = unidade.municipio, niveis[unidade.identificador]
            yield [
                int(unidade.identificador),
                unidade.nome,
                municipio.uf,
                municipio.nome,
                int(municipio.ibge6),
                municipio.porte if ano >= 2023 else PORTES[municipio.porte],
                *nivel,
                indice(nivel),
            ]

    return escrever_xlsx(caminho, titulos(ano), cabecalho(ano), linhas(), planilha=f"IDCRAS {ano}")


def escrever_idcras_csv(
    caminho: Path, cras: Sequence[Cras], niveis: dict[str, tuple[int, int, int]], ano: int
) -> int:
    """A mesma tabela exportada em CSV (`;`, Windows-1252, vírgula decimal), sem linhas de título."""
    return escrever_csv(
        caminho,
        cabecalho(ano),
        (
            [
                c.identificador,
                c.nome,
                c.municipio.uf,
                c.municipio.nome,
                c.municipio.ibge6,
                PORTES[c.municipio.porte],
                *niveis[c.identificador],
                decimal_br(indice(niveis[c.identificador]), 2),
            ]
            for c in cras
        ),
    )
