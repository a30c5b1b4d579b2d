"""Municípios da referência IBGE: a mesma leitura (tabela, API, tratador) em todos os serviços."""
