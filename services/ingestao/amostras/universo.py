"""As unidades do Ceará: os 184 municípios e os 393 CRAS reais de 2019, mais CRAS novos a partir de 2022.

Cada CRAS recebe um perfil sorteado uma única vez (capacidade, qualidade latente, escala de
atendimento, perfil etário do SCFV), de modo que Censo, RH, IDCRAS, RMA e SISC contem a mesma
história ano após ano.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from services.ingestao.amostras.modelo import CODIGO_PORTE, Cras, Municipio, PerfilCras
from shared.settings import RAIZ_PROJETO

PASTA_REFERENCIAS = RAIZ_PROJETO / "data" / "referencias"
ARQUIVO_MUNICIPIOS = PASTA_REFERENCIAS / "ce_municipios.csv"
ARQUIVO_CRAS_2019 = PASTA_REFERENCIAS / "ce_cras_2019.csv"

# Unidades entregues depois do cadastro de 2019 (o estado passou de 400 CRAS em 2023–2024).
NOVOS_CRAS_2022 = 8
NOVOS_CRAS_2023 = 7
NOMES_NOVOS_CRAS = (
    "CRAS NOVO HORIZONTE",
    "CRAS BOA VISTA",
    "CRAS PLANALTO",
    "CRAS NOVA ESPERANÇA",
    "CRAS JARDIM DAS OLIVEIRAS",
    "CRAS SÃO FRANCISCO",
    "CRAS VILA UNIÃO",
    "CRAS PARQUE SÃO JOSÉ",
    "CRAS ALTO ALEGRE",
    "CRAS SANTA LUZIA",
    "CRAS CONJUNTO ESPERANÇA",
    "CRAS LAGOA SECA",
    "CRAS MUTIRÃO",
    "CRAS BOM JARDIM II",
    "CRAS DIVINO ESPÍRITO SANTO",
)


@dataclass(frozen=True, slots=True)
class UniversoCeara:
    municipios: list[Municipio]
    cras: list[Cras]
    # Identificadores já em uso; as outras unidades (CREAS, acolhimento…) entram aqui ao serem criadas.
    identificadores: set[str]

    def cras_do_ano(self, ano: int) -> list[Cras]:
        return [c for c in self.cras if c.desde <= ano]


def ler_municipios_ce(caminho: Path = ARQUIVO_MUNICIPIOS) -> list[Municipio]:
    with caminho.open(encoding="utf-8", newline="") as arquivo:
        return [
            Municipio(
                ibge7=linha["codigo_ibge7"],
                nome=linha["nome"],
                uf=linha["uf"],
                capital=linha["capital"] == "1",
                populacao=int(linha["pop_censo_2022"]),
                porte=CODIGO_PORTE[linha["porte_pnas_censo2022"]],
                latitude=float(linha["latitude"]),
                longitude=float(linha["longitude"]),
            )
            for linha in csv.DictReader(arquivo)
        ]


def montar_ceara(semente: int) -> UniversoCeara:
    municipios = ler_municipios_ce()
    por_ibge7 = {m.ibge7: m for m in municipios}
    rng = random.Random(f"{semente}:universo")
    with ARQUIVO_CRAS_2019.open(encoding="utf-8", newline="") as arquivo:
        registro = list(csv.DictReader(arquivo))
    quantos = {m.ibge7: 0 for m in municipios}
    for linha in registro:
        quantos[linha["codigo_ibge7"]] += 1
    cras = [
        Cras(
            identificador=linha["id_cras"],
            municipio=por_ibge7[linha["codigo_ibge7"]],
            nome=linha["nome_cras"],
            implantacao=datetime.strptime(linha["data_implantacao"], "%d/%m/%Y").date(),
            latitude=float(linha["latitude"]),
            longitude=float(linha["longitude"]),
            desde=2019,
            perfil=sortear_perfil(
                rng, por_ibge7[linha["codigo_ibge7"]], linha["nome_cras"], quantos[linha["codigo_ibge7"]]
            ),
        )
        for linha in registro
    ]
    identificadores = {c.identificador for c in cras}
    grandes = [m for m in municipios if m.porte >= 3]
    escolhidos = rng.choices(grandes, weights=[m.populacao**0.75 for m in grandes], k=len(NOMES_NOVOS_CRAS))
    for posicao, (municipio, nome) in enumerate(zip(escolhidos, NOMES_NOVOS_CRAS, strict=True)):
        desde = 2022 if posicao < NOVOS_CRAS_2022 else 2023
        cras.append(
            Cras(
                identificador=novo_identificador(rng, municipio.ibge6, identificadores),
                municipio=municipio,
                nome=nome,
                implantacao=date(desde - 1, 9, 1) + timedelta(days=rng.randrange(120)),
                latitude=municipio.latitude + rng.uniform(-0.03, 0.03),
                longitude=municipio.longitude + rng.uniform(-0.03, 0.03),
                desde=desde,
                perfil=sortear_perfil(rng, municipio, nome, quantos[municipio.ibge7] + 1),
            )
        )
    cras.sort(key=lambda c: c.identificador)
    return UniversoCeara(municipios=municipios, cras=cras, identificadores=identificadores)


def novo_identificador(rng: random.Random, ibge6: str, usados: set[str]) -> str:
    """11 dígitos com o IBGE6 do município na frente, como o CadSUAS numera as unidades."""
    while True:
        candidato = f"{ibge6}{rng.randrange(1, 100_000):05d}"
        if candidato not in usados:
            usados.add(candidato)
            return candidato


def sortear_perfil(rng: random.Random, municipio: Municipio, nome: str, cras_no_municipio: int) -> PerfilCras:
    capacidade = min(municipio.porte, 3)
    if rng.random() < 0.15:
        capacidade = min(3, max(1, capacidade + rng.choice((-1, 1))))
    escala = {1: 1.0, 2: 1.4, 3: 2.0}[capacidade] * rng.lognormvariate(0, 0.25)
    pesos = [rng.gammavariate(alfa, 1) for alfa in (1.2, 3.0, 1.5, 1.6, 2.6)]
    soma = sum(pesos)
    return PerfilCras(
        qualidade=rng.gauss(0, 1),
        efeito_estrutura=rng.gauss(0, 0.5),
        efeito_rh=rng.gauss(0, 0.5),
        efeito_servicos=rng.gauss(0, 0.5),
        localizacao=_localizacao(rng, municipio, nome, cras_no_municipio),
        capacidade=capacidade,
        dias_semana=rng.choices((5, 6, 4, 7), weights=(88, 5, 4, 3))[0],
        horas_dia=rng.choices((8, 9, 10, 6, 12), weights=(75, 8, 5, 7, 5))[0],
        compartilhado=1 if rng.random() < 0.25 else 2,
        escala=escala,
        scfv_total=90 * escala**0.7 * rng.lognormvariate(0, 0.45),
        scfv_pesos=(pesos[0] / soma, pesos[1] / soma, pesos[2] / soma, pesos[3] / soma, pesos[4] / soma),
        nome_entre_aspas="'" not in nome and rng.random() < 0.08,
    )


def _localizacao(rng: random.Random, municipio: Municipio, nome: str, cras_no_municipio: int) -> int:
    """1 urbano central, 2 urbano periférico, 3 rural (q1); o nome declarado decide quando é explícito."""
    maiusculo = nome.upper()
    if "RURAL" in maiusculo or "INDÍGENA" in maiusculo:
        return 3
    if "SEDE" in maiusculo:
        return 1
    if cras_no_municipio == 1:
        return 1 if rng.random() < 0.8 else 2
    pesos = (2, 3, 5) if municipio.porte <= 2 else (2, 7, 1)
    return rng.choices((1, 2, 3), weights=pesos)[0]
