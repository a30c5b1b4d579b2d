"""RMA CRAS (uma linha por CRAS e mês) e SISC (CRAS, trimestre e faixa etária).

As grandezas seguem a escala do CRAS (capacidade de referenciamento) e o seu perfil etário do SCFV,
com sazonalidade (janeiro e dezembro mais fracos) e a queda dos grupos presenciais na pandemia
(2020 e primeiro semestre de 2021). Cerca de 1% dos campos do RMA fica em branco: não informado.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path

from services.ingestao.amostras.escrita import Valor, escrever_csv
from services.ingestao.amostras.modelo import Cras

CAMPOS_RMA = (
    "a1", "a2", "b1", "b2", "b3", "b4", "b5", "b6",
    "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9",
    "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8",
)  # fmt: skip
CABECALHO_RMA = ("NU_IDENTIFICADOR", "nome_unidade", "municipio", "uf", "ibge", "ano", "mes", *CAMPOS_RMA)
# Média mensal de um CRAS de 2.500 famílias referenciadas.
BASES = {
    "a1": 120, "a2": 12, "c1": 350, "c2": 60, "c3": 90, "c4": 4, "c5": 3, "c6": 45,
    "c7": 2, "c8": 2, "c9": 40, "d1": 25, "d6": 60, "d7": 6,
}  # fmt: skip
# B.1–B.6 são perfis das famílias novas do mês (A.2): proporção esperada de cada um.
PROPORCOES_B = {"b1": 0.35, "b2": 0.6, "b3": 0.1, "b4": 0.02, "b5": 0.015, "b6": 0.01}
# Ordem dos pesos do perfil do SCFV: d2 (0–6), d3 (7–14), d4 (15–17), d8 (18–59), d5 (60+).
CAMPOS_SCFV = ("d2", "d3", "d4", "d8", "d5")
GRUPOS = frozenset({"d1", "d6", "d7", *CAMPOS_SCFV})
SAZONALIDADE = (0.8, 0.9, 1.0, 1.0, 1.05, 1.0, 0.95, 1.05, 1.05, 1.05, 1.0, 0.85)
NAO_INFORMADO = 0.01

FAIXAS_SISC = ("0-6", "7-14", "15-17", "18-29", "30-59", "60+")
CABECALHO_SISC = (
    "ano", "mes", "NU_IDENTIFICADOR", "IBGE7", "faixa_etaria", "usuarios_atendidos", "capacidade_atendimento",
)  # fmt: skip
MESES_SISC = (3, 6, 9, 12)


def _fator_pandemia(ano: int, mes: int, campo: str) -> float:
    if ano == 2020 and mes >= 3:
        if campo in GRUPOS:
            return 0.35 if mes <= 9 else 0.6
        if campo == "c6":
            return 0.5 if mes <= 9 else 0.75
    if ano == 2021 and mes <= 6 and campo in GRUPOS:
        return 0.7
    return 1.0


def escrever_rma(caminho: Path, cras: Sequence[Cras], ano: int, semente: int) -> int:
    return escrever_csv(caminho, CABECALHO_RMA, _linhas_rma(cras, ano, random.Random(f"{semente}:rma:{ano}")))


def _linhas_rma(cras: Sequence[Cras], ano: int, rng: random.Random) -> Iterator[list[Valor]]:
    aleatorio = rng.random
    fatores = [
        [SAZONALIDADE[mes - 1] * _fator_pandemia(ano, mes, c) for c in CAMPOS_RMA] for mes in range(1, 13)
    ]
    for unidade in cras:
        perfil, municipio = unidade.perfil, unidade.municipio
        medias = []
        for campo in CAMPOS_RMA:
            if campo in BASES:
                media = BASES[campo] * perfil.escala
            elif campo in CAMPOS_SCFV:
                media = perfil.scfv_total * perfil.scfv_pesos[CAMPOS_SCFV.index(campo)]
            else:
                media = 0.0  # B.1–B.6 saem de A.2 do mesmo mês
            medias.append(media * rng.lognormvariate(0, 0.3))
        identificacao: list[Valor] = [
            unidade.identificador,
            unidade.nome,
            municipio.nome,
            municipio.uf,
            municipio.ibge6,
            ano,
        ]
        for mes in range(1, 13):
            valores: list[Valor] = [*identificacao, mes]
            familias_novas = 0
            for campo, media, fator in zip(CAMPOS_RMA, medias, fatores[mes - 1], strict=True):
                if campo in PROPORCOES_B:
                    esperado = PROPORCOES_B[campo] * familias_novas * (0.5 + aleatorio())
                    valor = min(familias_novas, int(esperado + aleatorio()))
                else:
                    ruido = 0.92 + 0.16 * aleatorio() if campo == "a1" else 0.75 + 0.5 * aleatorio()
                    valor = int(media * fator * ruido + aleatorio())
                if campo == "a2":
                    familias_novas = valor
                valores.append("" if aleatorio() < NAO_INFORMADO else valor)
            yield valores


def escrever_sisc(caminho: Path, cras: Sequence[Cras], ano: int, semente: int) -> int:
    """Formato canônico do sistema; gravado em UTF-8 com BOM para exercitar essa detecção."""
    return escrever_csv(
        caminho,
        CABECALHO_SISC,
        _linhas_sisc(cras, ano, random.Random(f"{semente}:sisc:{ano}")),
        codificacao="utf-8-sig",
    )


def _linhas_sisc(cras: Sequence[Cras], ano: int, rng: random.Random) -> Iterator[list[Valor]]:
    for unidade in cras:
        d2, d3, d4, d8, d5 = unidade.perfil.scfv_pesos
        pesos = (d2, d3, d4, 0.4 * d8, 0.6 * d8, d5)
        capacidades = []
        for peso in pesos:
            vagas = unidade.perfil.scfv_total * 1.15 * peso * rng.lognormvariate(0, 0.15)
            capacidades.append(5 * round(vagas / 5) if vagas >= 5 else 0)
        for mes in MESES_SISC:
            for faixa, capacidade in zip(FAIXAS_SISC, capacidades, strict=True):
                # Poucos CRAS atendem acima da capacidade declarada; a maioria fica entre 55% e 100%.
                ocupacao = rng.uniform(1.0, 1.2) if rng.random() < 0.04 else rng.uniform(0.55, 1.0)
                yield [
                    ano,
                    mes,
                    unidade.identificador,
                    unidade.municipio.ibge7,
                    faixa,
                    round(capacidade * ocupacao),
                    capacidade,
                ]
