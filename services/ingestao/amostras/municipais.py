"""Indicadores municipais (tabela genérica indicador × município × ano) e saldos mensais por bloco.

Os indicadores saem de uma vulnerabilidade latente por município, estável entre os anos:
- `ivmc`: Índice de Vulnerabilidade Municipal Composto, 0–1 (quatro casas);
- `cemaris_violacao_criancas`: notificações de violação de direitos por 10 mil crianças e adolescentes;
- `ruptura_vinculos`: casos de rompimento de vínculos familiares por 10 mil habitantes;
- `demanda_servicos`: % da população no CadÚnico com renda até meio salário mínimo.
Gravados como a SPS exporta: UTF-8, vírgula como separador e ponto decimal.

Saldos: UTF-8, `;` e vírgula decimal. A parcela mensal plausível de cada bloco depende do número de
CRAS/CREAS e da população; alguns municípios acumulam 10 vezes a parcela ou mais (casos de bloqueio).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path

from services.ingestao.amostras.escrita import Valor, decimal_br, escrever_csv
from services.ingestao.amostras.modelo import Municipio

CABECALHO_INDICADORES = ("indicador", "ibge7", "ano", "valor", "fonte")
CABECALHO_SALDOS = ("ibge7", "bloco", "ano", "mes", "saldo")
BLOCOS = ("basica", "especial", "beneficios_eventuais")
CASOS_DE_BLOQUEIO = 6


def _limitar(valor: float, minimo: float, maximo: float) -> float:
    return min(maximo, max(minimo, valor))


def vulnerabilidades(municipios: Sequence[Municipio], semente: int) -> dict[str, float]:
    """Municípios menores tendem a ser mais vulneráveis."""
    rng = random.Random(f"{semente}:vulnerabilidade")
    return {m.ibge7: rng.gauss(0, 1) - 0.2 * (m.porte - 2) for m in municipios}


def escrever_indicadores(
    caminho: Path, municipios: Sequence[Municipio], vulnerabilidade: dict[str, float], ano: int, semente: int
) -> int:
    rng = random.Random(f"{semente}:indicadores:{ano}")

    def linhas() -> Iterator[list[Valor]]:
        for municipio in municipios:
            v = vulnerabilidade[municipio.ibge7]
            valores = (
                ("ivmc", f"{_limitar(0.5 + 0.13 * v + rng.gauss(0, 0.03), 0.02, 0.98):.4f}", "IVMC/SPS-CE"),
                (
                    "cemaris_violacao_criancas",
                    f"{max(0.0, 40 + 14 * v + rng.gauss(0, 6)):.2f}",
                    "Cemaris/SPS-CE",
                ),
                ("ruptura_vinculos", f"{max(0.0, 9 + 3 * v + rng.gauss(0, 1.5)):.2f}", "SPS-CE"),
                ("demanda_servicos", f"{_limitar(48 + 9 * v + rng.gauss(0, 3), 5, 95):.2f}", "CadÚnico/MDS"),
            )
            for indicador, valor, fonte in valores:
                yield [indicador, municipio.ibge7, ano, valor, fonte]

    return escrever_csv(caminho, CABECALHO_INDICADORES, linhas(), codificacao="utf-8", separador=",")


def escrever_saldos(
    caminho: Path,
    municipios: Sequence[Municipio],
    *,
    cras_por_municipio: dict[str, int],
    creas_por_municipio: dict[str, int],
    ano: int,
    semente: int,
) -> int:
    rng = random.Random(f"{semente}:saldos:{ano}")
    parcelas = {
        m.ibge7: (
            7000.0 * cras_por_municipio.get(m.ibge7, 0),
            5000.0 * creas_por_municipio[m.ibge7] if creas_por_municipio.get(m.ibge7) else 2500.0,
            max(800.0, 0.04 * m.populacao),
        )
        for m in municipios
    }
    bloqueados = set(rng.sample([(m.ibge7, b) for m in municipios for b in range(3)], CASOS_DE_BLOQUEIO))

    def linhas() -> Iterator[list[Valor]]:
        for municipio in municipios:
            for indice_bloco, bloco in enumerate(BLOCOS):
                parcela = parcelas[municipio.ibge7][indice_bloco]
                parado = (municipio.ibge7, indice_bloco) in bloqueados
                saldo = parcela * (rng.uniform(12, 20) if parado else rng.uniform(0.3, 3.0))
                for mes in range(1, 13):
                    gasto = parcela * (rng.uniform(0.0, 0.5) if parado else rng.uniform(0.7, 1.3))
                    saldo = max(0.0, saldo + parcela - gasto)
                    yield [municipio.ibge7, bloco, ano, mes, decimal_br(saldo, 2)]

    return escrever_csv(caminho, CABECALHO_SALDOS, linhas(), codificacao="utf-8")
