"""Eventos que o serviço Ingestão consome: nenhum por enquanto (ele é a origem dos dados)."""

from __future__ import annotations

from collections.abc import Mapping

from shared.consumidor import Tratador
from shared.eventos.base import Evento

TRATADORES: Mapping[type[Evento], Tratador] = {}
