"""Erros de negócio tipados. A camada HTTP os traduz em problem+json; o consumidor, em DLQ."""

from __future__ import annotations

from typing import Any


class ErroDominio(Exception):
    status = 422
    codigo = "regra_violada"
    titulo = "Regra de negócio violada"
    cabecalhos: dict[str, str] | None = None

    def __init__(self, detalhe: str, **extras: Any) -> None:
        super().__init__(detalhe)
        self.detalhe = detalhe
        self.extras = extras


class NaoEncontrado(ErroDominio):
    status = 404
    codigo = "nao_encontrado"
    titulo = "Recurso não encontrado"


class Conflito(ErroDominio):
    status = 409
    codigo = "conflito"
    titulo = "Conflito com o estado atual"


class Proibido(ErroDominio):
    status = 403
    codigo = "proibido"
    titulo = "Acesso negado"


class DadosInvalidos(ErroDominio):
    """Entrada com problemas; `erros` lista cada um (linha, coluna, valor, motivo)."""

    status = 422
    codigo = "dados_invalidos"
    titulo = "Dados inválidos"


class VersaoDesatualizada(ErroDominio):
    """Concorrência otimista: alguém mudou o recurso depois que o cliente o leu."""

    status = 412
    codigo = "versao_desatualizada"
    titulo = "O recurso mudou desde a sua leitura"


class VersaoExigida(ErroDominio):
    status = 428
    codigo = "versao_exigida"
    titulo = "Informe a versão que você leu (If-Match)"
