from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    servico: ClassVar[str] = "cofinanciamento"
    porta_padrao: ClassVar[int] = 8002

    model_config = SettingsConfigDict(env_prefix="SUAS_COFINANCIAMENTO_", extra="ignore")
