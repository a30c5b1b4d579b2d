"""Conjuntos de regras por exercício: versões auditadas, só o gestor da SPS altera."""
