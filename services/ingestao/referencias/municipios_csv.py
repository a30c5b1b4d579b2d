"""Leitura e validação do arquivo de referência de municípios (CSV UTF-8, formato IBGE/SPS).

Funções puras: recebem linhas de texto, devolvem os municípios lidos e todos os problemas
encontrados (linha, coluna, valor, motivo), sem tocar em banco ou rede.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

COLUNAS_OBRIGATORIAS = ("codigo_ibge7", "nome", "uf")
POPULACAO = re.compile(r"^pop_(censo|estimada)_(\d{4})$")
BASE_POPULACAO = {"censo": "censo", "estimada": "estimativa"}


@dataclass(frozen=True)
class ErroLinha:
    linha: int
    coluna: str
    valor: str
    motivo: str


@dataclass(frozen=True)
class PopulacaoLida:
    base: str
    ano: int
    habitantes: int


@dataclass(frozen=True)
class MunicipioLido:
    ibge7: str
    ibge6: str
    nome: str
    uf: str
    capital: bool
    latitude: Decimal | None
    longitude: Decimal | None
    populacoes: tuple[PopulacaoLida, ...]


@dataclass
class ResultadoLeitura:
    municipios: list[MunicipioLido] = field(default_factory=list)
    erros: list[ErroLinha] = field(default_factory=list)
    total_erros: int = 0
    linhas_lidas: int = 0


def digito_verificador_ibge(codigo6: str) -> int:
    """Dígito verificador do código de município do IBGE: módulo 10 com pesos alternados 1 e 2."""
    soma = 0
    for posicao, digito in enumerate(codigo6):
        produto = int(digito) * (1 if posicao % 2 == 0 else 2)
        soma += produto // 10 + produto % 10
    return (10 - soma % 10) % 10


class _Coletor:
    def __init__(self, resultado: ResultadoLeitura, maximo: int) -> None:
        self.resultado = resultado
        self.maximo = maximo

    def __call__(self, linha: int, coluna: str, valor: str, motivo: str) -> None:
        self.resultado.total_erros += 1
        if len(self.resultado.erros) < self.maximo:
            self.resultado.erros.append(ErroLinha(linha, coluna, valor[:200], motivo))


def ler_municipios(
    linhas: Iterable[str], *, uf: str, codigo_uf: str, erros_maximos: int = 1_000
) -> ResultadoLeitura:
    resultado = ResultadoLeitura()
    erro = _Coletor(resultado, erros_maximos)
    leitor = csv.reader(_sem_nulos(linhas))
    try:
        cabecalho = [c.strip().lower() for c in next(leitor)]
    except StopIteration:
        erro(1, "", "", "arquivo vazio: esperava um cabeçalho com " + ", ".join(COLUNAS_OBRIGATORIAS))
        return resultado
    except (csv.Error, UnicodeDecodeError) as exc:
        erro(1, "", "", _motivo_leitura(exc))
        return resultado
    faltando = [c for c in COLUNAS_OBRIGATORIAS if c not in cabecalho]
    if faltando:
        erro(
            1,
            ", ".join(faltando),
            ";".join(cabecalho)[:200],
            "coluna(s) obrigatória(s) ausente(s) no cabeçalho",
        )
        return resultado
    repetidas = sorted({c for c in cabecalho if cabecalho.count(c) > 1})
    if repetidas:
        erro(1, ", ".join(repetidas), "", "coluna repetida no cabeçalho")
        return resultado
    vistos: dict[str, int] = {}
    try:
        for campos in leitor:
            numero = leitor.line_num
            if not any(c.strip() for c in campos):
                continue
            resultado.linhas_lidas += 1
            if len(campos) != len(cabecalho):
                erro(
                    numero,
                    "",
                    ",".join(campos)[:200],
                    f"a linha tem {len(campos)} campo(s), o cabeçalho tem {len(cabecalho)}",
                )
                continue
            lido = _ler_linha(
                dict(zip(cabecalho, (c.strip() for c in campos), strict=True)),
                numero,
                uf=uf,
                codigo_uf=codigo_uf,
                erro=erro,
            )
            if lido is None:
                continue
            if lido.ibge7 in vistos:
                erro(
                    numero,
                    "codigo_ibge7",
                    lido.ibge7,
                    f"município repetido (já está na linha {vistos[lido.ibge7]})",
                )
                continue
            vistos[lido.ibge7] = numero
            resultado.municipios.append(lido)
    except (csv.Error, UnicodeDecodeError) as exc:
        erro(leitor.line_num + 1, "", "", _motivo_leitura(exc))
    return resultado


def _sem_nulos(linhas: Iterable[str]) -> Iterator[str]:
    # O csv do Python 3.11 aceita NUL calado; num CSV de texto ele só aparece em arquivo binário.
    for linha in linhas:
        if "\x00" in linha:
            raise csv.Error("line contains NUL")
        yield linha


def _motivo_leitura(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "o arquivo não está em UTF-8 (salve-o como CSV UTF-8)"
    if "NUL" in str(exc):
        return "o arquivo contém bytes nulos: não é um CSV de texto"
    return f"CSV malformado: {exc}"


def _ler_linha(
    valores: dict[str, str], numero: int, *, uf: str, codigo_uf: str, erro: _Coletor
) -> MunicipioLido | None:
    erros_antes = erro.resultado.total_erros
    ibge7 = valores["codigo_ibge7"]
    if not re.fullmatch(r"\d{7}", ibge7):
        erro(numero, "codigo_ibge7", ibge7, "o código IBGE deve ter 7 dígitos")
    elif ibge7[:2] != codigo_uf:
        erro(
            numero,
            "codigo_ibge7",
            ibge7,
            f"município de outra UF (código {ibge7[:2]}); esperado {codigo_uf} ({uf})",
        )
    elif int(ibge7[6]) != digito_verificador_ibge(ibge7[:6]):
        erro(
            numero,
            "codigo_ibge7",
            ibge7,
            f"dígito verificador inválido (o código {ibge7[:6]} termina em {digito_verificador_ibge(ibge7[:6])})",
        )
    ibge6 = valores.get("codigo_ibge6", "") or ibge7[:6]
    if ibge6 != ibge7[:6]:
        erro(numero, "codigo_ibge6", ibge6, f"não corresponde ao código de 7 dígitos {ibge7}")
    nome = valores["nome"]
    if not nome or len(nome) > 120:
        erro(numero, "nome", nome, "o nome deve ter de 1 a 120 caracteres")
    if valores["uf"].upper() != uf:
        erro(numero, "uf", valores["uf"], f"UF diferente de {uf}")
    capital = valores.get("capital", "0") or "0"
    if capital not in {"0", "1"}:
        erro(numero, "capital", capital, "use 1 (capital) ou 0")
    coordenadas = {
        c: _decimal(valores.get(c, ""), c, limite, numero, erro)
        for c, limite in (("latitude", 90), ("longitude", 180))
    }
    populacoes = []
    for coluna, texto in valores.items():
        if casamento := POPULACAO.match(coluna):
            if not texto:
                continue
            if not texto.isdigit():
                erro(numero, coluna, texto, "a população deve ser um número inteiro não negativo")
                continue
            base = f"{BASE_POPULACAO[casamento[1]]}_{casamento[2]}"
            populacoes.append(PopulacaoLida(base=base, ano=int(casamento[2]), habitantes=int(texto)))
    if erro.resultado.total_erros > erros_antes:
        return None
    return MunicipioLido(
        ibge7=ibge7,
        ibge6=ibge6,
        nome=nome,
        uf=uf,
        capital=capital == "1",
        latitude=coordenadas["latitude"],
        longitude=coordenadas["longitude"],
        populacoes=tuple(populacoes),
    )


def _decimal(texto: str, coluna: str, limite: int, numero: int, erro: _Coletor) -> Decimal | None:
    if not texto:
        return None
    try:
        valor = Decimal(texto.replace(",", "."))
    except InvalidOperation:
        erro(numero, coluna, texto, "deve ser um número decimal")
        return None
    if not valor.is_finite() or abs(valor) > limite:
        erro(numero, coluna, texto, f"fora do intervalo de -{limite} a {limite}")
        return None
    return valor.quantize(Decimal("0.000001"))
