"""Das amostras do `make run` (formatos reais, pela ingestão) ao total mensal do Estado por bloco, exportado."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from sqlalchemy import func, select

from services.cofinanciamento.models import Inbox
from services.ingestao.amostras import gerar_ceara
from services.ingestao.tests.test_idcras import ingestao_com_referencia
from tests.apoio.eventos import preparar_topicos
from tests.apoio.fixtures import esperar
from tests.test_fluxo_premiacao import MUNICIPIOS_CE, _enviar

pytestmark = pytest.mark.lento

TIPOS = {
    "censo_cras",
    "censo_creas",
    "censo_centro_pop",
    "censo_acolhimento",
    "censo_conselhos",
    "indicadores",
}
VALOR_POR_PORTE = {
    "pequeno_i": "3000.00",
    "pequeno_ii": "4200.00",
    "medio": "6000.00",
    "grande": "6000.00",
    "metropole": "6000.00",
}


async def test_amostras_do_make_run_dao_o_total_do_estado_por_bloco(servicos, token, tmp_path):
    ingestao = await ingestao_com_referencia(servicos, token)
    cofin = await servicos.iniciar("cofinanciamento")
    await preparar_topicos(cofin)
    publicados = MUNICIPIOS_CE
    arquivos = [a for a in gerar_ceara(tmp_path, semente=2026) if a.tipo in TIPOS and a.ano == 2022]
    for arquivo in arquivos:
        publicados += (await _enviar(ingestao, token, arquivo.caminho, arquivo.tipo, arquivo.ano))[
            "registros_alterados"
        ]

    async def tudo_chegou():
        async with cofin.runtime.fabrica_sessoes() as sessao:
            return int(await sessao.scalar(select(func.count()).select_from(Inbox)) or 0) >= publicados

    await esperar(tudo_chegou, timeout=120, intervalo=0.5)
    r = await cofin.cliente.post(
        "/api/v1/exercicios/2022/calculos", json={"mes": 1}, headers=token("sps_tecnico")
    )
    assert r.status_code == 201, r.text
    calculo = r.json()
    assert calculo["total_municipios"] == MUNICIPIOS_CE

    # Conferência independente do Piso Básico Fixo: CRAS do Censo 2022 × valor do porte de cada município.
    portes = {
        m["ibge7"]: m["porte"]
        for m in (
            await cofin.cliente.get(
                f"/api/v1/exercicios/2022/calculos/{calculo['id']}",
                params={"tamanho": 1000},
                headers=token("leitura"),
            )
        ).json()["municipios"]
    }
    linhas = (tmp_path / "censo_cras_2022.csv").read_bytes().decode("cp1252").splitlines()
    colunas = linhas[0].split(";")
    cras_por_municipio = Counter(
        dict(zip(colunas, linha.split(";"), strict=True))["IBGE7"] for linha in linhas[1:]
    )
    from decimal import Decimal

    esperado = sum(n * Decimal(VALOR_POR_PORTE[portes[ibge7]]) for ibge7, n in cras_por_municipio.items())
    assert Decimal(calculo["blocos"]["protecao_social_basica"]) == esperado > 0
    assert set(calculo["blocos"]) == {
        "protecao_social_basica",
        "protecao_social_especial",
        "beneficios_eventuais",
    }

    r = await cofin.cliente.get(
        f"/api/v1/exercicios/2022/calculos/{calculo['id']}/memoria.csv", headers=token("leitura")
    )
    assert r.status_code == 200
    totais = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))[2][0]
    reais = f"{esperado:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert f"Bloco da Proteção Social Básica R$ {reais}" in totais
