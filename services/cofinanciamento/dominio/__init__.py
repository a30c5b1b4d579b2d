"""Regras do cofinanciamento estadual (Decreto nº 34.262/2021 e ato SPS de 2023) como funções puras, sem E/S."""
