"""Conta bancária específica de cada bloco do município (Decreto nº 34.262/2021, Art. 26)."""
