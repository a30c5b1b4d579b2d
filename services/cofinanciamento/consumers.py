"""Eventos que o serviço Cofinanciamento consome, e quem trata cada um."""

from __future__ import annotations

from collections.abc import Mapping

from services.cofinanciamento.leitura.service import TRATADORES_LEITURA
from services.cofinanciamento.models import Municipio
from services.cofinanciamento.sancoes.service import tratar_planos, tratar_saldos
from shared.consumidor import Tratador
from shared.eventos.base import Evento
from shared.eventos.esquemas import (
    EVENTOS_PLANO_PROVIDENCIAS,
    MunicipioRegistrado,
    PlanoProvidenciasPrazoVencido,
    SaldoContaRegistrado,
)
from shared.municipios.service import tratador_municipio_registrado

TRATADORES: Mapping[type[Evento], Tratador] = {
    MunicipioRegistrado: tratador_municipio_registrado(Municipio),
    **TRATADORES_LEITURA,
    SaldoContaRegistrado: tratar_saldos,
    **dict.fromkeys(EVENTOS_PLANO_PROVIDENCIAS, tratar_planos),
    PlanoProvidenciasPrazoVencido: tratar_planos,
}
