"""Conversão de células em valores, com o motivo em pt-BR quando não dá. Funções puras."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

LIMITE_DECIMAL = Decimal(10) ** 15  # nenhum valor ingerido chega perto; acima disso é erro de arquivo


DIGITOS_MAXIMOS = 18
_INTEIRO = re.compile(r"-?\d+([.,]0+)?")
_PARTE_DECIMAL = re.compile(r"[.,]")


class ValorInvalido(ValueError):
    pass


def texto(bruto: str) -> str:
    """Sem espaços nas pontas nem as aspas simples com que o MDS às vezes envolve textos."""
    valor = bruto.strip()
    if len(valor) >= 2 and valor[0] == valor[-1] and valor[0] in "'\"":
        valor = valor[1:-1].strip()
    return valor


def inteiro(bruto: str, *, minimo: int | None = 0, maximo: int | None = None) -> int | None:
    """Inteiro; vazio é None (não informado, diferente de zero)."""
    valor = bruto.strip()
    if (
        valor.isascii() and valor.isdigit()
    ):  # o caso de quase toda célula: só dígitos (rápido: milhões por arquivo)
        if len(valor) > DIGITOS_MAXIMOS:
            raise ValorInvalido("o número é grande demais para este campo")
        numero = int(valor)
    else:
        valor = texto(valor)
        if not valor:
            return None
        if len(valor) > DIGITOS_MAXIMOS:
            raise ValorInvalido("o número é grande demais para este campo")
        if not _INTEIRO.fullmatch(valor):
            raise ValorInvalido("deve ser um número inteiro")
        numero = int(_PARTE_DECIMAL.split(valor)[0])
    _dentro_dos_limites(numero, minimo, maximo)
    return numero


def decimal(bruto: str, *, minimo: Decimal | None = None, maximo: Decimal | None = None) -> Decimal | None:
    """Decimal com vírgula ou ponto (e milhar com ponto quando há vírgula: 1.234,56)."""
    valor = texto(bruto).replace(" ", "")
    if not valor:
        return None
    if "," in valor:
        valor = valor.replace(".", "").replace(",", ".")
    try:
        numero = Decimal(valor)
    except InvalidOperation:
        raise ValorInvalido("deve ser um número") from None
    if not numero.is_finite():
        raise ValorInvalido("deve ser um número")
    if abs(numero) >= LIMITE_DECIMAL:
        raise ValorInvalido("o número é grande demais para este campo")
    _dentro_dos_limites(numero, minimo, maximo)
    return numero


def _dentro_dos_limites(
    numero: Decimal | int, minimo: Decimal | int | None, maximo: Decimal | int | None
) -> None:
    if minimo is not None and maximo is not None and not minimo <= numero <= maximo:
        raise ValorInvalido(f"fora do intervalo ({minimo} a {maximo})")
    if minimo is not None and numero < minimo:
        raise ValorInvalido("não pode ser negativo" if minimo == 0 else f"deve ser no mínimo {minimo}")
    if maximo is not None and numero > maximo:
        raise ValorInvalido(f"deve ser no máximo {maximo}")


def id_unidade(bruto: str) -> str:
    """NU_IDENTIFICADOR do CadSUAS: 11 dígitos."""
    valor = texto(bruto)
    if not re.fullmatch(r"\d{11}", valor):
        raise ValorInvalido("o identificador da unidade (NU_IDENTIFICADOR) deve ter 11 dígitos")
    return valor


def codigo_ibge(bruto: str) -> str:
    """6 ou 7 dígitos, como veio (a normalização para IBGE7 usa a referência de municípios)."""
    valor = texto(bruto)
    if not re.fullmatch(r"\d{6,7}", valor):
        raise ValorInvalido("o código IBGE deve ter 6 ou 7 dígitos")
    return valor


def data(bruto: str) -> date | None:
    """Data dd/mm/aaaa (como o Censo publica) ou AAAA-MM-DD."""
    valor = texto(bruto)
    if not valor:
        return None
    for formato in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(valor, formato).date()
        except ValueError:
            continue
    raise ValorInvalido("deve ser uma data dd/mm/aaaa")
