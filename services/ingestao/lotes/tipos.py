"""Os tipos de arquivo que a ingestão aceita, cada um com o seu importador."""

from __future__ import annotations

from typing import Any

from services.ingestao.censo.cras import ImportadorCensoCras
from services.ingestao.censo.equipes import ImportadorEquipes
from services.ingestao.censo.idcras import ImportadorIdcras
from services.ingestao.lotes.importacao import Importador
from services.ingestao.referencias.municipios_csv import ImportadorMunicipios
from services.ingestao.rma.importador import ImportadorRma

IMPORTADORES: dict[str, Importador[Any]] = {
    i.tipo: i
    for i in (
        ImportadorMunicipios(),
        ImportadorCensoCras(),
        ImportadorEquipes(),
        ImportadorIdcras(),
        ImportadorRma(),
    )
}
