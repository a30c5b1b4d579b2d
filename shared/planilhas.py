"""Exportação em CSV e XLSX no padrão pt-BR, reprodutível byte a byte (mesmos dados, mesmos bytes)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from fastapi import Response
from openpyxl import Workbook
from openpyxl.styles import Font

from shared.formatos import moeda_br, numero_br

MOMENTO_FIXO = datetime(2000, 1, 1)


@dataclass(frozen=True)
class Coluna:
    titulo: str
    formato: Literal["texto", "numero", "moeda", "data"] = "texto"
    casas: int = 2


def _texto(coluna: Coluna, valor: object) -> str:
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "sim" if valor else "não"
    if isinstance(valor, Decimal):
        return moeda_br(valor) if coluna.formato == "moeda" else numero_br(valor, coluna.casas)
    if isinstance(valor, date):
        return valor.strftime("%d/%m/%Y")
    return str(valor)


def csv_br(
    *, cabecalho: Sequence[str], colunas: Sequence[Coluna], linhas: Iterable[Sequence[object]]
) -> bytes:
    """CSV com `;`, UTF-8 com BOM (abre certo no Excel em pt-BR), números com vírgula e R$."""
    saida = io.StringIO()
    escritor = csv.writer(saida, delimiter=";", lineterminator="\r\n")
    for texto in cabecalho:
        escritor.writerow([texto])
    if cabecalho:
        escritor.writerow([])
    escritor.writerow([c.titulo for c in colunas])
    for linha in linhas:
        escritor.writerow([_texto(c, v) for c, v in zip(colunas, linha, strict=True)])
    return ("\ufeff" + saida.getvalue()).encode("utf-8")


def _celula(valor: object) -> object:
    return ("sim" if valor else "não") if isinstance(valor, bool) else valor


def xlsx(
    *, folha: str, cabecalho: Sequence[str], colunas: Sequence[Coluna], linhas: Iterable[Sequence[object]]
) -> bytes:
    """Planilha com o cabeçalho em negrito, valores em células numéricas e os formatos de número, data e R$."""
    livro = Workbook()
    planilha = livro.active
    assert planilha is not None
    planilha.title = folha[:31]  # limite do Excel para nomes de folha
    for texto in cabecalho:
        planilha.append([texto])
    if cabecalho:
        planilha["A1"].font = Font(bold=True)
        planilha.append([])
    planilha.append([c.titulo for c in colunas])
    linha_titulos = planilha.max_row
    for celula in planilha[linha_titulos]:
        celula.font = Font(bold=True)
    formatos = {
        i + 1: '"R$" #,##0.00'
        if c.formato == "moeda"
        else "DD/MM/YYYY"
        if c.formato == "data"
        else "0." + "0" * c.casas
        for i, c in enumerate(colunas)
        if c.formato != "texto"
    }
    # A linha é contada aqui: `planilha.max_row` percorre todas as células a cada chamada (quadrático; minutos
    # numa memória de cálculo nacional). `append` sempre avança uma linha; uma linha vazia não cria células e,
    # como era com `max_row`, o formato fica na última linha que tem células.
    numero = ultima = linha_titulos
    for linha in linhas:
        valores = [_celula(v) for v in linha]
        planilha.append(valores)
        numero += 1
        if valores:
            ultima = numero
        for coluna, formato in formatos.items():
            planilha.cell(row=ultima, column=coluna).number_format = formato
    planilha.freeze_panes = planilha.cell(row=linha_titulos + 1, column=1)
    livro.properties.created = MOMENTO_FIXO
    bruto = io.BytesIO()
    livro.save(bruto)
    return _zip_reprodutivel(bruto.getvalue())


def _zip_reprodutivel(conteudo: bytes) -> bytes:
    """Regrava o pacote com datas fixas: os mesmos dados dão os mesmos bytes."""
    saida = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(conteudo)) as origem,
        zipfile.ZipFile(saida, "w", zipfile.ZIP_DEFLATED) as destino,
    ):
        for item in origem.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dados = origem.read(item.filename)
            if item.filename == "docProps/core.xml":  # o openpyxl grava a hora do salvamento
                dados = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", dados)
            destino.writestr(info, dados)
    return saida.getvalue()


TIPOS_MIDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
RESPOSTAS_PLANILHA: dict[int | str, dict[str, object]] = {
    200: {"content": {t: {} for t in TIPOS_MIDIA.values()}}
}


def resposta(conteudo: bytes, *, formato: Literal["csv", "xlsx"], arquivo: str) -> Response:
    """Resposta HTTP de download, com o nome do arquivo (sem a extensão, que vem do formato)."""
    return Response(
        conteudo,
        media_type=TIPOS_MIDIA[formato],
        headers={"Content-Disposition": f'attachment; filename="{arquivo}.{formato}"'},
    )
