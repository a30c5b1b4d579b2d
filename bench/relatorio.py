"""Resultados como linhas de tabela e o documento `docs/benchmarks.md` que os apresenta."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.maquina import Maquina

CABECALHO = """# Benchmarks do SUAS-CE

> Gerado por `make bench` (pacote `bench/`). Não edite à mão: a próxima execução reescreve este arquivo.
> Os números valem para a máquina e a data abaixo; compare execuções na mesma máquina.
"""


@dataclass(frozen=True)
class Linha:
    """Uma medida. `meta` e `atingida` ficam vazias quando a medida é só informativa."""

    medida: str
    valor: str
    meta: str = ""
    atingida: bool | None = None


@dataclass
class Resultado:
    """O que um benchmark devolve: como mediu (com os parâmetros usados), as medidas e observações."""

    metodo: str
    linhas: list[Linha] = field(default_factory=list)
    notas: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Secao:
    """Um benchmark no documento. O título é estável: outras execuções e links dependem dele."""

    titulo: str
    resultado: Resultado | None
    falhou: str = ""  # por que o benchmark não terminou

    @property
    def linhas(self) -> list[Linha]:
        return self.resultado.linhas if self.resultado else []


def numero(valor: float, casas: int = 0) -> str:
    """Número à brasileira: espaço fino nos milhares, vírgula decimal (5 000; 12,5)."""
    texto = f"{valor:,.{casas}f}"
    return texto.replace(",", "\u202f").replace(".", ",")


def ms(segundos: float) -> str:
    milissegundos = segundos * 1000
    return f"{numero(milissegundos, 1 if abs(milissegundos) < 100 else 0)} ms"


def _marca(atingida: bool | None) -> str:
    return "" if atingida is None else ("✔" if atingida else "✘")


def _tabela(linhas: Sequence[Linha]) -> list[str]:
    saida = ["| Medida | Resultado | Meta | Atingida |", "|---|---:|---|:---:|"]
    saida += [f"| {x.medida} | {x.valor} | {x.meta} | {_marca(x.atingida)} |" for x in linhas]
    return saida


def documento(maquina: Maquina, secoes: Sequence[Secao], *, comando: str) -> str:
    partes = [CABECALHO, "## Execução", ""]
    partes += [
        f"- **Data (UTC):** {maquina.data:%Y-%m-%d %H:%M:%S}",
        f"- **Núcleos (`nproc`):** {maquina.nucleos}",
        f"- **CPU:** {maquina.cpu}",
        f"- **Memória:** {maquina.memoria}",
        f"- **Python:** {maquina.python}",
        f"- **Plataforma:** {maquina.plataforma}",
        f"- **Carga no início (loadavg 1 / 5 / 15 min):** {maquina.carga}",
        f"- **Comando:** `{comando}`",
        "",
        "## Metas",
        "",
    ]
    metas = [(s, linha) for s in secoes for linha in s.linhas if linha.meta]
    if metas:
        partes += ["| Seção | Medida | Resultado | Meta | Atingida |", "|---|---|---:|---|:---:|"]
        partes += [
            f"| {s.titulo} | {linha.medida} | {linha.valor} | {linha.meta} | {_marca(linha.atingida)} |"
            for s, linha in metas
        ]
    else:
        partes.append("Nenhuma medida com meta nesta execução.")
    falhas = [s for s in secoes if s.falhou]
    if falhas:
        partes += ["", *(f"- ✘ **{s.titulo}** não terminou: {s.falhou}" for s in falhas)]
    for secao in secoes:
        partes += ["", f"## {secao.titulo}", ""]
        if secao.falhou:
            partes += [f"✘ O benchmark não terminou: {secao.falhou}", ""]
        if secao.resultado is None:
            continue
        partes += ["### Como foi medido", "", secao.resultado.metodo.strip(), "", "### Resultados", ""]
        partes += [*_tabela(secao.linhas), ""]
        if secao.resultado.notas:
            partes += ["### Notas", "", *(f"- {nota}" for nota in secao.resultado.notas), ""]
    return "\n".join(partes).rstrip() + "\n"


def gravar(caminho: Path, texto: str) -> None:
    caminho.parent.mkdir(parents=True, exist_ok=True)
    temporario = caminho.with_suffix(".md.tmp")
    temporario.write_text(texto, encoding="utf-8")
    temporario.replace(caminho)  # não deixa o documento pela metade se a escrita falhar


def resumo(maquina: Maquina, secoes: Sequence[Secao]) -> str:
    linhas = [f"bench {maquina.data:%Y-%m-%d %H:%M} UTC — {maquina.nucleos} núcleo(s), {maquina.cpu}"]
    for secao in secoes:
        linhas.append(f"\n{secao.titulo}" + (f"  [FALHOU: {secao.falhou}]" if secao.falhou else ""))
        largura = max((len(linha.medida) for linha in secao.linhas), default=0)
        for linha in secao.linhas:
            meta = f"  (meta {linha.meta} {_marca(linha.atingida)})" if linha.meta else ""
            linhas.append(f"  {linha.medida:<{largura}}  {linha.valor}{meta}")
        if secao.resultado:
            linhas += [f"  · {nota}" for nota in secao.resultado.notas]
    return "\n".join(linhas)
