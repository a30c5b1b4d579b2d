"""Tabela lida de um CSV ou XLSX em streaming: linhas como {campo do sistema: texto}, com o número
da linha no arquivo, e o relatório do que foi detectado (formato, codificação, separador, colunas)."""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, BinaryIO

from services.ingestao.leitura.mapas import Mapa, normalizar

AMOSTRA = 64 * 1024
LINHAS_ATE_O_CABECALHO = 30
SEPARADORES = (";", ",", "\t", "|")


class ArquivoInvalido(Exception):
    """O arquivo inteiro não pode ser lido como o tipo pedido; a mensagem diz por quê (e onde, se se sabe)."""

    def __init__(self, mensagem: str, *, linha: int = 0, coluna: str = "") -> None:
        super().__init__(mensagem)
        self.linha = linha
        self.coluna = coluna


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
    multilinha: bool = False  # o registro ocupou mais de uma linha física (aspas abertas)


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
    fisicas = _LinhasFisicas(arquivo, codificacao)
    try:
        for _ in range(
            indice_cabecalho
        ):  # títulos: linhas físicas, para uma aspa solta não engolir o cabeçalho
            next(fisicas)
        leitor = csv.reader(fisicas, delimiter=separador)
        cabecalho = next(leitor)
    except (csv.Error, StopIteration) as exc:
        raise ArquivoInvalido(
            f"não foi possível ler o cabeçalho (linha {fisicas.numero}): {_motivo_csv(exc)}"
        ) from None
    deteccao.linha_cabecalho = fisicas.numero
    indices = _indices(cabecalho, mapa, deteccao)
    return Tabela(deteccao, _linhas_csv(leitor, fisicas, len(cabecalho), indices))


class _LinhasFisicas:
    """Linhas do arquivo decodificadas uma a uma: um byte inválido é acusado na linha exata em que está."""

    def __init__(self, arquivo: BinaryIO, codificacao: str) -> None:
        self._arquivo = arquivo
        self._codificacao = "utf-8" if codificacao == "utf-8-sig" else codificacao
        self._bom = codificacao == "utf-8-sig"
        self.numero = 0

    def __iter__(self) -> _LinhasFisicas:
        return self

    def __next__(self) -> str:
        bruta = self._arquivo.readline()
        if not bruta:
            raise StopIteration
        self.numero += 1
        if self._bom and self.numero == 1:
            bruta = bruta.removeprefix(codecs.BOM_UTF8)
        try:
            linha = bruta.decode(self._codificacao)
        except UnicodeDecodeError:
            raise ArquivoInvalido(
                f"a linha {self.numero} tem bytes que não são {self._codificacao} (o início do arquivo é "
                f"{self._codificacao}); salve o arquivo inteiro numa codificação só (UTF-8 ou Windows-1252)",
                linha=self.numero,
            ) from None
        if "\x00" in linha:
            raise ArquivoInvalido(
                f"a linha {self.numero} contém bytes nulos: o arquivo está corrompido", linha=self.numero
            )
        return linha


def _motivo_csv(exc: Exception) -> str:
    texto = str(exc)
    if "field larger than field limit" in texto:
        return (
            f"um campo passa de {csv.field_size_limit():,} caracteres".replace(",", ".")
            + " (aspas não fechadas ou arquivo corrompido)"
        )
    if isinstance(exc, StopIteration):
        return "o arquivo acabou antes do cabeçalho"
    return f"CSV malformado ({texto})"


def _codificacao(amostra: bytes) -> str:
    if amostra.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if amostra.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ArquivoInvalido("o arquivo está em UTF-16; salve-o como CSV UTF-8 ou Windows-1252")
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
        for indice, linha in enumerate(linhas):
            celulas = next(csv.reader([linha], delimiter=separador), [])
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
    """Coluna → campo. O mesmo nome duas vezes é erro; nomes alternativos (IBGE e IBGE7) não: vale o
    preferido pelo mapa da edição, e o outro fica entre as ignoradas."""
    escolhidas: dict[str, tuple[int, int, str]] = {}  # campo → (preferência, índice, nome)
    vistos: set[str] = set()
    for i, nome in enumerate(cabecalho):
        normal = normalizar(nome)
        if normal and normal in vistos:
            raise ArquivoInvalido(
                f"a coluna {nome.strip()!r} aparece duas vezes no cabeçalho (coluna {i + 1}); deixe só uma",
                linha=deteccao.linha_cabecalho,
                coluna=nome.strip(),
            )
        vistos.add(normal)
        campo = mapa.campo_de(nome)
        if mapa.eh_pessoal(nome):
            deteccao.colunas_pessoais_descartadas.append(nome.strip())
        elif campo is None:
            if nome.strip():
                deteccao.colunas_ignoradas.append(nome.strip())
        else:
            candidata = (mapa.colunas[campo].index(normal), i, nome.strip())
            anterior = escolhidas.get(campo)
            if anterior is None or candidata < anterior:
                if anterior is not None:
                    deteccao.colunas_ignoradas.append(anterior[2])
                escolhidas[campo] = candidata
            else:
                deteccao.colunas_ignoradas.append(nome.strip())
    for campo, (_, _, nome) in sorted(escolhidas.items(), key=lambda item: item[1][1]):
        deteccao.colunas_usadas[campo] = nome
    return {i: campo for campo, (_, i, _) in escolhidas.items()}


def _linhas_csv(
    leitor: Any, fisicas: _LinhasFisicas, esperados: int, indices: dict[int, str]
) -> Iterator[Linha]:
    inicio = fisicas.numero + 1
    try:
        for celulas in leitor:
            if any(c.strip() for c in celulas):
                yield Linha(
                    numero=inicio,
                    valores={campo: celulas[i] for i, campo in indices.items() if i < len(celulas)},
                    campos=len(celulas),
                    esperados=esperados,
                    multilinha=fisicas.numero > inicio,
                )
            inicio = fisicas.numero + 1
    except csv.Error as exc:
        raise ArquivoInvalido(
            f"CSV malformado a partir da linha {inicio}: {_motivo_csv(exc)}", linha=inicio
        ) from None


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
    except Exception as exc:  # openpyxl falha de muitos jeitos com arquivo corrompido; todos são do arquivo
        raise ArquivoInvalido(f"planilha XLSX corrompida ou truncada ({type(exc).__name__})") from None
    if not livro.worksheets:
        livro.close()
        raise ArquivoInvalido("planilha XLSX corrompida: o arquivo não tem nenhuma aba")
    folha = livro.worksheets[0]
    deteccao = Deteccao(formato="xlsx")
    linhas = folha.iter_rows(values_only=True)
    try:
        for numero, valores in enumerate(linhas, start=1):
            celulas = [_texto_celula(v) for v in valores]
            achadas = {mapa.campo_de(c) for c in celulas}
            if set(mapa.obrigatorias) <= achadas:
                deteccao.linha_cabecalho = numero
                indices = _indices(celulas, mapa, deteccao)
                return Tabela(deteccao, _linhas_xlsx(linhas, numero, indices, livro))
            if numero >= LINHAS_ATE_O_CABECALHO:
                break
    except ArquivoInvalido:
        livro.close()
        raise
    except Exception as exc:  # XML interno cortado ou inválido antes do cabeçalho
        livro.close()
        raise ArquivoInvalido(f"planilha XLSX corrompida ({type(exc).__name__})") from None
    livro.close()
    raise ArquivoInvalido(
        f"não encontrei o cabeçalho de {mapa.tipo} nas {LINHAS_ATE_O_CABECALHO} primeiras linhas da planilha "
        f"{folha.title!r}; colunas esperadas: {', '.join(mapa.obrigatorias)}"
    )


def _linhas_xlsx(
    linhas: Iterator[tuple[Any, ...]], inicio: int, indices: dict[int, str], livro: Any
) -> Iterator[Linha]:
    numero = inicio
    try:
        for numero, valores in enumerate(linhas, start=inicio + 1):
            celulas = [_texto_celula(v) for v in valores]
            if any(c.strip() for c in celulas):
                yield Linha(
                    numero=numero, valores={c: celulas[i] for i, c in indices.items() if i < len(celulas)}
                )
    except Exception as exc:  # XML interno cortado ou inválido no meio da planilha
        raise ArquivoInvalido(
            f"planilha XLSX corrompida depois da linha {numero} ({type(exc).__name__})", linha=numero + 1
        ) from None
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
