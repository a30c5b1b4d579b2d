"""Censo SUAS e IDCRAS: dados anuais por unidade."""
