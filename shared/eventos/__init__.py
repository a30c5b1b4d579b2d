"""Eventos do barramento: corpos (pydantic), catálogo de tópicos e envelope CloudEvents."""
