from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from shared.consumidor import Tratador
from shared.db import agora
from shared.eventos.envelope import EventoRecebido
from shared.eventos.esquemas import MunicipioRegistrado
from shared.municipios import repository
from shared.municipios.models import MunicipioMixin
from shared.outbox import UnidadeDeTrabalho

CAMPOS_DE_CONTEUDO = ("ibge6", "nome", "uf", "capital", "latitude", "longitude", "populacoes")


def _conteudo(dados: MunicipioRegistrado) -> dict[str, Any]:
    valores = dados.model_dump(mode="python", include=set(CAMPOS_DE_CONTEUDO))
    valores["populacoes"] = [p.model_dump(mode="json") for p in dados.populacoes]
    return valores


async def registrar_municipio(
    *, sessao: AsyncSession, modelo: type[MunicipioMixin], dados: MunicipioRegistrado
) -> bool:
    """Registra ou atualiza o município; devolve False quando nada mudou (e então nada se grava)."""
    novo = _conteudo(dados)
    atual = await repository.obter(sessao, modelo, dados.ibge7)
    if atual is None:
        repository.adicionar(
            sessao,
            modelo,
            {"ibge7": dados.ibge7, **novo, "lote_id": dados.lote_id, "versao": 1, "atualizado_em": agora()},
        )
        return True
    if all(getattr(atual, campo) == novo[campo] for campo in CAMPOS_DE_CONTEUDO):
        return False
    for campo, valor in novo.items():
        setattr(atual, campo, valor)
    atual.lote_id = dados.lote_id
    atual.versao += 1
    atual.atualizado_em = agora()
    return True


def tratador_municipio_registrado(modelo: type[MunicipioMixin]) -> Tratador:
    """Mantém a leitura local de municípios a partir dos eventos da ingestão."""

    async def tratar(uow: UnidadeDeTrabalho, evento: EventoRecebido) -> None:
        assert isinstance(evento.corpo, MunicipioRegistrado)
        await registrar_municipio(sessao=uow.sessao, modelo=modelo, dados=evento.corpo)

    return tratar
