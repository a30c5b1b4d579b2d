"""Eventos que o serviço Premiação consome, e quem trata cada um."""

from __future__ import annotations

from collections.abc import Mapping

from services.premiacao.leitura.service import TRATADOR_PLANOS, TRATADORES_LEITURA
from services.premiacao.models import Municipio
from shared.consumidor import Tratador
from shared.eventos.base import Evento
from shared.eventos.esquemas import EVENTOS_PLANO_PROVIDENCIAS, MunicipioRegistrado
from shared.municipios.service import tratador_municipio_registrado

TRATADORES: Mapping[type[Evento], Tratador] = {
    MunicipioRegistrado: tratador_municipio_registrado(Municipio),
    **TRATADORES_LEITURA,
    **dict.fromkeys(EVENTOS_PLANO_PROVIDENCIAS, TRATADOR_PLANOS),
}
