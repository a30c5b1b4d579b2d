"""Arquivos grandes: o upload responde 202 e o arquivo é processado depois, no mesmo caminho.

O lote nasce `processando`; termina `concluido`, ou `rejeitado` com os erros (nada aplicado). Um
processamento cortado por um reinício fica `interrompido`, e o mesmo arquivo pode ser enviado de novo.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from services.ingestao.lotes import importacao, repository
from services.ingestao.lotes.models import InstanciaViva, Lote
from services.ingestao.settings import Settings
from shared.db import agora, gravar_vigentes
from shared.erros import DadosInvalidos
from shared.servico import Runtime

log = logging.getLogger(__name__)


async def registrar(*, runtime: Runtime, envio: importacao.Envio) -> tuple[Lote, bool, Path | None]:
    """Guarda o arquivo e cria o lote `processando`; devolve (lote, novo, caminho a processar)."""
    settings: Settings = runtime.settings  # type: ignore[assignment]
    sha256, tamanho = importacao.sha256_do_arquivo(envio.arquivo)
    async with runtime.nova_uow() as uow:
        if existente := await importacao.lote_ja_recebido(uow, envio.importador.tipo, envio.periodo, sha256):
            return existente, False, None
        lote = Lote(
            id=str(uuid.uuid4()),
            tipo=envio.importador.tipo,
            ano_referencia=envio.ano,
            mes_referencia=envio.mes,
            periodo=envio.periodo,
            parcial=envio.parcial,
            arquivo=envio.nome_arquivo[:255],
            sha256=sha256,
            tamanho_bytes=tamanho,
            enviado_por=envio.enviado_por,
            recebido_em=agora(),
            linhas_lidas=0,
            linhas_validas=0,
            linhas_rejeitadas=0,
            registros_alterados=0,
            situacao="processando",
            processado_por=runtime.instancia,
            deteccao={},
            erros=[],
        )
        settings.pasta_uploads.mkdir(parents=True, exist_ok=True)
        caminho = settings.pasta_uploads / f"{lote.id}.arquivo"
        with caminho.open("wb") as destino:
            envio.arquivo.seek(0)
            shutil.copyfileobj(envio.arquivo, destino, 1 << 20)
        repository.adicionar(uow.sessao, lote)
        try:
            await uow.commit()
        except IntegrityError:
            caminho.unlink(missing_ok=True)
            raise importacao.RecebimentoSimultaneo from None
    return lote, True, caminho


async def processar(
    *, runtime: Runtime, lote: Lote, caminho: Path, importador: importacao.Importador[Any]
) -> None:
    settings: Settings = runtime.settings  # type: ignore[assignment]
    rejeicao: DadosInvalidos | None = None
    try:
        async with runtime.nova_uow() as uow:
            with caminho.open("rb") as arquivo:
                try:
                    envio = importacao.Envio(
                        importador=importador,
                        arquivo=arquivo,
                        nome_arquivo=lote.arquivo,
                        enviado_por=lote.enviado_por,
                        ano=lote.ano_referencia,
                        mes=lote.mes_referencia,
                        parcial=lote.parcial,
                    )
                    await importacao.importar(uow=uow, settings=settings, envio=envio, lote_id=lote.id)
                    await uow.commit()
                except DadosInvalidos as exc:
                    rejeicao = exc
        if rejeicao is not None:
            async with runtime.nova_uow() as uow:
                await uow.sessao.execute(
                    update(Lote)
                    .where(Lote.id == lote.id)
                    .values(
                        situacao="rejeitado",
                        mensagem=rejeicao.detalhe[:2000],
                        erros=rejeicao.extras.get("erros", []),
                    )
                )
                await uow.commit()
    except Exception:
        log.exception("falha ao processar o lote %s em segundo plano", lote.id)
        await marcar_interrompidos(runtime, lote_id=lote.id, motivo="falha inesperada no processamento")
    finally:
        await asyncio.to_thread(caminho.unlink, missing_ok=True)


async def marcar_interrompidos(runtime: Runtime, *, lote_id: str, motivo: str) -> None:
    """O processamento deste lote falhou: ele vira `interrompido` e pode ser reenviado."""
    async with runtime.nova_uow() as uow:
        await uow.sessao.execute(
            update(Lote)
            .where(Lote.situacao == "processando", Lote.id == lote_id)
            .values(situacao=importacao.SITUACAO_INTERROMPIDO, mensagem=f"{motivo}; envie o arquivo de novo")
        )
        await uow.commit()


async def batimento_e_orfaos(runtime: Runtime) -> None:
    """Avisa que esta réplica está viva e interrompe os lotes `processando` de réplicas caladas (que caíram)."""
    settings: Settings = runtime.settings  # type: ignore[assignment]
    momento = agora()
    async with runtime.nova_uow() as uow:
        await gravar_vigentes(uow.sessao, InstanciaViva, [{"id": runtime.instancia, "visto_em": momento}])
        vivas = select(InstanciaViva.id).where(
            InstanciaViva.visto_em >= momento - timedelta(seconds=settings.instancia_tolerancia_s)
        )
        await uow.sessao.execute(
            update(Lote)
            .where(
                Lote.situacao == "processando",
                or_(Lote.processado_por.is_(None), Lote.processado_por.not_in(vivas)),
            )
            .values(
                situacao=importacao.SITUACAO_INTERROMPIDO,
                mensagem="a réplica que processava o lote parou (reinício ou queda); envie o arquivo de novo",
            )
        )
        await uow.commit()
