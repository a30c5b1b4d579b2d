-- Bancos do SUAS-CE no PostgreSQL do docker-compose: um por serviço (cada serviço é dono dos
-- seus dados; nenhum lê o banco de outro). Roda uma única vez, quando o volume está vazio.
-- As tabelas são criadas depois pelo serviço `migracoes` (`suas-ce migrar todos`).
CREATE DATABASE suas_ingestao;
CREATE DATABASE suas_cofinanciamento;
CREATE DATABASE suas_monitoramento;
CREATE DATABASE suas_premiacao;
