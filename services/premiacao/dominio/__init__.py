"""Regras do Prêmio de Incentivo (Decreto nº 35.038/2022) como funções puras, sem E/S."""
