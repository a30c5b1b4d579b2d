"""Planos de providências: elaboração, transições, ações, acompanhamento, plano exigido e prazo vencido.

Os serviços não fazem commit: a rota ou o consumidor confirma a unidade de trabalho.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoramento.dominio import ciclo
from services.monitoramento.dominio.ciclo import (
    SITUACOES_EDITAVEIS,
    TRANSICOES_PLANO,
    AcaoParaConferir,
    Ator,
    DificuldadeParaConferir,
    SituacaoAcao,
    SituacaoPlano,
)
from services.monitoramento.planos import acesso, andamento, repository
from services.monitoramento.planos.andamento import (
    PrecondicaoNaoAtendida,
    novo_id,
    registrar,
    registrar_do_usuario,
)
from services.monitoramento.planos.models import (
    Acao,
    Acompanhamento,
    Dificuldade,
    InstituicaoLocal,
    PlanoProvidencias,
)
from services.monitoramento.planos.schemas import (
    AcompanhamentoEntrada,
    ConteudoPlano,
    DificuldadeEntrada,
    NovaInstituicao,
    NovoPlano,
    SituacaoAcaoEntrada,
    TransicaoEntrada,
)
from shared.erros import Conflito, DadosInvalidos
from shared.eventos.esquemas import (
    MunicipioBloqueado,
    MunicipioDesbloqueado,
    MunicipioSuspenso,
    PlanoProvidenciasAlterado,
    PlanoProvidenciasAprovadoCmas,
    PlanoProvidenciasCancelado,
    PlanoProvidenciasConcluido,
    PlanoProvidenciasCriado,
    PlanoProvidenciasDevolvido,
    PlanoProvidenciasEmExecucao,
    PlanoProvidenciasEvento,
    PlanoProvidenciasPactuadoCib,
    PlanoProvidenciasPrazoVencido,
    PlanoProvidenciasSubmetido,
    PlanoProvidenciasTransicao,
)
from shared.formatos import moeda_br, numero_br
from shared.http.concorrencia import conferir_versao
from shared.http.seguranca import Usuario
from shared.outbox import UnidadeDeTrabalho

EVENTO_DA_TRANSICAO: dict[str, type[PlanoProvidenciasTransicao]] = {
    "submeter": PlanoProvidenciasSubmetido,
    "devolver_cmas": PlanoProvidenciasDevolvido,
    "devolver_cib": PlanoProvidenciasDevolvido,
    "aprovar_cmas": PlanoProvidenciasAprovadoCmas,
    "pactuar_cib": PlanoProvidenciasPactuadoCib,
    "iniciar_execucao": PlanoProvidenciasEmExecucao,
    "concluir": PlanoProvidenciasConcluido,
    "cancelar": PlanoProvidenciasCancelado,
}
AUTOR_SISTEMA = "sistema"
BLOCOS = {
    "protecao_social_basica": "Proteção Social Básica",
    "protecao_social_especial": "Proteção Social Especial",
    "beneficios_eventuais": "Benefícios Eventuais",
}


async def evento(
    sessao: AsyncSession, classe: type[PlanoProvidenciasEvento], plano: PlanoProvidencias, **extra: Any
) -> PlanoProvidenciasEvento:
    """Estado completo do plano, como os outros serviços o recebem."""
    await sessao.flush()
    origens = (await repository.origens(sessao, [plano.id])).get(plano.id, [])
    return classe(
        plano_id=plano.id,
        ibge7=plano.ibge7,
        unidades=tuple(plano.unidades),
        situacao=plano.situacao,
        situacao_desde=plano.situacao_desde,
        versao_plano=plano.versao,
        origens=tuple(origens),
        prazo=plano.prazo,
        bloqueio_id=plano.bloqueio_id,
        **extra,
    )


async def visivel(
    sessao: AsyncSession, plano_id: str, usuario: Usuario, *, para_alterar: bool = False
) -> PlanoProvidencias:
    plano = await repository.plano(sessao, plano_id, para_alterar=para_alterar)
    if plano is None or not acesso.pode_ver(usuario, ibge7=plano.ibge7, situacao=plano.situacao):
        raise acesso.nao_encontrado("plano de providências", plano_id)
    return plano


async def _gravar_conteudo(
    sessao: AsyncSession, plano: PlanoProvidencias, conteudo: ConteudoPlano, *, novo: bool
) -> dict[str, Any]:
    """Aplica título, unidades, prazo, dificuldades e ações; ids enviados mantêm o que já existe."""
    existentes_d = {} if novo else {d.id: d for d in await repository.dificuldades(sessao, plano.id)}
    existentes_a = {} if novo else {a.id: a for a in await repository.acoes(sessao, plano.id)}
    erros: list[dict[str, Any]] = []
    for i, d in enumerate(conteudo.dificuldades):
        if d.id is not None and d.id not in existentes_d:
            erros.append(
                {
                    "campo": f"dificuldades[{i}].id",
                    "valor": d.id,
                    "motivo": "não é uma dificuldade deste plano",
                }
            )
        for j, a in enumerate(d.acoes):
            if a.id is not None and a.id not in existentes_a:
                erros.append(
                    {
                        "campo": f"dificuldades[{i}].acoes[{j}].id",
                        "valor": a.id,
                        "motivo": "não é uma ação deste plano",
                    }
                )
    if len(set(conteudo.unidades)) != len(conteudo.unidades):
        erros.append({"campo": "unidades", "valor": conteudo.unidades, "motivo": "unidade repetida"})
    if erros:
        raise DadosInvalidos(
            "o plano tem "
            + str(len(erros))
            + " problema(s): "
            + "; ".join(f"{e['campo']} = {e['valor']!r}: {e['motivo']}" for e in erros),
            erros=erros,
        )
    unidades_antes, prazo_antes = list(plano.unidades or []), plano.prazo
    plano.titulo = conteudo.titulo
    plano.unidades = list(conteudo.unidades)
    plano.prazo = conteudo.prazo
    mantidas_d = {d.id for d in conteudo.dificuldades if d.id}
    mantidas_a = {a.id for d in conteudo.dificuldades for a in d.acoes if a.id}
    removidas = [d for i, d in existentes_d.items() if i not in mantidas_d]
    presas = await repository.dificuldades_com_apoio(sessao, [d.id for d in removidas])
    if presas:
        raise Conflito(
            "não é possível tirar do plano dificuldade(s) que um plano de apoio enfrenta: "
            + ", ".join(sorted(presas)),
            dificuldades=sorted(presas),
        )
    for gravada in existentes_a.values():
        if gravada.id not in mantidas_a:
            await repository.remover(sessao, gravada)
    await sessao.flush()
    for removida in removidas:
        await repository.remover(sessao, removida)
    for ordem, entrada in enumerate(conteudo.dificuldades):
        await _gravar_dificuldade(sessao, plano.id, entrada, existentes_d, existentes_a, ordem=ordem)
    return {
        "unidades_antes": unidades_antes,
        "unidades_depois": plano.unidades,
        "prazo_antes": prazo_antes.isoformat() if prazo_antes else None,
        "prazo_depois": plano.prazo.isoformat() if plano.prazo else None,
        "dificuldades": len(conteudo.dificuldades),
        "acoes": sum(len(d.acoes) for d in conteudo.dificuldades),
    }


async def _gravar_dificuldade(
    sessao: AsyncSession,
    plano_id: str,
    entrada: DificuldadeEntrada,
    existentes_d: dict[str, Dificuldade],
    existentes_a: dict[str, Acao],
    *,
    ordem: int,
    alerta_id: str | None = None,
) -> Dificuldade:
    dificuldade = existentes_d.get(entrada.id or "")
    if dificuldade is None:
        dificuldade = Dificuldade(id=novo_id(), plano_id=plano_id, alerta_id=alerta_id)
        repository.adicionar(sessao, dificuldade)
    dificuldade.ordem = ordem
    dificuldade.area = entrada.area
    dificuldade.origem = entrada.origem
    dificuldade.descricao = entrada.descricao
    dificuldade.evidencia = entrada.evidencia
    await sessao.flush()  # sem relationships, o ORM não ordena os INSERTs pelas FKs: a dificuldade vai antes
    for posicao, a in enumerate(entrada.acoes):
        acao = existentes_a.get(a.id or "")
        if acao is None:
            acao = Acao(id=novo_id(), plano_id=plano_id, situacao=SituacaoAcao.pendente.value)
            repository.adicionar(sessao, acao)
        acao.dificuldade_id = dificuldade.id
        acao.ordem = posicao
        acao.descricao = a.descricao
        acao.responsavel = a.responsavel
        acao.prazo = a.prazo
    return dificuldade


async def _conferir_alvo(sessao: AsyncSession, dados: NovoPlano) -> None:
    if await repository.nome_municipio(sessao, dados.ibge7) is None:
        raise DadosInvalidos(
            f"o município {dados.ibge7} não está na referência de municípios recebida da ingestão",
            erros=[{"campo": "ibge7", "valor": dados.ibge7, "motivo": "município desconhecido"}],
        )
    if dados.instituicao_id is not None:
        instituicao = await repository.instituicao(sessao, dados.instituicao_id)
        if instituicao is None or instituicao.ibge7 != dados.ibge7:
            raise DadosInvalidos(
                f"a instituição local {dados.instituicao_id} não está registrada no município {dados.ibge7}",
                erros=[
                    {
                        "campo": "instituicao_id",
                        "valor": dados.instituicao_id,
                        "motivo": "instituição desconhecida neste município",
                    }
                ],
            )


async def criar(
    *,
    uow: UnidadeDeTrabalho,
    dados: NovoPlano,
    usuario: Usuario,
    agora: datetime,
    alerta_id: str | None = None,
) -> PlanoProvidencias:
    """Art. 6º: o plano é elaborado pelo município (ou pela instituição local, pelo gestor municipal)."""
    acesso.exigir_ator(
        usuario,
        dados.ibge7,
        {Ator.municipio, Ator.sps} if alerta_id else {Ator.municipio},
        o_que="elaborar um plano de providências",
    )
    await _conferir_alvo(uow.sessao, dados)
    plano = PlanoProvidencias(
        id=novo_id(),
        ibge7=dados.ibge7,
        instituicao_id=dados.instituicao_id,
        situacao=SituacaoPlano.rascunho.value,
        situacao_desde=agora,
        versao=1,
        exigido=False,
        criado_por=acesso.autor(usuario),
        criado_em=agora,
        unidades=[],
    )
    repository.adicionar(uow.sessao, plano)
    detalhes = await _gravar_conteudo(uow.sessao, plano, dados, novo=True)
    if alerta_id:  # o plano nasce de um alerta: a dificuldade guarda de onde veio
        await uow.sessao.flush()
        for dificuldade in await repository.dificuldades(uow.sessao, plano.id):
            dificuldade.alerta_id = alerta_id
    registrar_do_usuario(
        uow.sessao, plano, usuario, agora, acao="criado", situacao_para=plano.situacao, detalhes=detalhes
    )
    uow.publicar(await evento(uow.sessao, PlanoProvidenciasCriado, plano))
    return plano


async def editar(
    *,
    uow: UnidadeDeTrabalho,
    plano_id: str,
    conteudo: ConteudoPlano,
    usuario: Usuario,
    lida: int,
    agora: datetime,
) -> PlanoProvidencias:
    plano = await visivel(uow.sessao, plano_id, usuario, para_alterar=True)
    acesso.exigir_ator(usuario, plano.ibge7, {Ator.municipio}, o_que="editar o plano de providências")
    if plano.situacao not in SITUACOES_EDITAVEIS:
        raise Conflito(
            f"o plano está na situação {plano.situacao!r} e só se edita em rascunho ou devolvido",
            situacao_atual=plano.situacao,
            transicoes_possiveis=ciclo.possiveis(TRANSICOES_PLANO, plano.situacao),
        )
    conferir_versao(atual=plano.versao, lida=lida, recurso=f"o plano {plano.id}")
    detalhes = await _gravar_conteudo(uow.sessao, plano, conteudo, novo=False)
    plano.versao += 1
    registrar_do_usuario(uow.sessao, plano, usuario, agora, acao="editado", detalhes=detalhes)
    if (
        detalhes["unidades_antes"] != detalhes["unidades_depois"]
        or detalhes["prazo_antes"] != detalhes["prazo_depois"]
    ):
        uow.publicar(await evento(uow.sessao, PlanoProvidenciasAlterado, plano))
    return plano


async def adicionar_dificuldade(
    *,
    uow: UnidadeDeTrabalho,
    plano_id: str,
    entrada: DificuldadeEntrada,
    usuario: Usuario,
    agora: datetime,
    alerta_id: str,
    unidade: str,
) -> tuple[PlanoProvidencias, Dificuldade]:
    """Um alerta vira dificuldade de um plano que ainda está sendo escrito."""
    plano = await visivel(uow.sessao, plano_id, usuario, para_alterar=True)
    acesso.exigir_ator(
        usuario, plano.ibge7, {Ator.municipio, Ator.sps}, o_que="incluir uma dificuldade no plano"
    )
    if plano.situacao not in SITUACOES_EDITAVEIS:
        raise Conflito(
            f"o plano {plano.id} está na situação {plano.situacao!r}; dificuldades novas só entram em rascunho ou "
            "devolvido (crie um plano novo a partir do alerta)",
            situacao_atual=plano.situacao,
        )
    ordem = len(await repository.dificuldades(uow.sessao, plano.id))
    dificuldade = await _gravar_dificuldade(
        uow.sessao, plano.id, entrada, {}, {}, ordem=ordem, alerta_id=alerta_id
    )
    plano.versao += 1
    if unidade not in plano.unidades:  # o plano passa a nomear a unidade do alerta
        plano.unidades = [*plano.unidades, unidade]
        uow.publicar(await evento(uow.sessao, PlanoProvidenciasAlterado, plano))
    registrar_do_usuario(
        uow.sessao,
        plano,
        usuario,
        agora,
        acao="dificuldade_incluida",
        detalhes={"dificuldade_id": dificuldade.id, "alerta_id": alerta_id},
    )
    return plano, dificuldade


async def _conferir_precondicoes(sessao: AsyncSession, plano: PlanoProvidencias, nome: str) -> None:
    if nome not in {"submeter", "concluir"}:
        return
    dificuldades = await repository.dificuldades(sessao, plano.id)
    acoes = await repository.acoes(sessao, plano.id)
    descricao_de = {d.id: d.descricao for d in dificuldades}
    conferir = [
        AcaoParaConferir(descricao_de[a.dificuldade_id], a.descricao, a.responsavel, a.prazo, a.situacao)
        for a in acoes
    ]
    if nome == "submeter":
        problemas = ciclo.problemas_para_submeter(
            [
                DificuldadeParaConferir(d.descricao, [a for a in conferir if a.dificuldade == d.descricao])
                for d in dificuldades
            ]
        )
        contexto = "para submeter, o plano precisa de ao menos uma dificuldade, uma ação por dificuldade, e responsável e prazo em cada ação (Art. 6º)"
    else:
        problemas = ciclo.problemas_para_concluir(conferir)
        contexto = "o plano só se conclui com todas as ações executadas (Art. 6º §3º)"
    if problemas:
        raise PrecondicaoNaoAtendida(
            f"{contexto}: " + "; ".join(problemas), problemas=problemas, situacao_atual=plano.situacao
        )


async def transitar(
    *,
    uow: UnidadeDeTrabalho,
    plano_id: str,
    nome: str,
    entrada: TransicaoEntrada,
    usuario: Usuario,
    lida: int,
    agora: datetime,
) -> PlanoProvidencias:
    plano = await visivel(uow.sessao, plano_id, usuario, para_alterar=True)
    anterior = await andamento.transitar(
        sessao=uow.sessao,
        plano=plano,
        tabela=TRANSICOES_PLANO,
        nome=nome,
        entrada=entrada,
        usuario=usuario,
        lida=lida,
        agora=agora,
        recurso=f"o plano {plano.id}",
        precondicoes=lambda: _conferir_precondicoes(uow.sessao, plano, nome),
    )
    uow.publicar(
        await evento(
            uow.sessao,
            EVENTO_DA_TRANSICAO[nome],
            plano,
            situacao_anterior=anterior,
            autor=acesso.autor(usuario),
            nota=entrada.nota,
        )
    )
    return plano


async def atualizar_acao(
    *,
    uow: UnidadeDeTrabalho,
    plano_id: str,
    acao_id: str,
    entrada: SituacaoAcaoEntrada,
    usuario: Usuario,
    lida: int,
    agora: datetime,
) -> PlanoProvidencias:
    plano = await visivel(uow.sessao, plano_id, usuario, para_alterar=True)
    acesso.exigir_ator(
        usuario, plano.ibge7, {Ator.municipio, Ator.sps}, o_que="registrar o andamento de uma ação"
    )
    await andamento.andar_acao(
        sessao=uow.sessao,
        plano=plano,
        tabela=TRANSICOES_PLANO,
        acoes=await repository.acoes(uow.sessao, plano.id),
        acao_id=acao_id,
        entrada=entrada,
        usuario=usuario,
        lida=lida,
        agora=agora,
        recurso=f"o plano {plano.id}",
    )
    return plano


async def acompanhar(
    *,
    uow: UnidadeDeTrabalho,
    plano_id: str,
    entrada: AcompanhamentoEntrada,
    usuario: Usuario,
    agora: datetime,
) -> PlanoProvidencias:
    """Art. 6º §2º: a execução é acompanhada pelo CMAS e pela SPS. Acrescenta; não sobrescreve nada."""
    plano = await visivel(uow.sessao, plano_id, usuario)
    meus = acesso.exigir_ator(usuario, plano.ibge7, {Ator.cmas, Ator.sps}, o_que="registrar o acompanhamento")
    if plano.situacao not in {SituacaoPlano.pactuado_cib, SituacaoPlano.em_execucao}:
        raise Conflito(
            f"o plano está na situação {plano.situacao!r}; o acompanhamento se registra depois da pactuação, "
            "durante a execução",
            situacao_atual=plano.situacao,
        )
    instancia = "sps" if Ator.sps in meus else "cmas"
    repository.adicionar(
        uow.sessao,
        Acompanhamento(
            id=novo_id(),
            plano_id=plano.id,
            instancia=instancia,
            data=entrada.data,
            constatacao=entrada.constatacao,
            evidencia=entrada.evidencia,
            autor=acesso.autor(usuario),
            registrado_em=agora,
        ),
    )
    registrar_do_usuario(
        uow.sessao,
        plano,
        usuario,
        agora,
        acao="acompanhamento",
        nota=entrada.constatacao,
        detalhes={"instancia": instancia, "data": entrada.data.isoformat()},
    )
    return plano


async def exigir_plano(*, uow: UnidadeDeTrabalho, bloqueio: MunicipioBloqueado, prazo_dias: int) -> None:
    """Ato SPS de 17/10/2023, Art. 13, I: município bloqueado deve apresentar plano de providências."""
    if await repository.plano_do_bloqueio(uow.sessao, bloqueio.bloqueio_id) is not None:
        return  # o mesmo bloqueio reenviado não exige um segundo plano
    momento = bloqueio.bloqueado_em
    bloco = BLOCOS[bloqueio.bloco]
    plano = PlanoProvidencias(
        id=novo_id(),
        ibge7=bloqueio.ibge7,
        titulo=f"Saldo acumulado no bloco {bloco} ({bloqueio.mes:02d}/{bloqueio.ano})",
        unidades=[],
        situacao=SituacaoPlano.rascunho.value,
        situacao_desde=momento,
        versao=1,
        prazo=momento.date() + timedelta(days=prazo_dias),
        exigido=True,
        bloqueio_id=bloqueio.bloqueio_id,
        criado_por=f"{AUTOR_SISTEMA} (bloqueio do cofinanciamento)",
        criado_em=momento,
    )
    repository.adicionar(uow.sessao, plano)
    await uow.sessao.flush()
    repository.adicionar(
        uow.sessao,
        Dificuldade(
            id=novo_id(),
            plano_id=plano.id,
            ordem=0,
            area="gestao_orcamentaria_financeira",
            origem="saldo_acumulado",
            descricao=f"O saldo em conta do bloco {bloco} acumula {numero_br(bloqueio.parcelas_acumuladas)} parcelas "
            f"mensais (limite: {bloqueio.limite_parcelas})",
            evidencia=f"Saldo de {moeda_br(bloqueio.saldo)} em {bloqueio.mes:02d}/{bloqueio.ano}; parcela mensal de "
            f"{moeda_br(bloqueio.parcela_mensal)}; bloqueio {bloqueio.bloqueio_id} do cofinanciamento em "
            f"{momento:%d/%m/%Y} (ato SPS de 17/10/2023, Art. 13, I)",
            criada_em=momento,
        ),
    )
    registrar(
        uow.sessao,
        plano_id=plano.id,
        tipo_plano="providencias",
        versao=1,
        momento=momento,
        autor=plano.criado_por,
        papeis=["sistema"],
        acao="exigido",
        situacao_para=plano.situacao,
        nota=f"bloqueio {bloqueio.bloqueio_id}: o município deve apresentar o plano até {plano.prazo:%d/%m/%Y}; "
        "a SPS elabora o plano de apoio correspondente",
        detalhes=bloqueio.model_dump(mode="json"),
    )
    uow.publicar(await evento(uow.sessao, PlanoProvidenciasCriado, plano))


async def registrar_sancao(
    *, uow: UnidadeDeTrabalho, evento: MunicipioSuspenso | MunicipioDesbloqueado
) -> None:
    """A suspensão ou a retomada dos repasses entra na linha do tempo do plano exigido pelo bloqueio."""
    plano = await repository.plano_do_bloqueio(uow.sessao, evento.bloqueio_id)
    if plano is None:
        return  # bloqueio anterior a este serviço: não há plano exigido a anotar
    if isinstance(evento, MunicipioSuspenso):
        acao, momento = "suspensao_cofinanciamento", evento.suspenso_em
        nota = (
            f"cofinanciamento suspenso no bloco {BLOCOS[evento.bloco]} (saldo {moeda_br(evento.saldo)}); avisar: "
            + ", ".join(n.replace("_", " ") for n in evento.notificar)
        )
    else:
        acao, momento = "desbloqueio_cofinanciamento", evento.desbloqueado_em
        nota = f"repasses do bloco {BLOCOS[evento.bloco]} retomados: {evento.motivo}"
    registrar(
        uow.sessao,
        plano_id=plano.id,
        tipo_plano="providencias",
        versao=plano.versao,
        momento=momento,
        autor=f"{AUTOR_SISTEMA} (cofinanciamento)",
        papeis=["sistema"],
        acao=acao,
        nota=nota,
        detalhes=evento.model_dump(mode="json"),
    )


async def avisar_prazos_vencidos(*, uow: UnidadeDeTrabalho, agora: datetime) -> list[PlanoProvidencias]:
    """Prazo passou sem conclusão → evento (ato de 2023, Art. 13, II); cada plano avisa uma vez só."""
    planos = await repository.planos_vencidos_sem_aviso(uow.sessao, agora.date())
    for plano in planos:
        plano.prazo_vencido_em = agora
        registrar(
            uow.sessao,
            plano_id=plano.id,
            tipo_plano="providencias",
            versao=plano.versao,
            momento=agora,
            autor=AUTOR_SISTEMA,
            papeis=["sistema"],
            acao="prazo_vencido",
            nota=f"prazo de {plano.prazo:%d/%m/%Y} vencido na situação {plano.situacao}",
        )
        assert plano.prazo is not None
        origens = (await repository.origens(uow.sessao, [plano.id])).get(plano.id, [])
        uow.publicar(
            PlanoProvidenciasPrazoVencido(
                plano_id=plano.id,
                ibge7=plano.ibge7,
                prazo=plano.prazo,
                situacao=plano.situacao,
                origens=tuple(origens),
                bloqueio_id=plano.bloqueio_id,
                verificado_em=agora,
            )
        )
    return planos


def atrasada(acao: Acao, hoje: date) -> bool:
    return ciclo.atrasada(situacao=acao.situacao, prazo=acao.prazo, hoje=hoje)


async def registrar_instituicao(
    *, sessao: AsyncSession, dados: NovaInstituicao, usuario: Usuario, agora: datetime
) -> InstituicaoLocal:
    acesso.exigir_ator(
        usuario, dados.ibge7, {Ator.municipio, Ator.sps}, o_que="registrar uma instituição local"
    )
    if (existente := await repository.instituicao_por_cnpj(sessao, dados.cnpj)) is not None:
        raise Conflito(
            f"o CNPJ {dados.cnpj} já está registrado: {existente.nome} ({existente.ibge7}), id {existente.id}",
            instituicao_id=existente.id,
        )
    if await repository.nome_municipio(sessao, dados.ibge7) is None:
        raise DadosInvalidos(
            f"o município {dados.ibge7} não está na referência de municípios recebida da ingestão"
        )
    instituicao = InstituicaoLocal(
        id=novo_id(),
        ibge7=dados.ibge7,
        nome=dados.nome,
        cnpj=dados.cnpj,
        registrada_por=acesso.autor(usuario),
        registrada_em=agora,
    )
    repository.adicionar(sessao, instituicao)
    return instituicao
