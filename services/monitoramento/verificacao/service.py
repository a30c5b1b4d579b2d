"""Verificação anual (Art. 4º §1º, III): checklist por município e ano, versionada e auditada na própria versão."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoramento.alertas import repository as alertas
from services.monitoramento.dominio.ciclo import Ator
from services.monitoramento.planos import acesso
from services.monitoramento.planos import repository as planos
from services.monitoramento.verificacao.models import VerificacaoAnual
from services.monitoramento.verificacao.schemas import (
    Checklist,
    DadosApurados,
    ItemVerificacao,
    VerificacaoSaida,
)
from shared.erros import DadosInvalidos, VersaoExigida
from shared.http.concorrencia import conferir_versao
from shared.http.seguranca import Usuario


async def ler(sessao: AsyncSession, *, ibge7: str, ano: int) -> VerificacaoSaida:
    registro = await sessao.get(VerificacaoAnual, (ibge7, ano))
    itens = [ItemVerificacao.model_validate(i) for i in (registro.itens if registro else [])]
    return VerificacaoSaida(
        ibge7=ibge7,
        ano=ano,
        registrada=registro is not None,
        versao=registro.versao if registro else None,
        autor=registro.autor if registro else None,
        registrada_em=registro.registrada_em if registro else None,
        itens=itens,
        metas_atendidas=sum(1 for i in itens if i.atendida is True),
        metas_nao_atendidas=sum(1 for i in itens if i.atendida is False),
        metas_sem_verificacao=sum(1 for i in itens if i.atendida is None),
        dados_apurados=DadosApurados(
            unidades_por_tipo=await alertas.unidades_por_tipo(sessao, ibge7),
            alertas_do_ano=await alertas.alertas_do_ano(sessao, ibge7, ano),
            planos_por_situacao=await planos.contagem_por_situacao(sessao, ibge7),
        ),
    )


async def registrar(
    *, sessao: AsyncSession, ibge7: str, ano: int, checklist: Checklist, usuario: Usuario, lida: int | None
) -> None:
    """A SPS registra a verificação; a versão anterior exige If-Match (ninguém sobrescreve sem ter lido)."""
    acesso.exigir_ator(usuario, ibge7, {Ator.sps}, o_que="registrar a verificação anual")
    codigos = [i.codigo for i in checklist.itens]
    if repetidos := sorted({c for c in codigos if codigos.count(c) > 1}):
        raise DadosInvalidos(f"código de meta repetido no checklist: {', '.join(repetidos)}")
    if await planos.nome_municipio(sessao, ibge7) is None:
        raise DadosInvalidos(f"o município {ibge7} não está na referência de municípios recebida da ingestão")
    registro = await sessao.get(VerificacaoAnual, (ibge7, ano), with_for_update=True)
    itens = [i.model_dump(mode="json") for i in checklist.itens]
    if registro is None:
        sessao.add(VerificacaoAnual(ibge7=ibge7, ano=ano, itens=itens, versao=1, autor=acesso.autor(usuario)))
        return
    if lida is None:
        raise VersaoExigida(
            f"a verificação {ibge7}/{ano} já foi registrada (versão {registro.versao}); para alterá-la, envie "
            f'If-Match: "{registro.versao}" depois de lê-la'
        )
    conferir_versao(atual=registro.versao, lida=lida, recurso=f"a verificação {ibge7}/{ano}")
    registro.itens, registro.versao, registro.autor = itens, registro.versao + 1, acesso.autor(usuario)
