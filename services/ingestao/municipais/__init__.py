"""Dados por município: SISC agregado, indicadores municipais e saldos em conta."""
