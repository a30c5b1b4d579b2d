"""Planos de apoio da SPS (Portaria SPS nº 352/2023, Art. 7º)."""
