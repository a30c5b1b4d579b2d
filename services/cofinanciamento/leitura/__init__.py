"""O que o cofinanciamento recebe da ingestão e do monitoramento: a versão vigente de cada dado."""
