"""Listas de prazos (por município ou do Estado) e a verificação periódica de prazos vencidos."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoramento.alertas import repository as alertas
from services.monitoramento.dominio import ciclo
from services.monitoramento.planos import repository
from services.monitoramento.planos import service as planos
from services.monitoramento.prazos.schemas import PrazoAcao, PrazoPlano, Prazos, ResumoMunicipio
from shared.servico import Runtime


async def prazos(sessao: AsyncSession, *, hoje: date, dias: int, ibge7: str | None) -> Prazos:
    ate = hoje + timedelta(days=dias)
    acoes = await repository.acoes_com_prazo_ate(sessao, ate=ate, ibge7=ibge7)
    planos_ = await repository.planos_com_prazo_ate(sessao, ate=ate, ibge7=ibge7)
    nomes = await repository.nomes_municipios(
        sessao, [p.ibge7 for _, p in acoes] + [p.ibge7 for p in planos_]
    )
    itens_acoes = [
        PrazoAcao(
            plano_id=p.id,
            ibge7=p.ibge7,
            municipio=nomes.get(p.ibge7),
            titulo_plano=p.titulo,
            acao_id=a.id,
            descricao=a.descricao,
            responsavel=a.responsavel,
            prazo=a.prazo,
            situacao=a.situacao,
            dias=(a.prazo - hoje).days,
        )
        for a, p in acoes
        if a.prazo is not None
    ]
    itens_planos = [
        PrazoPlano(
            plano_id=p.id,
            ibge7=p.ibge7,
            municipio=nomes.get(p.ibge7),
            titulo=p.titulo,
            situacao=p.situacao,
            prazo=p.prazo,
            dias=(p.prazo - hoje).days,
            exigido=p.exigido,
        )
        for p in planos_
        if p.prazo is not None
    ]
    return Prazos(
        referencia=hoje,
        dias=dias,
        ibge7=ibge7,
        acoes_vencidas=[a for a in itens_acoes if a.dias < 0],
        acoes_a_vencer=[a for a in itens_acoes if a.dias >= 0],
        planos_vencidos=[p for p in itens_planos if p.dias < 0],
        planos_a_vencer=[p for p in itens_planos if p.dias >= 0],
    )


async def resumo(sessao: AsyncSession, *, ibge7: str, hoje: date) -> ResumoMunicipio:
    por_situacao = await repository.contagem_por_situacao(sessao, ibge7)
    lista = await prazos(sessao, hoje=hoje, dias=0, ibge7=ibge7)
    return ResumoMunicipio(
        ibge7=ibge7,
        municipio=await repository.nome_municipio(sessao, ibge7),
        planos_por_situacao=por_situacao,
        planos_ativos=sum(n for s, n in por_situacao.items() if ciclo.ativo(s)),
        acoes_atrasadas=len(lista.acoes_vencidas),
        planos_com_prazo_vencido=len(lista.planos_vencidos),
        alertas_abertos=await alertas.abertos_por_municipio(sessao, ibge7),
        planos_exigidos_sem_plano_de_apoio=await repository.exigidos_sem_apoio(sessao, ibge7),
        unidades_por_tipo=await alertas.unidades_por_tipo(sessao, ibge7),
    )


async def verificar_prazos(runtime: Runtime) -> list[str]:
    """Tarefa periódica (e rota para operadores): avisa os prazos vencidos até o momento do relógio."""
    async with runtime.nova_uow() as uow:
        avisados = await planos.avisar_prazos_vencidos(uow=uow, agora=runtime.relogio())
        ids = [p.id for p in avisados]
        await uow.commit()
    return ids
