"""Regras do exercício: leitura, validação e nova versão auditada (quem, quando, antes e depois)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.premiacao.dominio.regras import RegrasPremio, premissas_em_vigor
from services.premiacao.regras import repository
from services.premiacao.regras.models import VersaoRegras
from services.premiacao.regras.schemas import Alteracao, RegrasSaida
from shared.erros import DadosInvalidos, NaoEncontrado


def regras_de(versao: VersaoRegras) -> RegrasPremio:
    return RegrasPremio.model_validate(versao.regras)


def saida(versao: VersaoRegras) -> RegrasSaida:
    regras = regras_de(versao)
    return RegrasSaida(
        exercicio=versao.exercicio,
        versao=versao.versao,
        autor=versao.autor,
        criada_em=versao.criada_em,
        regras=regras,
        premissas=list(premissas_em_vigor(regras)),
        alteracoes=[Alteracao.model_validate(a) for a in versao.alteracoes],
    )


async def vigente(*, sessao: AsyncSession, exercicio: int) -> VersaoRegras:
    versao = await repository.vigente(sessao, exercicio)
    if versao is None:
        raise NaoEncontrado(
            f"não há regras para o exercício {exercicio}; o gestor da SPS as cadastra com PUT "
            f"/api/v1/exercicios/{exercicio}/regras",
            exercicio=exercicio,
        )
    return versao


def validar(regras: RegrasPremio, *, exercicio: int) -> None:
    problemas = regras.problemas()
    if regras.exercicio != exercicio:
        problemas.insert(
            0, f"o corpo é do exercício {regras.exercicio}, mas o endereço é do exercício {exercicio}"
        )
    if problemas:
        raise DadosInvalidos(
            f"o conjunto de regras do exercício {exercicio} tem {len(problemas)} problema(s): "
            + "; ".join(problemas),
            erros=[{"motivo": p} for p in problemas],
        )


def _planas(valor: Any, prefixo: str = "") -> dict[str, Any]:
    if isinstance(valor, dict):
        saida: dict[str, Any] = {}
        for chave, item in valor.items():
            saida.update(_planas(item, f"{prefixo}{chave}."))
        return saida
    return {prefixo.rstrip("."): valor}


def alteracoes(antes: dict[str, Any] | None, depois: dict[str, Any]) -> list[dict[str, Any]]:
    """Campos que mudaram, com o valor antes e depois (nomes com ponto para os aninhados)."""
    a, d = _planas(antes or {}), _planas(depois)
    return [
        {"campo": c, "antes": a.get(c), "depois": d.get(c)}
        for c in sorted(a.keys() | d.keys())
        if a.get(c) != d.get(c)
    ]


async def gravar(
    *, sessao: AsyncSession, exercicio: int, regras: RegrasPremio, autor: str
) -> VersaoRegras | None:
    """Nova versão se algo mudou; devolve None quando o conteúdo é igual ao vigente."""
    validar(regras, exercicio=exercicio)
    atual = await repository.vigente(sessao, exercicio)
    novas = regras.model_dump(mode="json")
    mudou = alteracoes(atual.regras if atual else None, novas)
    if atual is not None and not mudou:
        return None
    versao = VersaoRegras(
        exercicio=exercicio,
        versao=(atual.versao + 1) if atual else 1,
        regras=novas,
        alteracoes=mudou,
        autor=autor,
    )
    repository.adicionar(sessao, versao)
    return versao


async def historico(*, sessao: AsyncSession, exercicio: int) -> list[RegrasSaida]:
    return [saida(v) for v in await repository.historico(sessao, exercicio)]
