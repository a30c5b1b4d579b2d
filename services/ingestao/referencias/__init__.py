"""Referências do IBGE: o arquivo de municípios do Ceará e suas bases populacionais."""
