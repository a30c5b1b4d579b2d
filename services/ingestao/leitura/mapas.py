"""Mapas de colunas por tipo e edição, lidos de `mapeamentos/<tipo>.json` (dados, não código)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

PASTA = Path(__file__).resolve().parent.parent / "mapeamentos"


def normalizar(nome: str) -> str:
    """Compara nomes de coluna sem acentos, caixa, aspas ou espaços extras ('Serviços ' = 'servicos')."""
    sem_acento = unicodedata.normalize("NFKD", nome.replace("º", "o").replace("ª", "a"))
    sem_acento = "".join(c for c in sem_acento if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", sem_acento.strip().strip("'\"").strip().lower())


@dataclass(frozen=True)
class Mapa:
    """Para cada campo do sistema, os nomes de coluna aceitos naquela edição."""

    tipo: str
    edicao: str
    colunas: dict[str, tuple[str, ...]]
    obrigatorias: tuple[str, ...]
    pessoais: tuple[str, ...] = ()
    nomes: dict[str, tuple[str, ...]] = field(
        default_factory=dict
    )  # como o arquivo os escreve, para mensagens

    def campo_de(self, nome_coluna: str) -> str | None:
        alvo = normalizar(nome_coluna)
        for campo, nomes in self.colunas.items():
            if alvo in nomes:
                return campo
        return None

    def eh_pessoal(self, nome_coluna: str) -> bool:
        return normalizar(nome_coluna) in self.pessoais


class MapaInexistente(Exception):
    pass


@cache
def _arquivo(tipo: str) -> dict[str, Any]:
    caminho = PASTA / f"{tipo}.json"
    if not caminho.exists():
        raise MapaInexistente(f"não há mapa de colunas para o tipo {tipo!r}")
    dados: dict[str, Any] = json.loads(caminho.read_text(encoding="utf-8"))
    return dados


def parametro(tipo: str, nome: str) -> Any:
    """Dado auxiliar do mapa (ex.: códigos de profissão, tabela de capacidade do q2)."""
    return _arquivo(tipo)[nome]


def tipos_mapeados() -> list[str]:
    return sorted(p.stem for p in PASTA.glob("*.json"))


def mapa_para(tipo: str, ano: int | None = None) -> Mapa:
    """A edição vigente no ano: a mais recente cujo ano inicial não passa do ano do lote."""
    dados = _arquivo(tipo)
    edicoes: dict[str, dict[str, Any]] = dados["edicoes"]
    candidatas = sorted(edicoes, key=int)
    escolhida = candidatas[0]
    for inicio in candidatas:
        if ano is None or int(inicio) <= ano:
            escolhida = inicio
    edicao = edicoes[escolhida]
    colunas: dict[str, list[str]] = edicao["colunas"]
    pessoais: list[str] = dados.get("colunas_pessoais", [])
    obrigatorias: list[str] = edicao["obrigatorias"]
    return Mapa(
        tipo=tipo,
        edicao=escolhida,
        colunas={campo: tuple(normalizar(n) for n in nomes) for campo, nomes in colunas.items()},
        obrigatorias=tuple(obrigatorias),
        pessoais=tuple(normalizar(n) for n in pessoais),
        nomes={campo: tuple(nomes) for campo, nomes in colunas.items()},
    )
