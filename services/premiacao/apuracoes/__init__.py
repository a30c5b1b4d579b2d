"""Apurações do prêmio: o cálculo guardado imutável, sua leitura, explicação, comparação e exportação."""
