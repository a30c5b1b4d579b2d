"""Planos de providências e de apoio: ciclo de vida, ações, deliberações, acompanhamento e histórico."""
