from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from shared.formatos import moeda_br, numero_br


def test_dinheiro_e_numeros_no_formato_brasileiro():
    assert moeda_br(Decimal("2000000")) == "R$ 2.000.000,00"
    assert moeda_br(Decimal("1234.56")) == "R$ 1.234,56"
    assert moeda_br(Decimal("0.005")) == "R$ 0,00"  # arredondamento bancário
    assert moeda_br(Decimal("0.015")) == "R$ 0,02"
    assert numero_br(Decimal("-1234.5"), 1) == "-1.234,5"
    assert numero_br(Decimal("999"), 0) == "999"
    assert numero_br(Decimal("0.7345123"), 4) == "0,7345"


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_o_texto_volta_ao_mesmo_valor(valor):
    texto = numero_br(valor, 2)
    assert Decimal(texto.replace(".", "").replace(",", ".")) == valor
