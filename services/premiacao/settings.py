from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    servico: ClassVar[str] = "premiacao"
    porta_padrao: ClassVar[int] = 8004

    model_config = SettingsConfigDict(env_prefix="SUAS_PREMIACAO_", extra="ignore")
