"""Serviço Cofinanciamento do SUAS-CE."""
