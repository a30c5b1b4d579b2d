"""Escrita em streaming (CSV linha a linha) e XLSX reproduzível byte a byte."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook

Valor = str | int | float | None

# Data fixa nas entradas do zip e nas propriedades do documento: o openpyxl grava o relógio, o que
# tornaria duas gerações com a mesma semente diferentes.
_DATA_ZIP = (2024, 1, 1, 0, 0, 0)
_DATAS_DOCUMENTO = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def decimal_br(valor: float, casas: int) -> str:
    return f"{valor:.{casas}f}".replace(".", ",")


def escrever_csv(
    caminho: Path,
    cabecalho: Sequence[str],
    linhas: Iterable[Sequence[Valor]],
    *,
    codificacao: str = "cp1252",
    separador: str = ";",
) -> int:
    """Grava linha a linha (arquivos nacionais não cabem numa lista) e devolve quantas linhas de dados."""
    total = 0
    with caminho.open("w", encoding=codificacao, newline="") as arquivo:
        escritor = csv.writer(arquivo, delimiter=separador, lineterminator="\r\n")
        escritor.writerow(cabecalho)
        for linha in linhas:
            escritor.writerow(linha)
            total += 1
    return total


def escrever_xlsx(
    caminho: Path,
    titulos: Sequence[str],
    cabecalho: Sequence[str],
    linhas: Iterable[Sequence[Valor]],
    *,
    planilha: str,
) -> int:
    """Planilha no estilo MDS: linhas de título (vazias incluídas) acima do cabeçalho."""
    livro = Workbook(write_only=True)
    folha = livro.create_sheet(planilha)
    for titulo in titulos:
        folha.append([titulo] if titulo else [])
    folha.append(list(cabecalho))
    total = 0
    for linha in linhas:
        folha.append(list(linha))
        total += 1
    bruto = io.BytesIO()
    livro.save(bruto)
    _reempacotar(bruto.getvalue(), caminho)
    return total


def _reempacotar(conteudo: bytes, caminho: Path) -> None:
    with (
        zipfile.ZipFile(io.BytesIO(conteudo)) as origem,
        zipfile.ZipFile(caminho, "w", zipfile.ZIP_DEFLATED) as destino,
    ):
        for entrada in origem.infolist():
            dados = origem.read(entrada.filename)
            if entrada.filename == "docProps/core.xml":
                dados = _DATAS_DOCUMENTO.sub(rb"\g<1>2024-01-01T00:00:00Z", dados)
            info = zipfile.ZipInfo(entrada.filename, date_time=_DATA_ZIP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            destino.writestr(info, dados)
