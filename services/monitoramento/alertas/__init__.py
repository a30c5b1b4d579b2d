"""Unidades do Censo SUAS e os alertas que os dados delas levantam."""
