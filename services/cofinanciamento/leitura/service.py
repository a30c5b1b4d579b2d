"""Tratadores que mantêm a leitura do cofinanciamento: a versão mais nova de cada dado por chave e período."""

from __future__ import annotations

from services.cofinanciamento.leitura.models import (
    CensoCras,
    ConselhosMunicipio,
    IndicadorMunicipal,
    UnidadeEspecial,
)
from shared.consumidor import Tratador
from shared.eventos.base import Evento
from shared.eventos.esquemas import (
    CensoCrasRegistrado,
    ConselhosRegistrados,
    IndicadorMunicipalRegistrado,
    UnidadeRegistrada,
)
from shared.leitura import tratador_vigente

TRATADORES_LEITURA: dict[type[Evento], Tratador] = {
    CensoCrasRegistrado: tratador_vigente(CensoCras),
    UnidadeRegistrada: tratador_vigente(UnidadeEspecial),
    ConselhosRegistrados: tratador_vigente(ConselhosMunicipio),
    IndicadorMunicipalRegistrado: tratador_vigente(IndicadorMunicipal),
}
