"""Sanções por saldo acumulado (ato SPS de 17/10/2023, Art. 13): bloqueio, suspensão e retomada."""
