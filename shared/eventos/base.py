"""Corpo de evento: um modelo pydantic por tipo, com nome, versão e serviço produtor."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

PREFIXO_TIPO = "br.gov.ce.sps.suas"


class Valor(BaseModel):
    """Parte de um corpo de evento (imutável, leitor tolerante)."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class Evento(Valor):
    """Fato publicado por um serviço. O corpo não leva dados pessoais, só o que os consumidores usam."""

    fato: ClassVar[str]
    versao: ClassVar[int] = 1
    servico: ClassVar[str]
    descricao: ClassVar[str]

    @classmethod
    def tipo(cls) -> str:
        """`ce_type`: br.gov.ce.sps.suas.<serviço>.<fato>.v<n>."""
        return f"{PREFIXO_TIPO}.{cls.servico}.{cls.fato}.v{cls.versao}"

    @classmethod
    def nome_versionado(cls) -> str:
        return f"{cls.fato}.v{cls.versao}"

    def chave(self) -> str:
        """Chave do registro Kafka (partição): o IBGE7 do município, para manter a ordem dele."""
        raise NotImplementedError

    def assunto(self) -> str:
        """`ce_subject`: IBGE7 ou identificador da unidade."""
        return self.chave()
