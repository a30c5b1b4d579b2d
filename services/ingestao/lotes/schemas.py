from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class LoteSaida(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str = Field(description="Identificador do lote")
    tipo: str = Field(examples=["idcras"])
    ano_referencia: int | None = Field(default=None, examples=[2023])
    mes_referencia: int | None = None
    parcial: bool = Field(
        default=False, description="Aceitou só as linhas válidas (as rejeitadas estão em `erros`)"
    )
    arquivo: str = Field(examples=["IDCRAS_2023.xlsx"])
    sha256: str = Field(description="SHA-256 do arquivo recebido")
    tamanho_bytes: int
    enviado_por: str
    recebido_em: datetime
    linhas_lidas: int
    linhas_validas: int
    linhas_rejeitadas: int
    registros_alterados: int = Field(description="Registros novos ou alterados; cada um gerou um evento")
    situacao: str = Field(
        examples=["concluido"],
        description="processando, concluido, rejeitado ou interrompido (envie de novo)",
    )
    deteccao: dict[str, Any] = Field(
        default_factory=dict,
        description="Formato, codificação, separador, linha do cabeçalho e colunas usadas",
    )
    mensagem: str | None = Field(default=None, description="Por que o lote foi rejeitado ou interrompido")
    ja_recebido: bool = Field(default=False, description="O mesmo arquivo já tinha sido recebido antes")


class PaginaLotes(BaseModel):
    itens: list[LoteSaida]
    total: int
    pagina: int
    tamanho: int
