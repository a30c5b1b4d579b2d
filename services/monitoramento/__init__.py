"""Serviço Monitoramento do SUAS-CE."""
