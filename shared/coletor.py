"""O coletor de ciclos nos trechos que criam centenas de milhares de objetos sem ciclos (cálculos, importações).

A cada poucos milhares de alocações o coletor varreria tudo o que está vivo no processo; nesses trechos isso
custa de um quarto a um terço do tempo. A contagem de referências continua liberando a memória.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def sem_coleta_de_ciclos() -> Iterator[None]:
    """Desliga o coletor num trecho síncrono (nada mais roda nele); volta como estava ao fim."""
    ligado = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if ligado:
            gc.enable()


@contextmanager
def coleta_so_do_que_nasce() -> Iterator[None]:
    """O coletor não revarre o que já vivia no processo (`gc.freeze`): o que nasce no trecho continua sendo
    coletado; ao fim, o congelado volta ao coletor."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
