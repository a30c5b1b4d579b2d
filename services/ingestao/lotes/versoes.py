"""Gravação por versões: cada registro novo ou alterado vira uma versão nova e um evento;
o que chega igual não grava nem publica nada (reenviar o mesmo dado é inofensivo)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from shared.db import agora, inserir_em_massa
from shared.eventos.base import Evento


async def aplicar_versoes(
    *,
    sessao: AsyncSession,
    modelo: type[Any],
    chave: tuple[str, ...],
    campos: tuple[str, ...],
    registros: Sequence[Evento],
    lote_id: str,
) -> list[Evento]:
    """Compara cada registro com a versão vigente (uma consulta para o lote) e devolve os eventos a publicar."""
    valores_chave = [tuple(getattr(r, c) for c in chave) for r in registros]
    vigentes = await _vigentes(sessao, modelo, chave, valores_chave)
    eventos: list[Evento] = []
    novos: list[dict[str, Any]] = []  # inseridos de uma vez, sem objetos ORM (lotes de 100 mil linhas)
    momento = agora()
    for registro, identidade in zip(registros, valores_chave, strict=True):
        evento = registro.model_copy(update={"lote_id": lote_id})
        conteudo = {c: getattr(registro, c) for c in campos}
        atual = vigentes.get(identidade)
        if atual is None:
            novos.append(
                {
                    **dict(zip(chave, identidade, strict=True)),
                    **conteudo,
                    "lote_id": lote_id,
                    "versao": 1,
                    "atualizado_em": momento,
                }
            )
        elif all(getattr(atual, c) == v for c, v in conteudo.items()):
            continue
        else:
            for campo, valor in conteudo.items():
                setattr(atual, campo, valor)
            atual.lote_id, atual.versao, atual.atualizado_em = lote_id, atual.versao + 1, momento
        eventos.append(evento)
    await inserir_em_massa(sessao, modelo, novos)
    return eventos


async def _vigentes(
    sessao: AsyncSession, modelo: type[Any], chave: tuple[str, ...], valores_chave: list[tuple[Any, ...]]
) -> dict[tuple[Any, ...], Any]:
    colunas = [getattr(modelo, c) for c in chave]
    vigentes: dict[tuple[Any, ...], Any] = {}
    for inicio in range(0, len(valores_chave), 500):  # limite de parâmetros por consulta
        parte = valores_chave[inicio : inicio + 500]
        # O filtro pela primeira coluna é redundante, mas é o que faz o SQLite usar a chave primária:
        # só com a tupla ele varre a tabela inteira a cada consulta.
        primeiras = sorted({valores[0] for valores in parte})
        consulta = select(modelo).where(colunas[0].in_(primeiras), tuple_(*colunas).in_(parte))
        for linha in await sessao.scalars(consulta):
            vigentes[tuple(getattr(linha, c) for c in chave)] = linha
    return vigentes
