"""Borda HTTP comum: fábrica de apps, erros problem+json, segurança e limites."""
