"""Os quatro serviços do SUAS-CE. Cada um expõe `DEFINICAO` e `create_app` no seu módulo `app`."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shared.servico import DefinicaoServico

NOMES = ("ingestao", "cofinanciamento", "monitoramento", "premiacao")


def definicao(nome: str) -> DefinicaoServico:
    if nome not in NOMES:
        raise KeyError(f"serviço desconhecido: {nome!r} (conhecidos: {', '.join(NOMES)})")
    modulo = importlib.import_module(f"services.{nome}.app")
    resultado: DefinicaoServico = modulo.DEFINICAO
    return resultado
