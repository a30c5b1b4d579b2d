"""Leitura de arquivos como o MDS os publica: detecta formato, codificação, separador e cabeçalho."""
