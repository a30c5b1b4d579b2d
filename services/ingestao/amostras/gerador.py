"""Orquestra a geração: um arquivo por tipo e período, devolvidos na ordem em que devem ser carregados."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from services.ingestao.amostras import censo
from services.ingestao.amostras.atendimentos import escrever_rma, escrever_sisc
from services.ingestao.amostras.equipes import montar_equipes
from services.ingestao.amostras.escrita import escrever_csv
from services.ingestao.amostras.idcras import calcular_niveis, escrever_idcras_csv, escrever_idcras_xlsx
from services.ingestao.amostras.modelo import ArquivoGerado, Municipio
from services.ingestao.amostras.municipais import escrever_indicadores, escrever_saldos, vulnerabilidades
from services.ingestao.amostras.nacional import ANO_CENSO, cras_nacionais, municipios_nacionais
from services.ingestao.amostras.universo import montar_ceara

ANOS = (2020, 2021, 2022, 2023)
ANOS_PROTECAO_ESPECIAL = (2022, 2023)
ANO_SALDOS = 2023
ANO_IDCRAS_CSV = 2022  # também em CSV, para exercitar esse caminho do importador
CABECALHO_MUNICIPIOS = (
    "codigo_ibge7", "codigo_ibge6", "nome", "uf", "codigo_uf", "capital", "latitude", "longitude",
    "pop_censo_2022",
)  # fmt: skip


class _Saida:
    def __init__(self, destino: Path) -> None:
        destino.mkdir(parents=True, exist_ok=True)
        self.destino = destino
        self.arquivos: list[ArquivoGerado] = []

    def caminho(self, nome: str) -> Path:
        return self.destino / nome

    def registrar(self, tipo: str, ano: int | None, caminho: Path, linhas: int, descricao: str) -> None:
        self.arquivos.append(ArquivoGerado(tipo, ano, None, caminho, linhas, descricao))


def gerar_ceara(destino: Path, *, semente: int = 2026) -> list[ArquivoGerado]:
    """Conjunto completo do Ceará (2020–2023) em `destino`; a mesma semente dá os mesmos bytes."""
    universo = montar_ceara(semente)
    municipios = universo.municipios
    cras_por_ano = {ano: universo.cras_do_ano(ano) for ano in ANOS}
    equipes = montar_equipes(cras_por_ano, semente)
    saida = _Saida(destino)

    for ano in ANOS:
        cras = cras_por_ano[ano]
        edicao = "nomes de 2019: IBGE, q0_1" if ano <= 2021 else "nomes de 2022: IBGE7, q01"
        caminho = saida.caminho(f"censo_cras_{ano}.csv")
        saida.registrar(
            "censo_cras",
            ano,
            caminho,
            censo.escrever_censo_cras(caminho, cras, ano),
            f"Censo SUAS {ano}, CRAS, dados gerais ({len(cras)} unidades; {edicao})",
        )
        caminho = saida.caminho(f"censo_cras_rh_{ano}.csv")
        saida.registrar(
            "censo_cras_rh",
            ano,
            caminho,
            censo.escrever_censo_rh(caminho, cras, equipes[ano], ano),
            f"Censo SUAS {ano}, CRAS, RH: um trabalhador por linha, com colunas pessoais fictícias",
        )

    rng = random.Random(f"{semente}:protecao-especial")
    creas = censo.planejar_creas(rng, municipios, universo.identificadores)
    centros_pop = censo.planejar_centros_pop(rng, municipios, universo.identificadores)
    acolhimento = censo.planejar_acolhimento(rng, municipios, universo.identificadores)
    conselhos = censo.sortear_conselhos(rng, municipios, ANOS_PROTECAO_ESPECIAL)
    for ano in ANOS_PROTECAO_ESPECIAL:
        for tipo, cabecalho, unidades, rotulo in (
            ("censo_creas", censo.CABECALHO_CREAS, creas, "CREAS"),
            ("censo_centro_pop", censo.CABECALHO_CENTRO_POP, centros_pop, "Centro Pop"),
            ("censo_acolhimento", censo.CABECALHO_ACOLHIMENTO, acolhimento, "unidades de acolhimento"),
        ):
            caminho = saida.caminho(f"{tipo}_{ano}.csv")
            saida.registrar(
                tipo,
                ano,
                caminho,
                censo.escrever_unidades(caminho, cabecalho, unidades, ano),
                f"Censo SUAS {ano}, {rotulo}",
            )
        caminho = saida.caminho(f"censo_conselhos_{ano}.csv")
        saida.registrar(
            "censo_conselhos",
            ano,
            caminho,
            censo.escrever_conselhos(caminho, municipios, conselhos[ano]),
            f"Censo SUAS {ano}, situação de seis conselhos em cada município",
        )

    niveis = calcular_niveis(cras_por_ano, equipes, semente)
    for ano in ANOS:
        caminho = saida.caminho(f"idcras_{ano}.xlsx")
        saida.registrar(
            "idcras",
            ano,
            caminho,
            escrever_idcras_xlsx(caminho, cras_por_ano[ano], niveis[ano], ano),
            f"IDCRAS {ano}, planilha com o cabeçalho na linha 7",
        )
        if ano == ANO_IDCRAS_CSV:
            caminho = saida.caminho(f"idcras_{ano}.csv")
            saida.registrar(
                "idcras",
                ano,
                caminho,
                escrever_idcras_csv(caminho, cras_por_ano[ano], niveis[ano], ano),
                f"IDCRAS {ano}, a mesma tabela em CSV",
            )

    for ano in ANOS:
        caminho = saida.caminho(f"rma_cras_{ano}.csv")
        saida.registrar(
            "rma_cras",
            ano,
            caminho,
            escrever_rma(caminho, cras_por_ano[ano], ano, semente),
            f"RMA CRAS {ano}, 12 meses",
        )
    for ano in ANOS_PROTECAO_ESPECIAL:
        caminho = saida.caminho(f"sisc_{ano}.csv")
        saida.registrar(
            "sisc",
            ano,
            caminho,
            escrever_sisc(caminho, cras_por_ano[ano], ano, semente),
            f"SISC {ano}, trimestral (meses 3, 6, 9 e 12), seis faixas etárias",
        )

    vulnerabilidade = vulnerabilidades(municipios, semente)
    for ano in ANOS_PROTECAO_ESPECIAL:
        caminho = saida.caminho(f"indicadores_{ano}.csv")
        saida.registrar(
            "indicadores",
            ano,
            caminho,
            escrever_indicadores(caminho, municipios, vulnerabilidade, ano, semente),
            f"indicadores municipais {ano} (ivmc, cemaris, ruptura de vínculos, demanda por serviços)",
        )
    caminho = saida.caminho(f"saldos_{ANO_SALDOS}.csv")
    saida.registrar(
        "saldos",
        ANO_SALDOS,
        caminho,
        escrever_saldos(
            caminho,
            municipios,
            cras_por_municipio=Counter(c.municipio.ibge7 for c in cras_por_ano[ANO_SALDOS]),
            creas_por_municipio=Counter(u.municipio.ibge7 for u in creas if u.desde <= ANO_SALDOS),
            ano=ANO_SALDOS,
            semente=semente,
        ),
        f"saldos mensais {ANO_SALDOS} dos três blocos, com alguns casos de bloqueio",
    )
    return saida.arquivos


def gerar_nacional(destino: Path, *, semente: int = 2026) -> list[ArquivoGerado]:
    """Conjunto em escala nacional para benchmarks: municípios, Censo CRAS 2023 e RMA 2023 (12 meses)."""
    ceara = montar_ceara(semente)
    municipios = municipios_nacionais(semente, ceara)
    cras = cras_nacionais(semente, ceara, municipios)
    saida = _Saida(destino)
    caminho = saida.caminho("municipios_nacional.csv")
    saida.registrar(
        "municipios",
        None,
        caminho,
        escrever_csv(
            caminho,
            CABECALHO_MUNICIPIOS,
            map(_linha_municipio, municipios),
            codificacao="utf-8",
            separador=",",
        ),
        f"{len(municipios)} municípios (os do Ceará reais; os demais sintéticos, com código válido)",
    )
    caminho = saida.caminho(f"censo_cras_{ANO_CENSO}.csv")
    saida.registrar(
        "censo_cras",
        ANO_CENSO,
        caminho,
        censo.escrever_censo_cras(caminho, cras, ANO_CENSO),
        f"Censo SUAS {ANO_CENSO}, CRAS de todo o país ({len(cras)} unidades)",
    )
    caminho = saida.caminho(f"rma_cras_{ANO_CENSO}.csv")
    saida.registrar(
        "rma_cras",
        ANO_CENSO,
        caminho,
        escrever_rma(caminho, cras, ANO_CENSO, semente),
        f"RMA CRAS {ANO_CENSO} de todo o país, 12 meses",
    )
    return saida.arquivos


def _linha_municipio(m: Municipio) -> list[str | int]:
    return [
        m.ibge7,
        m.ibge6,
        m.nome,
        m.uf,
        m.ibge7[:2],
        int(m.capital),
        f"{m.latitude:.5f}",
        f"{m.longitude:.5f}",
        m.populacao,
    ]
