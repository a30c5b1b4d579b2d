"""Tratadores que mantêm a leitura: a versão mais nova de cada dado por (unidade, período)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.premiacao.dominio.regras import CAMPOS_RMA_SCFV
from services.premiacao.leitura import repository
from services.premiacao.leitura.models import CensoCras, Idcras, RmaScfv, Sisc
from shared.consumidor import Tratador
from shared.eventos.base import Evento
from shared.eventos.envelope import EventoRecebido
from shared.eventos.esquemas import (
    CensoCrasRegistrado,
    IdcrasPublicado,
    PlanoProvidenciasEvento,
    RmaCrasRegistrado,
    SiscRegistrado,
)
from shared.leitura import tratador_vigente
from shared.outbox import UnidadeDeTrabalho


def _rma(e: RmaCrasRegistrado) -> dict[str, Any]:
    # Só o bloco do SCFV interessa à premiação, um campo por coluna; vazio continua null (não informado ≠ zero).
    return {
        **e.model_dump(include={"id_cras", "ano", "mes", "ibge7", "lote_id"}),
        **{campo: e.valores.get(campo) for campo in CAMPOS_RMA_SCFV},
    }


async def _tratar_planos(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
    """Guarda o estado mais novo de cada plano (pela versão) e todo o histórico de situações."""
    planos = [e.corpo for e in eventos if isinstance(e.corpo, PlanoProvidenciasEvento)]
    await repository.registrar_planos(uow.sessao, planos)


TRATADORES_LEITURA: dict[type[Evento], Tratador] = {
    CensoCrasRegistrado: tratador_vigente(CensoCras),
    IdcrasPublicado: tratador_vigente(Idcras),
    RmaCrasRegistrado: tratador_vigente(RmaScfv, _rma),
    SiscRegistrado: tratador_vigente(Sisc),
}
TRATADOR_PLANOS = _tratar_planos
