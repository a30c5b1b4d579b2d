"""Concorrência otimista por ETag/If-Match: quem altera diz a versão que leu; versão velha → 412."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Header, Response

from shared.erros import DadosInvalidos, VersaoDesatualizada, VersaoExigida

_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')


def etag(versao: int) -> str:
    return f'"{versao}"'


def marcar_versao(response: Response, versao: int) -> None:
    response.headers["ETag"] = etag(versao)


_DESCRICAO = 'Versão do recurso que você leu (o ETag da leitura, ex.: "3").'


def _numero(if_match: str) -> int:
    achado = _ETAG.match(if_match)
    if achado is None:
        raise DadosInvalidos(f'If-Match {if_match!r} inválido: use o ETag da leitura, ex.: "3"')
    return int(achado.group(1))


def _versao_lida(
    if_match: Annotated[
        str | None, Header(alias="If-Match", description=_DESCRICAO + " Obrigatório.")
    ] = None,
) -> int:
    if if_match is None:
        raise VersaoExigida(
            'envie o cabeçalho If-Match com o ETag que você leu (ex.: If-Match: "3"); assim duas pessoas '
            "não sobrescrevem o trabalho uma da outra"
        )
    return _numero(if_match)


def _versao_lida_se_houver(
    if_match: Annotated[
        str | None,
        Header(alias="If-Match", description=_DESCRICAO + " Obrigatório para alterar o que já existe."),
    ] = None,
) -> int | None:
    return None if if_match is None else _numero(if_match)


VersaoLidaDep = Annotated[int, Depends(_versao_lida)]
VersaoLidaOpcionalDep = Annotated[int | None, Depends(_versao_lida_se_houver)]


def conferir_versao(*, atual: int, lida: int, recurso: str) -> None:
    if atual != lida:
        raise VersaoDesatualizada(
            f"{recurso} está na versão {atual}, e você enviou alterações sobre a versão {lida}: "
            "alguém mudou o recurso depois da sua leitura; leia de novo e refaça a alteração",
            versao_atual=atual,
            versao_enviada=lida,
        )
