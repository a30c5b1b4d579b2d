"""Serviço Ingestão do SUAS-CE."""
