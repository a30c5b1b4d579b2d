"""Regras do cofinanciamento por exercício: versões auditadas, editáveis só pelo gestor da SPS."""
