"""Arquivos do Censo SUAS: CRAS (dados gerais e RH), CREAS, Centro Pop, acolhimento e conselhos.

Como o MDS publica: `;`, Windows-1252, decimal com vírgula, alguns textos entre aspas simples e
colunas a mais que a ingestão ignora. Edições até 2021 usam os nomes de 2019 (`IBGE`, `q0_1`, `q56_*`);
de 2022 em diante, `IBGE7`, `q01`, `q65_*`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from services.ingestao.amostras.equipes import Pesos, Trabalhador, sortear
from services.ingestao.amostras.escrita import Valor, decimal_br, escrever_csv
from services.ingestao.amostras.modelo import PORTES, Cras, Municipio
from services.ingestao.amostras.universo import novo_identificador

CABECALHO_CRAS_2019 = (
    "IBGE", "NU_IDENTIFICADOR", "q0_1", "q0_9", "q0_10", "q0_15", "q1", "q2", "q3_1", "q3_2",
    "Latitude", "Longitude", "q4", "Regiao", "DataCenso",
)  # fmt: skip
CABECALHO_CRAS_2022 = (
    "IBGE7", "NU_IDENTIFICADOR", "q01", "q09", "q010", "q015", "q1", "q2", "q3_1", "q3_2",
    "Latitude", "Longitude", "q4", "Regiao", "Pop_total_2022", "Porte_pop2022",
)  # fmt: skip
# Sufixos do bloco RH: sexo, escolaridade, profissão, vínculo, função, carga horária, serviço principal.
CAMPOS_RH = ("3", "9", "10", "11", "12", "13", "15")
CABECALHO_CREAS = ("NU_IDENTIFICADOR", "IBGE", "IBGE7", "q01", "q09", "oferta_paefi")
CABECALHO_CENTRO_POP = ("NU_IDENTIFICADOR", "IBGE", "IBGE7", "q01", "q09")
CABECALHO_ACOLHIMENTO = (
    "NU_IDENTIFICADOR",
    "IBGE",
    "IBGE7",
    "q01",
    "q09",
    "tipo_unidade",
    "publico",
    "capacidade",
)
CONSELHOS = ("cmas", "cmdca", "conselho_tutelar", "conselho_idoso", "conselho_mulher", "conselho_pcd")
CABECALHO_CONSELHOS = ("IBGE", "IBGE7", "Municipio", *CONSELHOS)

# Situação de cada conselho (2 instituído e em funcionamento, 1 só instituído, 0 não instituído).
SITUACAO_CONSELHOS: tuple[Pesos, ...] = (
    ((2, 96), (1, 4)),
    ((2, 95), (1, 5)),
    ((2, 97), (1, 3)),
    ((2, 70), (1, 15), (0, 15)),
    ((2, 35), (1, 15), (0, 50)),
    ((2, 25), (1, 15), (0, 60)),
)
TOTAL_CREAS_CE = 113
NOVOS_CREAS_2023 = 2
TOTAL_ACOLHIMENTO_CE = 120
NOVAS_UNIDADES_ACOLHIMENTO_2023 = 5
# Público (1 crianças e adolescentes, 2 adultos e famílias, 3 idosos, 4 mulheres, 5 pessoas com
# deficiência) e a faixa de vagas típica de cada modalidade institucional.
PUBLICOS: Pesos = ((1, 55), (2, 15), (3, 15), (4, 8), (5, 7))
VAGAS = {1: (10, 20), 2: (20, 40), 3: (15, 40), 4: (10, 25), 5: (6, 10)}
NOMES_ACOLHIMENTO = {
    1: "UNIDADE DE ACOLHIMENTO INSTITUCIONAL PARA CRIANÇAS E ADOLESCENTES",
    2: "CASA DE PASSAGEM",
    3: "INSTITUIÇÃO DE LONGA PERMANÊNCIA PARA IDOSOS",
    4: "CASA ABRIGO PARA MULHERES",
    5: "RESIDÊNCIA INCLUSIVA",
}


@dataclass(frozen=True, slots=True)
class Unidade:
    """Unidade da proteção especial; `extras` são as colunas próprias do tipo, na ordem do cabeçalho."""

    identificador: str
    municipio: Municipio
    nome: str
    desde: int
    extras: tuple[int, ...] = ()


def entre_aspas(texto: str) -> str:
    return f"'{texto}'"


def romano(numero: int) -> str:
    simbolos = ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    resultado = ""
    for valor, simbolo in simbolos:
        while numero >= valor:
            resultado += simbolo
            numero -= valor
    return resultado


def _nome_com_ordem(base: str, ordem: int) -> str:
    return base if ordem == 0 else f"{base} {romano(ordem + 1)}"


def escrever_censo_cras(caminho: Path, cras: Sequence[Cras], ano: int) -> int:
    def linhas() -> Iterator[list[Valor]]:
        for unidade in cras:
            municipio, perfil = unidade.municipio, unidade.perfil
            nome = entre_aspas(unidade.nome) if perfil.nome_entre_aspas else unidade.nome
            comuns: list[Valor] = [
                entre_aspas(municipio.nome.upper()),
                municipio.uf,
                unidade.implantacao.strftime("%d/%m/%Y"),
                perfil.localizacao,
                perfil.capacidade,
                perfil.dias_semana,
                perfil.horas_dia,
                decimal_br(unidade.latitude, 7),
                decimal_br(unidade.longitude, 7),
                perfil.compartilhado,
                municipio.regiao,
            ]
            if ano <= 2021:
                yield [municipio.ibge6, unidade.identificador, nome, *comuns, f"31.08.{ano}"]
            else:
                yield [
                    municipio.ibge7,
                    unidade.identificador,
                    nome,
                    *comuns,
                    municipio.populacao,
                    PORTES[municipio.porte],
                ]

    return escrever_csv(caminho, CABECALHO_CRAS_2019 if ano <= 2021 else CABECALHO_CRAS_2022, linhas())


def escrever_censo_rh(
    caminho: Path, cras: Sequence[Cras], equipes: dict[str, list[Trabalhador]], ano: int
) -> int:
    bloco = "q56" if ano <= 2021 else "q65"
    pessoais = ("NOME_TRABALHADOR", "CPF", "DATA_NASCIMENTO")
    municipio_cols = ("IBGE",) if ano <= 2021 else ("IBGE", "IBGE7")
    cabecalho = ("NU_IDENTIFICADOR", *municipio_cols, *pessoais, *(f"{bloco}_{c}" for c in CAMPOS_RH))

    def linhas() -> Iterator[list[Valor]]:
        for unidade in cras:
            municipio = unidade.municipio
            codigos = [municipio.ibge6] if ano <= 2021 else [municipio.ibge6, municipio.ibge7]
            for t in equipes[unidade.identificador]:
                yield [
                    unidade.identificador,
                    *codigos,
                    t.pessoa.nome,
                    t.pessoa.cpf,
                    t.pessoa.nascimento.strftime("%d/%m/%Y"),
                    t.pessoa.sexo,
                    t.escolaridade,
                    t.profissao,
                    t.vinculo,
                    t.funcao,
                    t.carga,
                    t.servico,
                ]

    return escrever_csv(caminho, cabecalho, linhas())


def planejar_creas(rng: random.Random, municipios: Sequence[Municipio], usados: set[str]) -> list[Unidade]:
    """Um CREAS em cada município a partir de Pequeno II, mais nos maiores e em alguns Pequeno I."""
    quantos = {m.ibge7: int(m.porte >= 2) for m in municipios}
    for municipio in municipios:
        if municipio.porte == 5:
            quantos[municipio.ibge7] += 5
        elif municipio.populacao > 200_000:
            quantos[municipio.ibge7] += 1
    pequenos = [m for m in municipios if m.porte == 1]
    while sum(quantos.values()) < TOTAL_CREAS_CE:
        quantos[rng.choices(pequenos, weights=[m.populacao for m in pequenos])[0].ibge7] = 1
    unidades = []
    for municipio in municipios:
        for ordem in range(quantos[municipio.ibge7]):
            unidades.append(
                Unidade(
                    identificador=novo_identificador(rng, municipio.ibge6, usados),
                    municipio=municipio,
                    nome=_nome_com_ordem(f"CREAS {municipio.nome.upper()}", ordem),
                    desde=2022,
                    extras=(1 if rng.random() < 0.96 else 2,),
                )
            )
    return _alguns_novos(rng, unidades, NOVOS_CREAS_2023)


def planejar_centros_pop(
    rng: random.Random, municipios: Sequence[Municipio], usados: set[str]
) -> list[Unidade]:
    """Centro Pop só onde há população de rua em escala: municípios grandes e alguns médios."""
    unidades = []
    for municipio in municipios:
        quantos = 3 if municipio.porte == 5 else int(municipio.porte == 4)
        if municipio.porte == 3 and municipio.populacao > 80_000 and rng.random() < 0.5:
            quantos = 1
        unidades += [
            Unidade(
                identificador=novo_identificador(rng, municipio.ibge6, usados),
                municipio=municipio,
                nome=_nome_com_ordem(f"CENTRO POP {municipio.nome.upper()}", ordem),
                desde=2022,
            )
            for ordem in range(quantos)
        ]
    return unidades


def planejar_acolhimento(
    rng: random.Random, municipios: Sequence[Municipio], usados: set[str]
) -> list[Unidade]:
    """Cerca de 120 unidades, concentradas em Fortaleza e nos municípios grandes e médios."""
    quantos = {m.ibge7: 0 for m in municipios}
    for municipio in municipios:
        quantos[municipio.ibge7] = {5: 30, 4: rng.randint(3, 5), 3: rng.randint(1, 2)}.get(municipio.porte, 0)
    menores = [m for m in municipios if m.porte == 2]
    faltam = TOTAL_ACOLHIMENTO_CE - sum(quantos.values())
    for municipio in rng.choices(menores, weights=[m.populacao for m in menores], k=max(0, faltam)):
        quantos[municipio.ibge7] += 1
    unidades = []
    for municipio in municipios:
        ordens = {publico: 0 for publico, _ in PUBLICOS}
        for _ in range(quantos[municipio.ibge7]):
            familia_acolhedora = rng.random() < 0.15
            publico = 1 if familia_acolhedora else sortear(rng, PUBLICOS)
            if familia_acolhedora:
                vagas, base = rng.randint(5, 15), "SERVIÇO DE ACOLHIMENTO EM FAMÍLIA ACOLHEDORA"
            else:
                minimo, maximo = VAGAS[publico]
                vagas = (
                    rng.randint(6, 9) if publico == 1 and rng.random() < 0.1 else rng.randint(minimo, maximo)
                )
                base = NOMES_ACOLHIMENTO[publico]
            nome = _nome_com_ordem(f"{base} {municipio.nome.upper()}", ordens[publico])
            ordens[publico] += 1
            unidades.append(
                Unidade(
                    identificador=novo_identificador(rng, municipio.ibge6, usados),
                    municipio=municipio,
                    nome=nome,
                    desde=2022,
                    extras=(2 if familia_acolhedora else 1, publico, vagas),
                )
            )
    return _alguns_novos(rng, unidades, NOVAS_UNIDADES_ACOLHIMENTO_2023)


def _alguns_novos(rng: random.Random, unidades: list[Unidade], quantos: int) -> list[Unidade]:
    """Marca `quantos` unidades como abertas em 2023 (ausentes do Censo 2022)."""
    novas = set(rng.sample(range(len(unidades)), quantos))
    return [
        Unidade(u.identificador, u.municipio, u.nome, 2023, u.extras) if i in novas else u
        for i, u in enumerate(unidades)
    ]


def escrever_unidades(caminho: Path, cabecalho: Sequence[str], unidades: Sequence[Unidade], ano: int) -> int:
    return escrever_csv(
        caminho,
        cabecalho,
        (
            [
                u.identificador,
                u.municipio.ibge6,
                u.municipio.ibge7,
                u.nome,
                entre_aspas(u.municipio.nome.upper()),
                *u.extras,
            ]
            for u in unidades
            if u.desde <= ano
        ),
    )


def sortear_conselhos(
    rng: random.Random, municipios: Sequence[Municipio], anos: Sequence[int]
) -> dict[int, dict[str, tuple[int, ...]]]:
    """Situação dos conselhos por ano: os maiores municípios têm mais; alguns avançam no ano seguinte."""
    situacao: dict[int, dict[str, tuple[int, ...]]] = {}
    anterior: dict[str, tuple[int, ...]] = {}
    for ano in sorted(anos):
        situacao[ano] = {}
        for municipio in municipios:
            if municipio.ibge7 in anterior:
                atual = tuple(
                    min(2, v + 1) if v < 2 and rng.random() < 0.15 else v for v in anterior[municipio.ibge7]
                )
            else:
                atual = tuple(
                    sortear(
                        rng, tuple((v, p * (2 if v == 2 and municipio.porte >= 3 else 1)) for v, p in pesos)
                    )
                    for pesos in SITUACAO_CONSELHOS
                )
            situacao[ano][municipio.ibge7] = atual
        anterior = situacao[ano]
    return situacao


def escrever_conselhos(
    caminho: Path, municipios: Sequence[Municipio], situacao: dict[str, tuple[int, ...]]
) -> int:
    return escrever_csv(
        caminho,
        CABECALHO_CONSELHOS,
        ([m.ibge6, m.ibge7, entre_aspas(m.nome.upper()), *situacao[m.ibge7]] for m in municipios),
    )
