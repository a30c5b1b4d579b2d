"""Eventos que o serviço Monitoramento consome, e quem trata cada um."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from services.monitoramento.alertas.service import tratadores_censo
from services.monitoramento.models import Municipio
from services.monitoramento.planos import service as planos
from services.monitoramento.settings import Settings
from shared.consumidor import Tratador
from shared.eventos.base import Evento
from shared.eventos.envelope import EventoRecebido
from shared.eventos.esquemas import (
    MunicipioBloqueado,
    MunicipioDesbloqueado,
    MunicipioRegistrado,
    MunicipioSuspenso,
)
from shared.municipios.service import tratador_municipio_registrado
from shared.outbox import UnidadeDeTrabalho


def settings_de(uow: UnidadeDeTrabalho) -> Settings:
    assert isinstance(uow.settings, Settings), (
        "a unidade de trabalho do consumidor traz as settings do serviço"
    )
    return uow.settings


async def _bloqueio(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
    """Município bloqueado pelo cofinanciamento → plano de providências exigido (ato SPS de 2023, Art. 13)."""
    prazo = settings_de(uow).prazo_plano_exigido_dias
    for e in eventos:
        assert isinstance(e.corpo, MunicipioBloqueado)
        await planos.exigir_plano(uow=uow, bloqueio=e.corpo, prazo_dias=prazo)


async def _sancao(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
    for e in eventos:
        assert isinstance(e.corpo, MunicipioSuspenso | MunicipioDesbloqueado)
        await planos.registrar_sancao(uow=uow, evento=e.corpo)


TRATADORES: Mapping[type[Evento], Tratador] = {
    MunicipioRegistrado: tratador_municipio_registrado(Municipio),
    MunicipioBloqueado: _bloqueio,
    MunicipioSuspenso: _sancao,
    MunicipioDesbloqueado: _sancao,
    **tratadores_censo(lambda uow: settings_de(uow).alertas),
}
