from shared.migracoes import executar_env

executar_env()
