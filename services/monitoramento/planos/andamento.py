"""O andamento comum aos dois tipos de plano (providências e apoio): linha do tempo, transição do ciclo de
vida e andamento das ações. Cada serviço só carrega o plano, confere o ator e publica o seu evento."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoramento.dominio import ciclo
from services.monitoramento.dominio.ciclo import SituacaoAcao, Transicao
from services.monitoramento.planos import acesso, repository
from services.monitoramento.planos.models import (
    Acao,
    AcaoApoio,
    Deliberacao,
    PlanoApoio,
    PlanoProvidencias,
    RegistroHistorico,
)
from services.monitoramento.planos.schemas import SituacaoAcaoEntrada, TransicaoEntrada
from shared.erros import Conflito, DadosInvalidos, NaoEncontrado
from shared.http.concorrencia import conferir_versao
from shared.http.seguranca import Usuario

Plano = PlanoProvidencias | PlanoApoio
DECISAO_DA_TRANSICAO = {
    "aprovar_cmas": ("cmas", "aprovacao"),
    "devolver_cmas": ("cmas", "devolucao"),
    "pactuar_cib": ("cib", "pactuacao"),
    "devolver_cib": ("cib", "devolucao"),
}


class PrecondicaoNaoAtendida(Conflito):
    codigo = "precondicao_nao_atendida"
    titulo = "O plano ainda não cumpre o que a transição exige"


def novo_id() -> str:
    return str(uuid.uuid4())


def tipo_plano(plano: Plano) -> str:
    return "apoio" if isinstance(plano, PlanoApoio) else "providencias"


def registrar(
    sessao: AsyncSession,
    *,
    plano_id: str,
    tipo_plano: str,
    versao: int,
    momento: datetime,
    autor: str,
    papeis: list[str],
    acao: str,
    situacao_de: str | None = None,
    situacao_para: str | None = None,
    nota: str | None = None,
    detalhes: dict[str, Any] | None = None,
) -> None:
    """Um passo da linha do tempo; nunca se altera nem se apaga."""
    repository.adicionar(
        sessao,
        RegistroHistorico(
            plano_id=plano_id,
            tipo_plano=tipo_plano,
            versao=versao,
            momento=momento,
            autor=autor,
            papeis=papeis,
            acao=acao,
            situacao_de=situacao_de,
            situacao_para=situacao_para,
            nota=nota,
            detalhes=detalhes or {},
        ),
    )


def registrar_do_usuario(
    sessao: AsyncSession, plano: Plano, usuario: Usuario, momento: datetime, **extra: Any
) -> None:
    registrar(
        sessao,
        plano_id=plano.id,
        tipo_plano=tipo_plano(plano),
        versao=plano.versao,
        momento=momento,
        autor=acesso.autor(usuario),
        papeis=sorted(usuario.papeis),
        **extra,
    )


def _deliberacao(
    plano_id: str, nome: str, entrada: TransicaoEntrada, usuario: Usuario, agora: datetime
) -> Deliberacao | None:
    if nome not in DECISAO_DA_TRANSICAO:
        return None
    instancia, decisao = DECISAO_DA_TRANSICAO[nome]
    d = entrada.deliberacao
    return Deliberacao(
        id=novo_id(),
        plano_id=plano_id,
        instancia=instancia,
        decisao=decisao,
        numero_resolucao=d.numero_resolucao if d else None,
        data=d.data if d else None,
        texto=d.texto if d else (entrada.nota or ""),
        registrada_por=acesso.autor(usuario),
        registrada_em=agora,
    )


def _exigir_nota_e_deliberacao(regra: Transicao, entrada: TransicaoEntrada) -> None:
    erros = []
    if regra.exige_nota and not entrada.nota:
        erros.append({"campo": "nota", "motivo": f"{regra.nome!r} exige o motivo em 'nota'"})
    if regra.exige_deliberacao and entrada.deliberacao is None:
        erros.append(
            {
                "campo": "deliberacao",
                "motivo": f"{regra.nome!r} exige a deliberação: número da resolução, data e texto",
            }
        )
    if erros:
        raise DadosInvalidos("; ".join(e["motivo"] for e in erros), erros=erros)


async def transitar(
    *,
    sessao: AsyncSession,
    plano: Plano,
    tabela: dict[str, Transicao],
    nome: str,
    entrada: TransicaoEntrada,
    usuario: Usuario,
    lida: int,
    agora: datetime,
    recurso: str,
    precondicoes: Callable[[], Awaitable[None]],
) -> str:
    """Ator (403), versão (412), situação (409), motivo e deliberação (422), precondições (409); depois a mudança,
    a deliberação e o passo na linha do tempo. Devolve a situação anterior."""
    regra = acesso.conferir_transicao(
        tabela, nome, situacao=plano.situacao, usuario=usuario, ibge7=plano.ibge7, recurso=recurso
    )
    conferir_versao(atual=plano.versao, lida=lida, recurso=recurso)
    _exigir_nota_e_deliberacao(regra, entrada)
    await precondicoes()
    anterior = plano.situacao
    plano.situacao, plano.situacao_desde = regra.para, agora
    plano.versao += 1
    if (deliberacao := _deliberacao(plano.id, nome, entrada, usuario, agora)) is not None:
        repository.adicionar(sessao, deliberacao)
    registrar_do_usuario(
        sessao,
        plano,
        usuario,
        agora,
        acao=nome,
        situacao_de=anterior,
        situacao_para=plano.situacao,
        nota=entrada.nota,
        detalhes={"deliberacao": entrada.deliberacao.model_dump(mode="json")} if entrada.deliberacao else {},
    )
    return anterior


async def andar_acao(
    *,
    sessao: AsyncSession,
    plano: Plano,
    tabela: dict[str, Transicao],
    acoes: Sequence[Acao | AcaoApoio],
    acao_id: str,
    entrada: SituacaoAcaoEntrada,
    usuario: Usuario,
    lida: int,
    agora: datetime,
    recurso: str,
) -> None:
    """Ação anda `pendente → em_andamento → executada`, só com o plano em execução; fica na linha do tempo."""
    if plano.situacao != "em_execucao":
        raise Conflito(
            f"{recurso} está na situação {plano.situacao!r}; o andamento das ações só se registra em execução",
            situacao_atual=plano.situacao,
            transicoes_possiveis=ciclo.possiveis(tabela, plano.situacao),
        )
    conferir_versao(atual=plano.versao, lida=lida, recurso=recurso)
    acao = next((a for a in acoes if a.id == acao_id), None)
    if acao is None:
        raise NaoEncontrado(f"a ação {acao_id} não é d{recurso}")  # "do plano …", "do plano de apoio …"
    permitidas = ciclo.PROXIMA_SITUACAO_ACAO[SituacaoAcao(acao.situacao)]
    if entrada.situacao not in permitidas:
        raise Conflito(
            f"a ação {acao.descricao!r} está {acao.situacao!r} e não passa a {entrada.situacao!r}; a ordem é "
            f"pendente → em_andamento → executada. Possível agora: {', '.join(sorted(permitidas)) or 'nada (já executada)'}",
            situacao_atual=acao.situacao,
            transicoes_possiveis=sorted(permitidas),
        )
    anterior, acao.situacao = acao.situacao, entrada.situacao
    acao.executada_em = agora if entrada.situacao == SituacaoAcao.executada else None
    plano.versao += 1
    registrar_do_usuario(
        sessao,
        plano,
        usuario,
        agora,
        acao="acao_atualizada",
        nota=entrada.nota,
        detalhes={"acao_id": acao.id, "descricao": acao.descricao, "de": anterior, "para": acao.situacao},
    )
