"""Plataforma comum dos serviços SUAS-CE: configuração, banco, eventos, HTTP e segurança."""
