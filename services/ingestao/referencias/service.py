from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import asdict
from typing import BinaryIO

from services.ingestao.lotes import repository as lotes
from services.ingestao.lotes.models import Lote
from services.ingestao.models import Municipio
from services.ingestao.referencias.municipios_csv import ler_municipios
from services.ingestao.settings import Settings
from shared.db import agora
from shared.erros import DadosInvalidos
from shared.eventos.esquemas import MunicipioRegistrado, Populacao
from shared.municipios.service import registrar_municipios
from shared.outbox import UnidadeDeTrabalho

TIPO_MUNICIPIOS = "municipios"


def sha256_do_arquivo(arquivo: BinaryIO) -> tuple[str, int]:
    soma = hashlib.sha256()
    tamanho = 0
    arquivo.seek(0)
    while bloco := arquivo.read(1 << 20):
        soma.update(bloco)
        tamanho += len(bloco)
    arquivo.seek(0)
    return soma.hexdigest(), tamanho


async def importar_municipios(
    *, uow: UnidadeDeTrabalho, settings: Settings, arquivo: BinaryIO, nome_arquivo: str, enviado_por: str
) -> tuple[Lote, bool]:
    """Importa a referência; devolve o lote e se ele é novo. Nada é gravado se houver erro."""
    sha256, tamanho = sha256_do_arquivo(arquivo)
    existente = await lotes.por_checksum(uow.sessao, tipo=TIPO_MUNICIPIOS, sha256=sha256)
    if existente is not None:
        return existente, False
    texto = io.TextIOWrapper(arquivo, encoding="utf-8-sig", newline="")
    try:
        leitura = ler_municipios(
            texto,
            uf=settings.uf_referencia,
            codigo_uf=settings.codigo_uf_referencia,
            erros_maximos=settings.erros_maximos_relatados,
        )
    finally:
        texto.detach()
    if leitura.total_erros or not leitura.municipios:
        if not leitura.total_erros:
            raise DadosInvalidos("o arquivo não tem nenhum município", erros=[], total_erros=0)
        raise DadosInvalidos(
            f"o arquivo {nome_arquivo} tem {leitura.total_erros} problema(s) e não foi importado; "
            "corrija as linhas indicadas e envie de novo",
            erros=[asdict(e) for e in leitura.erros],
            total_erros=leitura.total_erros,
        )
    lote = Lote(
        id=str(uuid.uuid4()),
        tipo=TIPO_MUNICIPIOS,
        arquivo=nome_arquivo[:255],
        sha256=sha256,
        tamanho_bytes=tamanho,
        enviado_por=enviado_por,
        recebido_em=agora(),
        linhas_lidas=leitura.linhas_lidas,
        linhas_validas=len(leitura.municipios),
        linhas_rejeitadas=0,
        registros_alterados=0,
        situacao="concluido",
    )
    lotes.adicionar(uow.sessao, lote)
    registros = [
        MunicipioRegistrado(
            ibge7=lido.ibge7,
            ibge6=lido.ibge6,
            nome=lido.nome,
            uf=lido.uf,
            capital=lido.capital,
            latitude=lido.latitude,
            longitude=lido.longitude,
            populacoes=tuple(Populacao(**asdict(p)) for p in lido.populacoes),
            lote_id=lote.id,
        )
        for lido in leitura.municipios
    ]
    alterados = await registrar_municipios(sessao=uow.sessao, modelo=Municipio, dados=registros)
    for evento in alterados:
        uow.publicar(evento)
    lote.registros_alterados = len(alterados)
    return lote, True
