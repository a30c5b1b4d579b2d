from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services.monitoramento.dominio.alertas import RegrasAlerta
from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    servico: ClassVar[str] = "monitoramento"
    porta_padrao: ClassVar[int] = 8003

    # Regras de alerta sobre o Censo SUAS (JSON no ambiente: SUAS_MONITORAMENTO_ALERTAS='{"idcras_nivel_maximo": 2}').
    alertas: RegrasAlerta = RegrasAlerta()
    # [PREMISSA] prazo do plano exigido por saldo acumulado (ato SPS de 17/10/2023, Art. 13); o ato não fixa.
    prazo_plano_exigido_dias: Annotated[int, Field(ge=1)] = 180
    # De quanto em quanto tempo o serviço procura planos com prazo vencido.
    prazos_verificacao_intervalo_s: Annotated[float, Field(gt=0)] = 300.0

    model_config = SettingsConfigDict(
        env_prefix="SUAS_MONITORAMENTO_", extra="ignore", env_nested_delimiter="__"
    )
