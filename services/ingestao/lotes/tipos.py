"""Os tipos de arquivo que a ingestão aceita, cada um com o seu importador."""

from __future__ import annotations

from typing import Any

from services.ingestao.censo.conselhos import ImportadorConselhos
from services.ingestao.censo.cras import ImportadorCensoCras
from services.ingestao.censo.equipes import ImportadorEquipes
from services.ingestao.censo.idcras import ImportadorIdcras
from services.ingestao.censo.unidades import ImportadorUnidades
from services.ingestao.lotes.importacao import Importador
from services.ingestao.municipais.importadores import ImportadorIndicadores, ImportadorSaldos, ImportadorSisc
from services.ingestao.referencias.municipios_csv import ImportadorMunicipios
from services.ingestao.rma.importador import ImportadorRma

IMPORTADORES: dict[str, Importador[Any]] = {
    i.tipo: i
    for i in (
        ImportadorMunicipios(),
        ImportadorCensoCras(),
        ImportadorEquipes(),
        ImportadorUnidades("censo_creas", "creas"),
        ImportadorUnidades("censo_centro_pop", "centro_pop"),
        ImportadorUnidades("censo_acolhimento", "acolhimento"),
        ImportadorConselhos(),
        ImportadorIdcras(),
        ImportadorRma(),
        ImportadorSisc(),
        ImportadorIndicadores(),
        ImportadorSaldos(),
    )
}
