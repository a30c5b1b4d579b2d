"""Verificação anual das metas e indicadores de cada município (Art. 4º §1º, III)."""
