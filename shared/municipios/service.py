from __future__ import annotations

from collections.abc import Sequence
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


async def registrar_municipios(
    *, sessao: AsyncSession, modelo: type[MunicipioMixin], dados: Sequence[MunicipioRegistrado]
) -> list[MunicipioRegistrado]:
    """Registra ou atualiza os municípios, em ordem; devolve os que mudaram algo (só esses se gravam)."""
    existentes = await repository.por_ibge7(sessao, modelo, {d.ibge7 for d in dados})
    novos: dict[str, dict[str, Any]] = {}
    alterados = []
    for registro in dados:
        conteudo = _conteudo(registro)
        atual: Any = existentes.get(registro.ibge7) or novos.get(registro.ibge7)
        if atual is None:
            novos[registro.ibge7] = {
                "ibge7": registro.ibge7,
                **conteudo,
                "lote_id": registro.lote_id,
                "versao": 1,
            }
        elif isinstance(atual, dict):  # surgiu neste mesmo lote
            if any(atual[c] != conteudo[c] for c in CAMPOS_DE_CONTEUDO):
                atual.update(conteudo, lote_id=registro.lote_id, versao=atual["versao"] + 1)
            else:
                continue
        elif any(getattr(atual, c) != conteudo[c] for c in CAMPOS_DE_CONTEUDO):
            for campo, valor in conteudo.items():
                setattr(atual, campo, valor)
            atual.lote_id = registro.lote_id
            atual.versao += 1
            atual.atualizado_em = agora()
        else:
            continue
        alterados.append(registro)
    momento = agora()
    await repository.inserir(
        sessao, modelo, [{**linha, "atualizado_em": momento} for linha in novos.values()]
    )
    return alterados


def tratador_municipio_registrado(modelo: type[MunicipioMixin]) -> Tratador:
    """Mantém a leitura local de municípios a partir dos eventos da ingestão."""

    async def tratar(uow: UnidadeDeTrabalho, eventos: Sequence[EventoRecebido]) -> None:
        dados = [e.corpo for e in eventos if isinstance(e.corpo, MunicipioRegistrado)]
        assert len(dados) == len(eventos), "o consumidor só entrega municipio_registrado a este tratador"
        await registrar_municipios(sessao=uow.sessao, modelo=modelo, dados=dados)

    return tratar
