"""Os tipos de arquivo que a ingestão aceita, cada um com o seu importador."""

from __future__ import annotations

from typing import Any

from services.ingestao.censo.idcras import ImportadorIdcras
from services.ingestao.lotes.importacao import Importador
from services.ingestao.referencias.municipios_csv import ImportadorMunicipios

IMPORTADORES: dict[str, Importador[Any]] = {i.tipo: i for i in (ImportadorMunicipios(), ImportadorIdcras())}
