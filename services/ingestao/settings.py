from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import RAIZ_PROJETO, ServiceSettings


class Settings(ServiceSettings):
    servico: ClassVar[str] = "ingestao"
    porta_padrao: ClassVar[int] = 8001

    # Vazios: instância nacional (aceita municípios de todas as UFs), usada nos benchmarks de escala.
    uf_referencia: str = Field(default="CE", pattern=r"^([A-Z]{2})?$")
    codigo_uf_referencia: str = Field(default="23", pattern=r"^(\d{2})?$")
    erros_maximos_relatados: int = Field(default=1_000, gt=0)
    # Acima disto o upload responde 202 e o arquivo é processado em segundo plano (consulte o lote).
    limite_sincrono_bytes: int = Field(default=5 * 1_048_576, gt=0)
    pasta_uploads: Path = RAIZ_PROJETO / "var" / "uploads"
    # Réplicas avisam que estão vivas; o lote `processando` de uma réplica calada além da tolerância
    # (o pod caiu) vira `interrompido`. O de uma réplica viva continua: outra réplica subir não o corta.
    instancia_batimento_s: float = Field(default=10.0, gt=0)
    instancia_tolerancia_s: float = Field(default=60.0, gt=0)
    # Um arquivo grande deixa dezenas de milhares de eventos no outbox num commit só: lotes maiores do
    # relay dividem as idas e voltas (consulta, acks do Kafka, marcação) por cinco.
    outbox_lote: int = Field(default=5_000, gt=0)

    model_config = SettingsConfigDict(env_prefix="SUAS_INGESTAO_", extra="ignore")
