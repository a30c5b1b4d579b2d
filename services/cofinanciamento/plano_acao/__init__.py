"""Plano de Ação do exercício (Decreto nº 34.262/2021, Arts. 24–25): abertura com prazo, preenchimento, parecer do CMAS."""
