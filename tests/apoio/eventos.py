"""Publicar eventos do catálogo direto no broker, como se outro serviço os tivesse produzido."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from shared.eventos.base import Evento
from shared.eventos.catalogo import CATALOGO
from shared.kafka import garantir_topicos
from tests.apoio.fixtures import ServicoEmTeste
from tests.apoio.kafka import cabecalhos_de, produzir


async def preparar_topicos(servico: ServicoEmTeste) -> None:
    await garantir_topicos(servico.settings, servico.runtime.consumidor.topicos)


async def publicar_eventos(bootstrap: str, prefixo: str, eventos: Sequence[Evento]) -> None:
    """Em ordem, cada um no tópico do catálogo, com a chave e os cabeçalhos de produção."""
    por_topico: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for evento in eventos:
        por_topico[prefixo + CATALOGO.topico_de(type(evento)).nome].append(
            {
                "valor": evento.model_dump_json().encode(),
                "chave": evento.chave(),
                "cabecalhos": cabecalhos_de(evento),
            }
        )
    for topico, registros in por_topico.items():
        await produzir(bootstrap, topico, registros)
