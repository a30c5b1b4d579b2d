"""Serviço Premiação do SUAS-CE."""
