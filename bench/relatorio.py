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
    ]
    partes += _metas(
        [linha for s in secoes for linha in _linhas_de_metas(s)], [_falha(s) for s in secoes if s.falhou]
    )
    for secao in secoes:
        partes += ["", f"## {secao.titulo}", "", *_corpo(secao)]
    return "\n".join(partes).rstrip() + "\n"


def atualizar(anterior: str, maquina: Maquina, secoes: Sequence[Secao], *, comando: str) -> str:
    """Refaz num documento já gerado só as seções medidas agora e as linhas delas nas metas; o resto,
    inclusive a execução descrita no topo, fica como estava. Cada seção refeita diz quando e como foi medida."""
    refeitas = {s.titulo: s for s in secoes}
    aviso = (
        f"> Seção medida à parte em {maquina.data:%Y-%m-%d %H:%M:%S} UTC, com `{comando}` "
        f"({maquina.nucleos} núcleos, {maquina.cpu}; carga no início {maquina.carga}). "
        "O resto do documento é da execução descrita no topo."
    )
    partes: list[str] = []
    for titulo, linhas in _blocos(anterior):
        if titulo == "Metas":
            partes += _metas_atualizadas(linhas, secoes)
        elif titulo in refeitas:
            partes += [f"## {titulo}", "", aviso, "", *_corpo(refeitas.pop(titulo)), ""]
        else:
            partes += linhas
    for secao in refeitas.values():  # benchmark que o documento ainda não tinha
        partes += ["", f"## {secao.titulo}", "", aviso, "", *_corpo(secao)]
    return "\n".join(partes).rstrip() + "\n"


def _linhas_de_metas(secao: Secao) -> list[str]:
    return [
        f"| {secao.titulo} | {linha.medida} | {linha.valor} | {linha.meta} | {_marca(linha.atingida)} |"
        for linha in secao.linhas
        if linha.meta
    ]


def _falha(secao: Secao) -> str:
    return f"- ✘ **{secao.titulo}** não terminou: {secao.falhou}"


def _metas(linhas: list[str], falhas: list[str]) -> list[str]:
    partes = ["## Metas", ""]
    if linhas:
        partes += ["| Seção | Medida | Resultado | Meta | Atingida |", "|---|---|---:|---|:---:|", *linhas]
    else:
        partes.append("Nenhuma medida com meta nesta execução.")
    if falhas:
        partes += ["", *falhas]
    return partes


def _corpo(secao: Secao) -> list[str]:
    """A seção sem o título: por que não terminou, como foi medido, resultados e notas."""
    partes = []
    if secao.falhou:
        partes += [f"✘ O benchmark não terminou: {secao.falhou}", ""]
    if secao.resultado is None:
        return partes
    partes += ["### Como foi medido", "", secao.resultado.metodo.strip(), "", "### Resultados", ""]
    partes += [*_tabela(secao.linhas), ""]
    if secao.resultado.notas:
        partes += ["### Notas", "", *(f"- {nota}" for nota in secao.resultado.notas), ""]
    return partes


def _blocos(texto: str) -> list[tuple[str | None, list[str]]]:
    """O documento em blocos que começam em cada título `## `; o primeiro (sem título) é o cabeçalho."""
    blocos: list[tuple[str | None, list[str]]] = [(None, [])]
    for linha in texto.rstrip("\n").split("\n"):
        if linha.startswith("## "):
            blocos.append((linha.removeprefix("## ").strip(), []))
        blocos[-1][1].append(linha)
    return blocos


def _metas_atualizadas(linhas: list[str], secoes: Sequence[Secao]) -> list[str]:
    """As linhas das seções refeitas entram no lugar das antigas, na mesma posição da tabela."""
    titulos = tuple(f"| {s.titulo} |" for s in secoes)
    falhas_refeitas = tuple(f"- ✘ **{s.titulo}** " for s in secoes)
    antigas = [linha for linha in linhas if linha.startswith("| ")][1:]  # sem o cabeçalho da tabela
    posicao = next((i for i, linha in enumerate(antigas) if linha.startswith(titulos)), len(antigas))
    mantidas = [linha for linha in antigas if not linha.startswith(titulos)]
    novas = [linha for s in secoes for linha in _linhas_de_metas(s)]
    falhas = [
        linha for linha in linhas if linha.startswith("- ✘ **") and not linha.startswith(falhas_refeitas)
    ]
    falhas += [_falha(s) for s in secoes if s.falhou]
    return [*_metas(mantidas[:posicao] + novas + mantidas[posicao:], falhas), ""]


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


def segundos(valor: float) -> str:
    """Abaixo de 1 s em ms; acima, em segundos com 2 casas."""
    return ms(valor) if valor < 1 else f"{numero(valor, 2)} s"
