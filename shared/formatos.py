"""Números e dinheiro no formato brasileiro (R$ 1.234,56), para exportações e textos."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal


def numero_br(valor: Decimal | int, casas: int = 2) -> str:
    """1234.5 → '1.234,50' (arredondamento bancário)."""
    exato = Decimal(valor).quantize(Decimal(1).scaleb(-casas), rounding=ROUND_HALF_EVEN)
    sinal = "-" if exato < 0 else ""
    inteiro, _, fracao = f"{abs(exato):f}".partition(".")
    grupos: list[str] = []
    while len(inteiro) > 3:
        grupos.insert(0, inteiro[-3:])
        inteiro = inteiro[:-3]
    grupos.insert(0, inteiro)
    texto = ".".join(grupos)
    return f"{sinal}{texto},{fracao}" if casas > 0 else f"{sinal}{texto}"


def moeda_br(valor: Decimal) -> str:
    """Decimal('1234.56') → 'R$ 1.234,56'."""
    return f"R$ {numero_br(valor, 2)}"
