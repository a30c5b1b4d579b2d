from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    servico: ClassVar[str] = "monitoramento"
    porta_padrao: ClassVar[int] = 8003

    model_config = SettingsConfigDict(env_prefix="SUAS_MONITORAMENTO_", extra="ignore")
