"""Tipos comuns do gerador: municípios, CRAS com seu perfil estável e o registro de cada arquivo escrito."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

# Códigos de porte do MDS (coluna `Porte` do IDCRAS 2023) e os nomes usados nas outras edições.
PORTES = {1: "Pequeno I", 2: "Pequeno II", 3: "Médio", 4: "Grande", 5: "Metrópole"}
CODIGO_PORTE = {nome: codigo for codigo, nome in PORTES.items()}
# Região pelo primeiro dígito do código da UF (coluna `Regiao` do Censo SUAS).
REGIOES = {"1": "Norte", "2": "Nordeste", "3": "Sudeste", "4": "Sul", "5": "Centro-Oeste"}


def porte_pela_populacao(habitantes: int) -> int:
    """Faixas da PNAS 2004, as mesmas de `ce_municipios.csv`."""
    for codigo, limite in ((1, 20_000), (2, 50_000), (3, 100_000), (4, 900_000)):
        if habitantes <= limite:
            return codigo
    return 5


@dataclass(frozen=True, slots=True)
class Municipio:
    ibge7: str
    nome: str
    uf: str
    capital: bool
    populacao: int
    porte: int
    latitude: float
    longitude: float

    @property
    def ibge6(self) -> str:
        return self.ibge7[:6]

    @property
    def regiao(self) -> str:
        return REGIOES[self.ibge7[0]]


@dataclass(frozen=True, slots=True)
class PerfilCras:
    """Traços sorteados uma vez por CRAS, para que os anos e os arquivos fiquem coerentes entre si."""

    qualidade: float
    efeito_estrutura: float
    efeito_rh: float
    efeito_servicos: float
    localizacao: int
    capacidade: int
    dias_semana: int
    horas_dia: int
    compartilhado: int
    escala: float
    scfv_total: float
    # Pesos das faixas do SCFV na ordem d2 (0–6), d3 (7–14), d4 (15–17), d8 (18–59), d5 (60+).
    scfv_pesos: tuple[float, float, float, float, float]
    nome_entre_aspas: bool


@dataclass(frozen=True, slots=True)
class Cras:
    identificador: str
    municipio: Municipio
    nome: str
    implantacao: date
    latitude: float
    longitude: float
    # Primeiro ano em que a unidade aparece nos arquivos (as reais do cadastro de 2019, desde sempre).
    desde: int
    perfil: PerfilCras


@dataclass(frozen=True, slots=True)
class ArquivoGerado:
    tipo: str
    ano: int | None
    mes: int | None
    caminho: Path
    linhas: int
    descricao: str
