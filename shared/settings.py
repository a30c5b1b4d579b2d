"""Configuração de cada serviço, lida do ambiente com um prefixo próprio (`SUAS_<SERVICO>_`)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import ClassVar, Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

RAIZ_PROJETO = Path(__file__).resolve().parent.parent
SEGREDO_JWT_DESENVOLVIMENTO = "suas-ce-desenvolvimento-local-nao-usar-em-producao"


class Ambiente(StrEnum):
    desenvolvimento = "desenvolvimento"
    teste = "teste"
    producao = "producao"


class ConfiguracaoInvalida(Exception):
    """A configuração não permite iniciar o serviço; a mensagem diz o que corrigir."""


class ServiceSettings(BaseSettings):
    """Campos comuns aos quatro serviços. Cada serviço define `servico` e o prefixo do ambiente."""

    servico: ClassVar[str]
    porta_padrao: ClassVar[int]

    ambiente: Ambiente = Ambiente.desenvolvimento
    host: str = "127.0.0.1"
    porta: int = 0
    database_url: str = ""
    log_nivel: str = "INFO"

    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    # Tansu não implementa produtores idempotentes; no Apache Kafka real isto fica ligado.
    kafka_idempotencia: bool = False
    kafka_prefixo_topicos: str = ""
    kafka_criar_topicos: bool = True
    kafka_grupo_consumidor: str = ""
    # Segurança da conexão: PLAINTEXT no Tansu local e no compose; no Kubernetes, SASL_SSL com
    # SCRAM-SHA-512 (usuário e senha do KafkaUser do Strimzi) e a CA do cluster em KAFKA_CA_ARQUIVO.
    kafka_protocolo_seguranca: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mecanismo: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "SCRAM-SHA-512"
    kafka_usuario: str = ""
    kafka_senha: SecretStr = SecretStr("")
    kafka_ca_arquivo: str = ""
    kafka_session_timeout_ms: int = 10_000
    kafka_heartbeat_interval_ms: int = 3_000
    kafka_metadata_max_age_ms: int = 30_000
    kafka_request_timeout_ms: int = 30_000
    # O Tansu só responde a um fetch vazio quando esta espera acaba (o Kafka responde assim que chega dado):
    # 100 ms limita a latência em repouso sem encher o broker de fetches.
    kafka_fetch_max_wait_ms: int = 100
    consumidor_lote_maximo: int = 1_000
    consumidor_tentativas: int = 3
    consumidor_espera_inicial_s: float = 0.2
    consumidor_espera_maxima_s: float = 10.0
    outbox_lote: int = 1_000
    outbox_intervalo_s: float = 0.5
    outbox_publicar: bool = True

    jwt_algoritmo: str = "HS256"
    jwt_segredo: SecretStr = SecretStr(SEGREDO_JWT_DESENVOLVIMENTO)
    jwt_jwks_url: str = ""
    jwt_emissor: str = "suas-ce"
    jwt_audiencia: str = "suas-ce"

    limite_corpo_bytes: int = Field(default=1_048_576, gt=0)
    limite_upload_bytes: int = Field(default=50 * 1_048_576, gt=0)

    model_config = SettingsConfigDict(extra="ignore")

    @model_validator(mode="after")
    def _completar_e_validar(self) -> Self:
        if not self.porta:
            self.porta = self.porta_padrao
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{RAIZ_PROJETO / 'var' / f'{self.servico}.db'}"
        if not self.kafka_grupo_consumidor:
            self.kafka_grupo_consumidor = f"suas-ce.{self.servico}"
        if self.jwt_algoritmo not in {"HS256", "RS256"}:
            raise ValueError(f"jwt_algoritmo deve ser HS256 ou RS256, não {self.jwt_algoritmo!r}")
        if self.jwt_algoritmo == "RS256" and not self.jwt_jwks_url:
            raise ValueError("com jwt_algoritmo=RS256, informe jwt_jwks_url (onde estão as chaves públicas)")
        if self.kafka_protocolo_seguranca.startswith("SASL") and not (
            self.kafka_usuario and self.kafka_senha.get_secret_value()
        ):
            raise ValueError(
                f"com kafka_protocolo_seguranca={self.kafka_protocolo_seguranca}, informe kafka_usuario e kafka_senha"
            )
        if self.ambiente is Ambiente.producao:
            self._validar_producao()
        return self

    def _validar_producao(self) -> None:
        prefixo = self.model_config.get("env_prefix", "")
        faltas = []
        if self.jwt_algoritmo == "HS256" and (
            self.jwt_segredo.get_secret_value() in {"", SEGREDO_JWT_DESENVOLVIMENTO}
            or len(self.jwt_segredo.get_secret_value()) < 32
        ):
            faltas.append(f"{prefixo}JWT_SEGREDO (segredo próprio de pelo menos 32 caracteres)")
        if self.database_url.startswith("sqlite"):
            faltas.append(f"{prefixo}DATABASE_URL (PostgreSQL; SQLite é só para uso local)")
        if faltas:
            raise ValueError("em produção faltam: " + "; ".join(faltas))

    @property
    def sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def topico(self, nome_logico: str) -> str:
        """Nome físico do tópico: o prefixo separa ambientes (e testes) no mesmo broker."""
        return f"{self.kafka_prefixo_topicos}{nome_logico}"

    @classmethod
    def carregar(cls, **valores: object) -> Self:
        """Lê a configuração e converte erros em uma mensagem que diz qual variável corrigir."""
        from pydantic import ValidationError

        try:
            return cls(**valores)  # type: ignore[arg-type]
        except ValidationError as exc:
            prefixo = cls.model_config.get("env_prefix", "")
            linhas = []
            for erro in exc.errors():
                campo = ".".join(str(p) for p in erro["loc"])
                nome = f"{prefixo}{campo.upper()}" if campo else "configuração"
                linhas.append(f"  - {nome}: {erro['msg'].removeprefix('Value error, ')}")
            raise ConfiguracaoInvalida(
                f"configuração inválida do serviço {cls.servico}:\n" + "\n".join(linhas)
            ) from None
