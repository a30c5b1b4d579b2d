"""Conjuntos de regras por exercício, versionados e auditados: cada mudança é uma versão nova, com quem,
quando e o antes e depois de cada campo. Premiação e cofinanciamento guardam as suas regras assim."""

# Sem `from __future__ import annotations`: as rotas criadas aqui anotam o corpo com o tipo de regras
# de cada serviço, e o FastAPI precisa do objeto (não do nome) ao ler a assinatura.
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field
from sqlalchemy import JSON, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import MomentoUTC, agora
from shared.erros import DadosInvalidos, NaoEncontrado
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import SessaoDep, UoWDep
from shared.http.seguranca import Papel, Usuario, UsuarioDep, exigir_papeis

R = TypeVar("R", bound=BaseModel)
P = TypeVar("P", bound=BaseModel)


class VersaoRegrasMixin:
    """Uma versão do conjunto de regras de um exercício; a de número maior é a vigente. Nunca se altera."""

    __tablename__ = "regras_exercicio"

    exercicio: Mapped[int] = mapped_column(Integer, primary_key=True)
    versao: Mapped[int] = mapped_column(Integer, primary_key=True)
    regras: Mapped[dict[str, Any]] = mapped_column(JSON)
    alteracoes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    autor: Mapped[str] = mapped_column(String(200))
    criada_em: Mapped[datetime] = mapped_column(MomentoUTC, default=agora)


class Alteracao(BaseModel):
    campo: str
    antes: Any
    depois: Any


class RegrasSaida(BaseModel, Generic[R, P]):
    exercicio: int
    versao: int
    autor: str
    criada_em: datetime
    regras: R
    premissas: list[P] = Field(description="Premissas do sistema onde o ato é omisso, com o valor em vigor")
    alteracoes: list[Alteracao] = Field(description="O que mudou em relação à versão anterior")


class HistoricoRegras(BaseModel, Generic[R, P]):
    exercicio: int
    versoes: list[RegrasSaida[R, P]]


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


class ConjuntoDeRegras(Generic[R, P]):
    """As regras de um serviço: a tabela de versões, o modelo pydantic e as premissas que ele declara."""

    def __init__(
        self,
        *,
        modelo: type[VersaoRegrasMixin],
        tipo: type[R],
        tipo_premissa: type[P],
        premissas: Callable[[R], Sequence[P]],
    ) -> None:
        self.modelo = modelo
        self.tipo = tipo
        self.premissas = premissas
        self.Saida: type[RegrasSaida[R, P]] = RegrasSaida[tipo, tipo_premissa]  # type: ignore[valid-type]
        self.Historico: type[HistoricoRegras[R, P]] = HistoricoRegras[tipo, tipo_premissa]  # type: ignore[valid-type]

    def regras_de(self, versao: VersaoRegrasMixin) -> R:
        return self.tipo.model_validate(versao.regras)

    def saida(self, versao: VersaoRegrasMixin) -> RegrasSaida[R, P]:
        regras = self.regras_de(versao)
        return self.Saida(
            exercicio=versao.exercicio,
            versao=versao.versao,
            autor=versao.autor,
            criada_em=versao.criada_em,
            regras=regras,
            premissas=list(self.premissas(regras)),
            alteracoes=[Alteracao.model_validate(a) for a in versao.alteracoes],
        )

    async def vigente(self, *, sessao: AsyncSession, exercicio: int) -> VersaoRegrasMixin:
        m = self.modelo
        versao = await sessao.scalar(
            select(m).where(m.exercicio == exercicio).order_by(m.versao.desc()).limit(1)
        )
        if versao is None:
            raise NaoEncontrado(
                f"não há regras para o exercício {exercicio}; o gestor da SPS as cadastra com PUT "
                f"/api/v1/exercicios/{exercicio}/regras",
                exercicio=exercicio,
            )
        return versao

    async def versao(self, *, sessao: AsyncSession, exercicio: int, numero: int) -> VersaoRegrasMixin | None:
        return await sessao.get(self.modelo, (exercicio, numero))

    def validar(self, regras: R, *, exercicio: int) -> None:
        problemas: list[str] = list(regras.problemas())  # type: ignore[attr-defined]
        if regras.exercicio != exercicio:  # type: ignore[attr-defined]
            problemas.insert(
                0,
                f"o corpo é do exercício {regras.exercicio}, mas o endereço é do exercício {exercicio}",  # type: ignore[attr-defined]
            )
        if problemas:
            raise DadosInvalidos(
                f"o conjunto de regras do exercício {exercicio} tem {len(problemas)} problema(s): "
                + "; ".join(problemas),
                erros=[{"motivo": p} for p in problemas],
            )

    async def gravar(
        self, *, sessao: AsyncSession, exercicio: int, regras: R, autor: str
    ) -> VersaoRegrasMixin | None:
        """Nova versão se algo mudou; devolve None quando o conteúdo é igual ao vigente."""
        self.validar(regras, exercicio=exercicio)
        m = self.modelo
        atual = await sessao.scalar(
            select(m).where(m.exercicio == exercicio).order_by(m.versao.desc()).limit(1)
        )
        novas = regras.model_dump(mode="json")
        mudou = alteracoes(atual.regras if atual else None, novas)
        if atual is not None and not mudou:
            return None
        versao = m()
        versao.exercicio, versao.versao = exercicio, (atual.versao + 1) if atual else 1
        versao.regras, versao.alteracoes, versao.autor = novas, mudou, autor
        sessao.add(versao)
        return versao

    async def historico(self, *, sessao: AsyncSession, exercicio: int) -> list[RegrasSaida[R, P]]:
        m = self.modelo
        versoes = await sessao.scalars(select(m).where(m.exercicio == exercicio).order_by(m.versao))
        return [self.saida(v) for v in versoes]


AnoPath = Annotated[int, Path(ge=2021, le=2100, description="Exercício", examples=[2022])]


def criar_router_regras(conjunto: ConjuntoDeRegras[R, P], *, descricao: str, validacoes: str) -> APIRouter:
    """GET (vigente), PUT (nova versão, só sps_gestor) e GET /historico de /exercicios/{ano}/regras."""
    router = APIRouter(prefix="/exercicios/{ano}/regras", tags=["regras"])

    @router.get(
        "",
        response_model=conjunto.Saida,
        summary="Regras vigentes do exercício",
        description=descricao,
        responses={404: ESQUEMA_PROBLEMA},
    )
    async def obter(ano: AnoPath, sessao: SessaoDep, _usuario: UsuarioDep) -> Any:
        return conjunto.saida(await conjunto.vigente(sessao=sessao, exercicio=ano))

    @router.put(
        "",
        response_model=conjunto.Saida,
        summary="Grava uma nova versão das regras do exercício (só gestor da SPS)",
        description=f"O conjunto se valida inteiro ({validacoes}) e todos os problemas voltam juntos. Cada mudança "
        "vira uma versão nova, com autor, momento e o antes e depois de cada campo; enviar o mesmo conteúdo não "
        "cria versão.",
        responses={403: ESQUEMA_PROBLEMA, 422: ESQUEMA_PROBLEMA},
    )
    async def gravar(
        ano: AnoPath,
        regras: conjunto.tipo,  # type: ignore[name-defined]  # o tipo de regras do serviço
        uow: UoWDep,
        usuario: Annotated[Usuario, exigir_papeis(Papel.sps_gestor)],
    ) -> Any:
        nova = await conjunto.gravar(
            sessao=uow.sessao, exercicio=ano, regras=regras, autor=usuario.nome or usuario.sub
        )
        await uow.commit()
        return conjunto.saida(nova or await conjunto.vigente(sessao=uow.sessao, exercicio=ano))

    @router.get(
        "/historico",
        response_model=conjunto.Historico,
        summary="Todas as versões das regras do exercício, com quem mudou o quê e quando",
    )
    async def historico(ano: AnoPath, sessao: SessaoDep, _usuario: UsuarioDep) -> Any:
        return conjunto.Historico(
            exercicio=ano, versoes=await conjunto.historico(sessao=sessao, exercicio=ano)
        )

    return router
