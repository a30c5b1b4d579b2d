from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class LoteSaida(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str = Field(description="Identificador do lote")
    tipo: str = Field(examples=["municipios"])
    arquivo: str = Field(examples=["ce_municipios.csv"])
    sha256: str = Field(description="SHA-256 do arquivo recebido")
    tamanho_bytes: int
    enviado_por: str
    recebido_em: datetime
    linhas_lidas: int
    linhas_validas: int
    linhas_rejeitadas: int
    registros_alterados: int = Field(description="Registros novos ou alterados; cada um gerou um evento")
    situacao: str = Field(examples=["concluido"])
    ja_recebido: bool = Field(default=False, description="O mesmo arquivo já tinha sido recebido antes")
