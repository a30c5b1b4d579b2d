"""RMA CRAS: Registro Mensal de Atendimentos."""
