"""Ciclo de vida dos planos de providências e de apoio: quem pode fazer cada transição, e de onde."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class SituacaoPlano(StrEnum):
    """Situações do plano de providências (Portaria SPS 352/2023, Art. 6º)."""

    rascunho = "rascunho"
    submetido = "submetido"
    devolvido = "devolvido"
    aprovado_cmas = "aprovado_cmas"
    pactuado_cib = "pactuado_cib"
    em_execucao = "em_execucao"
    concluido = "concluido"
    cancelado = "cancelado"


class SituacaoApoio(StrEnum):
    """Situações do plano de apoio (Art. 7º) [PREMISSA: o texto depois do §1º se perdeu]."""

    elaborado = "elaborado"
    pactuado_cib = "pactuado_cib"
    em_execucao = "em_execucao"
    concluido = "concluido"


class SituacaoAcao(StrEnum):
    """Situação gravada de uma ação; `atrasada` é derivada (prazo vencido sem execução)."""

    pendente = "pendente"
    em_andamento = "em_andamento"
    executada = "executada"


class Ator(StrEnum):
    """Quem age sobre um plano, como a portaria distribui os papéis."""

    municipio = "municipio"  # gestor municipal do IBGE7 do plano (elabora e submete — Art. 6º)
    cmas = "cmas"  # CMAS do IBGE7 do plano (aprova — Art. 6º §1º; acompanha — §2º)
    cib = "cib"  # Comissão Intergestores Bipartite (pactua — Art. 6º §1º)
    sps = "sps"  # técnico ou gestor da SPS (acompanha — §2º; elabora o plano de apoio — Art. 7º)


SITUACOES_FINAIS = frozenset({SituacaoPlano.concluido, SituacaoPlano.cancelado})
SITUACOES_EDITAVEIS = frozenset({SituacaoPlano.rascunho, SituacaoPlano.devolvido})


@dataclass(frozen=True)
class Transicao:
    nome: str
    de: frozenset[str]
    para: str
    atores: frozenset[Ator]
    exige_nota: bool = False
    exige_deliberacao: bool = False
    descricao: str = ""


def _t(
    nome: str,
    de: Iterable[str],
    para: str,
    atores: Iterable[Ator],
    *,
    descricao: str,
    exige_nota: bool = False,
    exige_deliberacao: bool = False,
) -> Transicao:
    return Transicao(nome, frozenset(de), para, frozenset(atores), exige_nota, exige_deliberacao, descricao)


S = SituacaoPlano
TRANSICOES_PLANO: dict[str, Transicao] = {
    t.nome: t
    for t in (
        _t(
            "submeter",
            SITUACOES_EDITAVEIS,
            S.submetido,
            {Ator.municipio},
            descricao="o município submete ao CMAS",
        ),
        _t(
            "aprovar_cmas",
            {S.submetido},
            S.aprovado_cmas,
            {Ator.cmas},
            exige_deliberacao=True,
            descricao="o CMAS aprova (Art. 6º §1º)",
        ),
        _t(
            "devolver_cmas",
            {S.submetido},
            S.devolvido,
            {Ator.cmas},
            exige_nota=True,
            descricao="o CMAS devolve ao município, com os motivos",
        ),
        _t(
            "pactuar_cib",
            {S.aprovado_cmas},
            S.pactuado_cib,
            {Ator.cib},
            exige_deliberacao=True,
            descricao="a CIB pactua (Art. 6º §1º)",
        ),
        _t(
            "devolver_cib",
            {S.aprovado_cmas},
            S.devolvido,
            {Ator.cib},
            exige_nota=True,
            descricao="a CIB devolve ao município, com os motivos",
        ),
        _t(
            "iniciar_execucao",
            {S.pactuado_cib},
            S.em_execucao,
            {Ator.municipio, Ator.sps},
            descricao="começa a execução das ações",
        ),
        _t(
            "concluir",
            {S.em_execucao},
            S.concluido,
            {Ator.sps},
            descricao="a SPS conclui, com todas as ações executadas (Art. 6º §3º)",
        ),
        _t(
            "cancelar",
            set(S) - SITUACOES_FINAIS,
            S.cancelado,
            {Ator.sps},
            exige_nota=True,
            descricao="a SPS cancela, com o motivo",
        ),
    )
}

A = SituacaoApoio
TRANSICOES_APOIO: dict[str, Transicao] = {
    t.nome: t
    for t in (
        _t(
            "pactuar_cib",
            {A.elaborado},
            A.pactuado_cib,
            {Ator.cib},
            exige_deliberacao=True,
            descricao="a CIB pactua o plano de apoio",
        ),
        _t("iniciar_execucao", {A.pactuado_cib}, A.em_execucao, {Ator.sps}, descricao="a SPS inicia o apoio"),
        _t(
            "concluir",
            {A.em_execucao},
            A.concluido,
            {Ator.sps},
            descricao="a SPS conclui, com todas as ações de apoio executadas",
        ),
    )
}

PROXIMA_SITUACAO_ACAO = {
    SituacaoAcao.pendente: frozenset({SituacaoAcao.em_andamento}),
    SituacaoAcao.em_andamento: frozenset({SituacaoAcao.executada}),
    SituacaoAcao.executada: frozenset[SituacaoAcao](),
}


def possiveis(tabela: dict[str, Transicao], situacao: str) -> list[str]:
    """Transições que partem da situação atual, na ordem do ciclo."""
    return [t.nome for t in tabela.values() if situacao in t.de]


def ativo(situacao: str) -> bool:
    """Plano ativo enquanto não concluído nem cancelado (Art. 6º; Decreto 35.038/2022, Art. 4º)."""
    return situacao not in SITUACOES_FINAIS


@dataclass(frozen=True)
class AcaoParaConferir:
    dificuldade: str
    descricao: str
    responsavel: str | None
    prazo: date | None
    situacao: str


@dataclass(frozen=True)
class DificuldadeParaConferir:
    descricao: str
    acoes: Sequence[AcaoParaConferir]


def problemas_para_submeter(dificuldades: Sequence[DificuldadeParaConferir]) -> list[str]:
    """Art. 6º: dificuldades identificadas, ações para superá-las, responsável e prazo de cada ação."""
    if not dificuldades:
        return ["o plano não tem nenhuma dificuldade identificada"]
    problemas = []
    for d in dificuldades:
        if not d.acoes:
            problemas.append(f"a dificuldade {d.descricao!r} não tem nenhuma ação para superá-la")
        for a in d.acoes:
            if not a.responsavel:
                problemas.append(f"a ação {a.descricao!r} (dificuldade {d.descricao!r}) não tem responsável")
            if a.prazo is None:
                problemas.append(f"a ação {a.descricao!r} (dificuldade {d.descricao!r}) não tem prazo")
    return problemas


def problemas_para_concluir(acoes: Sequence[AcaoParaConferir]) -> list[str]:
    """Art. 6º §3º: o plano só se conclui com todas as suas atividades executadas."""
    return [
        f"a ação {a.descricao!r} (dificuldade {a.dificuldade!r}) está {a.situacao}, não executada"
        for a in acoes
        if a.situacao != SituacaoAcao.executada
    ]


def atrasada(*, situacao: str, prazo: date | None, hoje: date) -> bool:
    """Ação atrasada: prazo vencido sem execução (derivada; nunca gravada)."""
    return prazo is not None and prazo < hoje and situacao != SituacaoAcao.executada
