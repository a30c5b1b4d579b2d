"""Universo nacional para benchmarks: 5 570 municípios e ≈8 600 CRAS.

Os 184 municípios e os CRAS do Ceará são os reais (os mesmos do conjunto do Ceará, com a mesma
semente); os das outras 26 UFs são sintéticos mas válidos: código da UF correto, quatro dígitos
sequenciais e dígito verificador do IBGE. Nomes e populações são inventados.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from services.ingestao.amostras.modelo import Cras, Municipio, porte_pela_populacao
from services.ingestao.amostras.universo import UniversoCeara, novo_identificador, sortear_perfil
from services.ingestao.referencias.municipios_csv import digito_verificador_ibge

TOTAL_CRAS = 8600
ANO_CENSO = 2023
# Código, sigla, número de municípios (IBGE) e coordenadas aproximadas da capital.
UFS = (
    ("11", "RO", 52, -8.76, -63.90), ("12", "AC", 22, -9.97, -67.81), ("13", "AM", 62, -3.12, -60.02),
    ("14", "RR", 15, 2.82, -60.67), ("15", "PA", 144, -1.46, -48.50), ("16", "AP", 16, 0.03, -51.07),
    ("17", "TO", 139, -10.18, -48.33), ("21", "MA", 217, -2.53, -44.30), ("22", "PI", 224, -5.09, -42.80),
    ("23", "CE", 184, -3.73, -38.53), ("24", "RN", 167, -5.79, -35.21), ("25", "PB", 223, -7.12, -34.86),
    ("26", "PE", 185, -8.05, -34.88), ("27", "AL", 102, -9.67, -35.74), ("28", "SE", 75, -10.91, -37.07),
    ("29", "BA", 417, -12.97, -38.51), ("31", "MG", 853, -19.92, -43.94), ("32", "ES", 78, -20.32, -40.34),
    ("33", "RJ", 92, -22.91, -43.17), ("35", "SP", 645, -23.55, -46.63), ("41", "PR", 399, -25.43, -49.27),
    ("42", "SC", 295, -27.59, -48.55), ("43", "RS", 497, -30.03, -51.23), ("50", "MS", 79, -20.44, -54.65),
    ("51", "MT", 141, -15.60, -56.10), ("52", "GO", 246, -16.69, -49.26), ("53", "DF", 1, -15.79, -47.88),
)  # fmt: skip
PREFIXOS = (
    "São José", "Santa Maria", "Nova", "Bom Jesus", "Santo Antônio", "Água Branca", "Serra", "Lagoa",
    "Porto", "Vila", "Campo", "Riacho", "Barra", "Santa Rita", "São Pedro", "Boa Vista", "Monte", "Pedra",
    "Palmeira", "Cachoeira", "Ribeirão", "Jardim", "São Francisco", "Santa Luzia", "Conceição", "Alto",
    "Vale", "Ponte", "Cruz", "Olho d'Água",
)  # fmt: skip
SUFIXOS = (
    "do Norte", "do Sul", "das Flores", "da Serra", "do Oeste", "dos Campos", "Verde", "Alegre", "Grande",
    "Bonita", "do Rio", "da Mata", "do Piauí", "Nova", "Velha", "dos Índios", "do Sertão", "da Prata",
    "Formosa", "Dourada", "do Leste", "das Pedras", "do Paraíso", "Preta", "Azul", "dos Bois", "da Barra",
    "de Minas", "do Campo", "Clara",
)  # fmt: skip


def municipios_nacionais(semente: int, ceara: UniversoCeara) -> list[Municipio]:
    rng = random.Random(f"{semente}:municipios-nacionais")
    municipios: list[Municipio] = []
    for codigo_uf, sigla, quantos, latitude, longitude in UFS:
        if sigla == "CE":
            municipios += ceara.municipios
            continue
        for posicao in range(quantos):
            ibge6 = f"{codigo_uf}{10 * (posicao + 1):04d}"
            capital = posicao == 0
            populacao = (
                int(rng.lognormvariate(13.8, 0.5))
                if capital
                else min(1_500_000, max(800, int(rng.lognormvariate(9.45, 1.05))))
            )
            deslocamento = 0.0 if capital else 2.5
            municipios.append(
                Municipio(
                    ibge7=f"{ibge6}{digito_verificador_ibge(ibge6)}",
                    nome=f"{rng.choice(PREFIXOS)} {rng.choice(SUFIXOS)}",
                    uf=sigla,
                    capital=capital,
                    populacao=populacao,
                    porte=porte_pela_populacao(populacao),
                    latitude=latitude + rng.uniform(-deslocamento, deslocamento),
                    longitude=longitude + rng.uniform(-deslocamento, deslocamento),
                )
            )
    return municipios


def cras_nacionais(semente: int, ceara: UniversoCeara, municipios: list[Municipio]) -> list[Cras]:
    """Um CRAS por município e o restante até o total nacional repartido pelo excedente de população."""
    rng = random.Random(f"{semente}:cras-nacionais")
    do_ceara = ceara.cras_do_ano(ANO_CENSO)
    outros = [m for m in municipios if m.uf != "CE"]
    pesos = [max(0, m.populacao - 15_000) ** 0.8 for m in outros]
    excedente = TOTAL_CRAS - len(do_ceara) - len(outros)
    cotas = [excedente * p / sum(pesos) for p in pesos]
    quantos = [math.floor(c) for c in cotas]
    # Maiores restos primeiro, para fechar o total exato.
    for posicao in sorted(range(len(outros)), key=lambda i: quantos[i] - cotas[i])[
        : excedente - sum(quantos)
    ]:
        quantos[posicao] += 1
    usados = set(ceara.identificadores)
    cras = list(do_ceara)
    for municipio, extras in zip(outros, quantos, strict=True):
        for ordem in range(1 + extras):
            nome = f"CRAS {municipio.nome.upper()}" + (f" {ordem + 1}" if extras else "")
            cras.append(
                Cras(
                    identificador=novo_identificador(rng, municipio.ibge6, usados),
                    municipio=municipio,
                    nome=nome,
                    implantacao=date(2005, 1, 1) + timedelta(days=rng.randrange(17 * 365)),
                    latitude=municipio.latitude + rng.uniform(-0.05, 0.05),
                    longitude=municipio.longitude + rng.uniform(-0.05, 0.05),
                    desde=2019,
                    perfil=sortear_perfil(rng, municipio, nome, 1 + extras),
                )
            )
    cras.sort(key=lambda c: c.identificador)
    return cras
