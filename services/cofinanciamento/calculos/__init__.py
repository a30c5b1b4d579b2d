"""Cálculo do cofinanciamento de um exercício e mês: resultado imutável, memória de cálculo, exportação."""
