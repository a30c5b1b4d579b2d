"""Eventos que o serviço Monitoramento consome, e quem trata cada um."""

from __future__ import annotations

from collections.abc import Mapping

from services.monitoramento.models import Municipio
from shared.consumidor import Tratador
from shared.eventos.base import Evento
from shared.eventos.esquemas import MunicipioRegistrado
from shared.municipios.service import tratador_municipio_registrado

TRATADORES: Mapping[type[Evento], Tratador] = {
    MunicipioRegistrado: tratador_municipio_registrado(Municipio),
}
