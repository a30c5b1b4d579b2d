"""Leitura local dos dados que a apuração usa, mantida pelos eventos da ingestão e do monitoramento."""
