"""Prazos: ações e planos a vencer e vencidos; aviso de prazo vencido aos outros serviços."""
