"""Tabela lida de um CSV ou XLSX em streaming: linhas como {campo do sistema: texto}, com o número
da linha no arquivo, e o relatório do que foi detectado (formato, codificação, separador, colunas)."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, BinaryIO

from services.ingestao.leitura.mapas import Mapa

AMOSTRA = 64 * 1024
LINHAS_ATE_O_CABECALHO = 30
SEPARADORES = (";", ",", "\t", "|")


class ArquivoInvalido(Exception):
    """O arquivo inteiro não pode ser lido como o tipo pedido; a mensagem diz por quê."""


@dataclass
class Deteccao:
    formato: str = ""
    codificacao: str | None = None
    separador: str | None = None
    linha_cabecalho: int = 0
    colunas_usadas: dict[str, str] = field(default_factory=dict)
    colunas_ignoradas: list[str] = field(default_factory=list)
    colunas_pessoais_descartadas: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Linha:
    numero: int
    valores: dict[str, str]
    campos: int = 0  # quantas células a linha tem (no CSV, diferente do cabeçalho = linha malformada)
    esperados: int = 0


class Tabela:
    def __init__(self, deteccao: Deteccao, linhas: Iterator[Linha]) -> None:
        self.deteccao = deteccao
        self._linhas = linhas

    def __iter__(self) -> Iterator[Linha]:
        return self._linhas


def abrir(arquivo: BinaryIO, mapa: Mapa) -> Tabela:
    """Detecta o formato e devolve as linhas a partir do cabeçalho (sem ler o arquivo todo)."""
    arquivo.seek(0)
    amostra = arquivo.read(AMOSTRA)
    arquivo.seek(0)
    if not amostra.strip():
        raise ArquivoInvalido("o arquivo está vazio")
    if amostra.startswith(b"PK\x03\x04"):
        return _abrir_xlsx(arquivo, mapa)
    for assinatura, nome in (
        (b"%PDF", "PDF"),
        (b"\x1f\x8b", "gzip"),
        (b"\xd0\xcf\x11\xe0", "XLS antigo (Excel 97)"),
    ):
        if amostra.startswith(assinatura):
            raise ArquivoInvalido(f"o arquivo é {nome}; envie CSV ou XLSX")
    codificacao = _codificacao(amostra)
    texto_amostra = amostra.decode(codificacao, errors="replace")
    if "\x00" in texto_amostra:
        raise ArquivoInvalido("o arquivo contém bytes nulos: não é um CSV de texto (envie CSV ou XLSX)")
    separador, indice_cabecalho = _separador_e_cabecalho(texto_amostra, mapa)
    deteccao = Deteccao(formato="csv", codificacao=codificacao, separador=separador)
    texto = io.TextIOWrapper(arquivo, encoding=codificacao, errors="strict", newline="")
    leitor = csv.reader(texto, delimiter=separador)
    try:
        for _ in range(indice_cabecalho):
            next(leitor)
        cabecalho = next(leitor)
    except (UnicodeDecodeError, csv.Error, StopIteration) as exc:
        texto.detach()
        raise ArquivoInvalido(f"não foi possível ler o cabeçalho: {exc}") from None
    deteccao.linha_cabecalho = leitor.line_num
    indices = _indices(cabecalho, mapa, deteccao)
    return Tabela(deteccao, _linhas_csv(leitor, texto, len(cabecalho), indices, deteccao))


def _codificacao(amostra: bytes) -> str:
    if amostra.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if amostra.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        amostra.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(amostra) - 3:  # a amostra cortou um caractere ao meio
            return "utf-8"
    try:
        amostra.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _separador_e_cabecalho(amostra: str, mapa: Mapa) -> tuple[str, int]:
    """O separador é o que faz aparecer um cabeçalho com as colunas obrigatórias."""
    linhas = amostra.splitlines()[:LINHAS_ATE_O_CABECALHO]
    melhor: tuple[int, str, int] = (-1, ";", 0)
    for separador in SEPARADORES:
        for indice, celulas in enumerate(csv.reader(linhas, delimiter=separador)):
            achadas = {mapa.campo_de(c) for c in celulas} - {None}
            pontos = len(achadas & set(mapa.obrigatorias))
            if pontos > melhor[0]:
                melhor = (pontos, separador, indice)
    pontos, separador, indice = melhor
    if pontos < len(mapa.obrigatorias):
        faltam = _faltando(linhas, separador, indice, mapa)
        raise ArquivoInvalido(
            f"não encontrei o cabeçalho de {mapa.tipo} (edição {mapa.edicao}) nas {LINHAS_ATE_O_CABECALHO} "
            f"primeiras linhas; faltam as colunas: {', '.join(faltam)}"
        )
    return separador, indice


def _faltando(linhas: list[str], separador: str, indice: int, mapa: Mapa) -> list[str]:
    celulas = next(iter(csv.reader(linhas[indice : indice + 1], delimiter=separador)), [])
    achadas = {mapa.campo_de(c) for c in celulas}
    return [f"{' ou '.join(mapa.nomes[c][:3])}" for c in mapa.obrigatorias if c not in achadas]


def _indices(cabecalho: list[str], mapa: Mapa, deteccao: Deteccao) -> dict[int, str]:
    indices: dict[int, str] = {}
    for i, nome in enumerate(cabecalho):
        campo = mapa.campo_de(nome)
        if mapa.eh_pessoal(nome):
            deteccao.colunas_pessoais_descartadas.append(nome.strip())
        elif campo is not None and campo not in deteccao.colunas_usadas:
            indices[i] = campo
            deteccao.colunas_usadas[campo] = nome.strip()
        elif nome.strip():
            deteccao.colunas_ignoradas.append(nome.strip())
    return indices


def _linhas_csv(
    leitor: Any, texto: io.TextIOWrapper, esperados: int, indices: dict[int, str], deteccao: Deteccao
) -> Iterator[Linha]:
    try:
        for celulas in leitor:
            if not any(c.strip() for c in celulas):
                continue
            yield Linha(
                numero=leitor.line_num,
                valores={campo: celulas[i] for i, campo in indices.items() if i < len(celulas)},
                campos=len(celulas),
                esperados=esperados,
            )
    except UnicodeDecodeError:
        raise ArquivoInvalido(
            f"a codificação muda no meio do arquivo (detectada {deteccao.codificacao} no início, "
            f"bytes inválidos perto da linha {leitor.line_num + 1}); salve-o numa codificação só"
        ) from None
    except csv.Error as exc:
        raise ArquivoInvalido(f"CSV malformado perto da linha {leitor.line_num}: {exc}") from None
    finally:
        texto.detach()


def _abrir_xlsx(arquivo: BinaryIO, mapa: Mapa) -> Tabela:
    import openpyxl

    try:
        with zipfile.ZipFile(arquivo) as pacote:
            if "xl/workbook.xml" not in pacote.namelist():
                raise ArquivoInvalido("o arquivo é um .zip compactado, não uma planilha; envie o CSV ou XLSX")
        arquivo.seek(0)
        livro = openpyxl.load_workbook(arquivo, read_only=True, data_only=True)
    except ArquivoInvalido:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ArquivoInvalido(f"planilha XLSX corrompida ou truncada ({type(exc).__name__})") from None
    folha = livro.worksheets[0]
    deteccao = Deteccao(formato="xlsx")
    linhas = folha.iter_rows(values_only=True)
    for numero, valores in enumerate(linhas, start=1):
        celulas = [_texto_celula(v) for v in valores]
        achadas = {mapa.campo_de(c) for c in celulas}
        if set(mapa.obrigatorias) <= achadas:
            deteccao.linha_cabecalho = numero
            indices = _indices(celulas, mapa, deteccao)
            return Tabela(deteccao, _linhas_xlsx(linhas, numero, indices, livro))
        if numero >= LINHAS_ATE_O_CABECALHO:
            break
    livro.close()
    raise ArquivoInvalido(
        f"não encontrei o cabeçalho de {mapa.tipo} nas {LINHAS_ATE_O_CABECALHO} primeiras linhas da planilha "
        f"{folha.title!r}; colunas esperadas: {', '.join(mapa.obrigatorias)}"
    )


def _linhas_xlsx(
    linhas: Iterator[tuple[Any, ...]], inicio: int, indices: dict[int, str], livro: Any
) -> Iterator[Linha]:
    try:
        for numero, valores in enumerate(linhas, start=inicio + 1):
            celulas = [_texto_celula(v) for v in valores]
            if not any(c.strip() for c in celulas):
                continue
            yield Linha(
                numero=numero, valores={c: celulas[i] for i, c in indices.items() if i < len(celulas)}
            )
    finally:
        livro.close()


def _texto_celula(valor: Any) -> str:
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, datetime | date):
        return valor.strftime("%d/%m/%Y")
    return str(valor)
