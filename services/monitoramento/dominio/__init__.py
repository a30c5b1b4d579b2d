"""Regras do acompanhamento (Portaria SPS nº 352/2023), puras: sem banco, sem rede, sem relógio."""
