from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    servico: ClassVar[str] = "ingestao"
    porta_padrao: ClassVar[int] = 8001

    uf_referencia: str = Field(default="CE", pattern=r"^[A-Z]{2}$")
    codigo_uf_referencia: str = Field(default="23", pattern=r"^\d{2}$")
    erros_maximos_relatados: int = Field(default=1_000, gt=0)

    model_config = SettingsConfigDict(env_prefix="SUAS_INGESTAO_", extra="ignore")
