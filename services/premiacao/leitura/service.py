"""Tratadores que mantêm a leitura: a versão mais nova de cada dado por (unidade, período)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from services.premiacao.dominio.regras import CAMPOS_RMA_SCFV
from services.premiacao.leitura import repository
from services.premiacao.leitura.models import CensoCras, Idcras, RmaScfv, Sisc
from shared.consumidor import Tratador
from shared.db import gravar_vigentes
from shared.eventos.base import Evento
from shared.eventos.envelope import EventoRecebido
from shared.eventos.esquemas import (
    CensoCrasRegistrado,
    IdcrasPublicado,
    PlanoProvidenciasEvento,
    RmaCrasRegistrado,
    SiscRegistrado,
)
from shared.outbox import UnidadeDeTrabalho


def _vigente(modelo: type[Any], linha: Callable[[Any], dict[str, Any]]) -> Tratador:
    """Grava cada evento como a versão vigente da sua chave; os eventos de um município chegam em ordem."""

    async def tratar(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
        await gravar_vigentes(uow.sessao, modelo, [linha(e.corpo) for e in eventos])

    return tratar


def _censo(e: CensoCrasRegistrado) -> dict[str, Any]:
    return {"id_cras": e.id_cras, "ano": e.ano, "ibge7": e.ibge7, "nome": e.nome, "lote_id": e.lote_id}


def _idcras(e: IdcrasPublicado) -> dict[str, Any]:
    return e.model_dump(
        include={
            "id_cras",
            "ano",
            "ibge7",
            "idcras",
            "estrutura_fisica",
            "recursos_humanos",
            "servicos",
            "lote_id",
        }
    )


def _rma(e: RmaCrasRegistrado) -> dict[str, Any]:
    # Só o bloco do SCFV interessa à premiação; vazio continua null (não informado ≠ zero).
    return {
        "id_cras": e.id_cras,
        "ano": e.ano,
        "mes": e.mes,
        "ibge7": e.ibge7,
        **{campo: e.valores.get(campo) for campo in CAMPOS_RMA_SCFV},
        "lote_id": e.lote_id,
    }


def _sisc(e: SiscRegistrado) -> dict[str, Any]:
    return e.model_dump(
        include={
            "id_cras",
            "ano",
            "mes",
            "faixa_etaria",
            "ibge7",
            "usuarios_atendidos",
            "capacidade_atendimento",
            "lote_id",
        }
    )


async def _tratar_planos(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
    """Guarda o estado mais novo de cada plano (pela versão) e todo o histórico de situações."""
    planos = [e.corpo for e in eventos if isinstance(e.corpo, PlanoProvidenciasEvento)]
    await repository.registrar_planos(uow.sessao, planos)


TRATADORES_LEITURA: dict[type[Evento], Tratador] = {
    CensoCrasRegistrado: _vigente(CensoCras, _censo),
    IdcrasPublicado: _vigente(Idcras, _idcras),
    RmaCrasRegistrado: _vigente(RmaScfv, _rma),
    SiscRegistrado: _vigente(Sisc, _sisc),
}
TRATADOR_PLANOS = _tratar_planos
