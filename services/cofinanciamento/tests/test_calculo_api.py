"""O cálculo pela API, com os dados chegando pelo barramento: pisos, orçamento e prioridade, memória e exportação."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from services.cofinanciamento.tests.cenario import (
    cofinanciamento_com,
    conselhos,
    cras,
    indicador,
    municipio,
    unidade,
)
from tests.apoio.kafka import cabecalho, ler_topico

URL = "/api/v1/exercicios/2022"
PEQUENO, MEDIO, GRANDE = "2300101", "2300200", "2304400"


def cenario_basico():
    return [
        municipio(PEQUENO, "Abaiara", 11_000),
        municipio(MEDIO, "Acaraú", 62_000),
        municipio(GRANDE, "Fortaleza", 2_400_000),
        cras("23001010001", PEQUENO),
        cras("23001010002", PEQUENO),
        cras("23002000001", MEDIO),
        cras("23044000001", GRANDE),
        unidade("23001010101", PEQUENO, "creas"),
        unidade("23002000101", MEDIO, "creas"),
        unidade("23044000101", GRANDE, "creas"),
        unidade("23044000201", GRANDE, "acolhimento", capacidade=8),
        *(conselhos(m) for m in (PEQUENO, MEDIO, GRANDE)),
        indicador("ivmc", PEQUENO, "0.70"),
        indicador("ivmc", MEDIO, "0.50"),
        indicador("ivmc", GRANDE, "0.30"),
        indicador("cemaris", PEQUENO, "1.0"),
        indicador("cemaris", MEDIO, "9.0"),
        indicador("cemaris", GRANDE, "5.0"),
    ]


@pytest.mark.postgresql
async def test_calculo_do_estado_com_memoria_exportacao_e_eventos(servicos, token):
    servico = await cofinanciamento_com(servicos, cenario_basico())
    cliente, tecnico = servico.cliente, token("sps_tecnico", nome="Técnico SPS")

    r = await cliente.post(f"{URL}/calculos", json={"mes": 3}, headers=token("municipio", ibge7=PEQUENO))
    assert r.status_code == 403
    r = await cliente.post(f"{URL}/calculos", json={"mes": 3}, headers=tecnico)
    assert r.status_code == 201, r.text
    calculo = r.json()
    assert (
        calculo["ano_censo"] == 2022
        and calculo["regras_versao"] == 1
        and calculo["criado_por"] == "Técnico SPS"
    )
    # PSB: Pequeno I 2 × R$ 3.000,00; Médio 1 × R$ 6.000,00; Metrópole 1 × R$ 6.000,00. Média e alta sem orçamento
    # informado em 2022: parâmetro ausente, R$ 0,00 (e dito na memória).
    assert calculo["blocos"] == {
        "protecao_social_basica": "18000.00",
        "protecao_social_especial": "0.00",
        "beneficios_eventuais": "0.00",
    }
    assert calculo["valor_mensal_total"] == "18000.00"
    por_municipio = {m["ibge7"]: m for m in calculo["municipios"]}
    assert (
        por_municipio[PEQUENO]["porte"] == "pequeno_i" and por_municipio[PEQUENO]["valor_mensal"] == "6000.00"
    )
    assert {p["codigo"] for p in calculo["premissas"]} >= {"referenciamento", "base_pfmc"}

    memoria = (
        await cliente.get(
            f"{URL}/calculos/{calculo['id']}/municipios/{PEQUENO}/memoria", headers=token("leitura")
        )
    ).json()
    basica = next(b for b in memoria["blocos"] if b["bloco"] == "protecao_social_basica")
    assert basica["valor_mensal"] == "6000.00"
    assert basica["explicacao"].startswith(
        "Abaiara recebe R$ 6.000,00 por mês no Bloco da Proteção Social Básica"
    )
    assert "Piso Básico Fixo: 2 × R$ 3.000,00 = R$ 6.000,00" in basica["explicacao"]
    piso = basica["unidades"][0]["memoria"]
    assert "R$ 2,40" in piso["formula"] and "2.500" in piso["formula"] and "R$ 3.000,00" in piso["formula"]
    assert any("Portaria MDS nº 116/2013" in p["fonte"] for p in piso["parametros"])
    eventuais = next(b for b in memoria["blocos"] if b["bloco"] == "beneficios_eventuais")
    assert eventuais["valor_mensal"] == "0.00"
    assert {u["situacao"] for u in eventuais["unidades"]} == {"parametro_ausente"}
    assert "parâmetro" in eventuais["unidades"][0]["memoria"]["texto"]
    especial = next(
        b
        for b in (
            await cliente.get(
                f"{URL}/calculos/{calculo['id']}/municipios/{GRANDE}/memoria", headers=token("leitura")
            )
        ).json()["blocos"]
        if b["bloco"] == "protecao_social_especial"
    )
    acolhimento = next(u for u in especial["unidades"] if u["tipo_unidade"] == "acolhimento")
    assert acolhimento["situacao"] == "inelegivel" and "capacidade_minima" in acolhimento["motivos"][0]

    # Mesmas entradas e regras: o mesmo cálculo, sem eventos novos.
    r = await cliente.post(f"{URL}/calculos", json={"mes": 3}, headers=tecnico)
    assert r.status_code == 200 and r.json()["id"] == calculo["id"]
    registros = await ler_topico(
        servicos.broker.bootstrap,
        servicos.prefixo + "suas.cofinanciamento.calculos",
        quantos=4,
        timeout_ms=3_000,
    )
    assert len(registros) == 3
    assert {cabecalho(r, "ce_type") for r in registros} == {
        "br.gov.ce.sps.suas.cofinanciamento.cofinanciamento_calculado.v1"
    }
    evento = next(json.loads(r.value) for r in registros if json.loads(r.value)["ibge7"] == PEQUENO)
    assert evento["valor_mensal"] == "6000.00" and evento["impressao_digital"] == calculo["impressao_digital"]

    r = await cliente.get(f"{URL}/calculos/{calculo['id']}/memoria.csv", headers=token("leitura"))
    linhas = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert "Estado do Ceará" in linhas[0][0] and calculo["impressao_digital"] in linhas[1][0]
    assert "Proteção Social Básica R$ 18.000,00" in linhas[2][0]
    titulos = linhas[5]
    dados = [dict(zip(titulos, linha, strict=True)) for linha in linhas[6:]]
    abaiara = [d for d in dados if d["IBGE"] == PEQUENO and d["Componente"].startswith("Piso Básico Fixo")]
    assert [d["Valor mensal"] for d in abaiara] == ["R$ 3.000,00", "R$ 3.000,00"]
    r2 = await cliente.get(f"{URL}/calculos/{calculo['id']}/memoria.csv", headers=token("leitura"))
    assert r2.content == r.content
    r = await cliente.get(
        f"{URL}/calculos/{calculo['id']}/municipios/{PEQUENO}/memoria.xlsx", headers=token("leitura")
    )
    folha = load_workbook(io.BytesIO(r.content)).active
    valores = [linha for linha in folha.iter_rows(values_only=True)]
    assert all(v[1] == PEQUENO for v in valores[6:])
    assert Decimal(str(valores[6][10])) == Decimal("3000")

    assert (await cliente.get(f"{URL}/calculos/nao-existe", headers=token("leitura"))).status_code == 404
    assert (
        await cliente.get(
            f"{URL}/calculos/{calculo['id']}/municipios/2399999/memoria", headers=token("leitura")
        )
    ).status_code == 404
    r = await cliente.post("/api/v1/exercicios/2031/calculos", json={"mes": 1}, headers=tecnico)
    assert r.status_code == 404 and "PUT" in r.json()["detail"]
    r = await cliente.post(f"{URL}/calculos", json={"mes": 13}, headers=tecnico)
    assert r.status_code == 422
    r = await cliente.post(f"{URL}/calculos", json={"mes": 3, "ano_censo": 2019}, headers=tecnico)
    assert r.status_code == 422 and "2019" in r.json()["detail"] and r.json()["anos_censo"] == [2022]


async def _regras(cliente, token):
    return (await cliente.get(f"{URL}/regras", headers=token("leitura"))).json()["regras"]


@pytest.mark.postgresql
async def test_orcamento_cobre_os_primeiros_pela_prioridade_e_o_desempate_muda_a_ordem(servicos, token):
    servico = await cofinanciamento_com(servicos, cenario_basico())
    cliente, gestor, tecnico = servico.cliente, token("sps_gestor"), token("sps_tecnico")
    regras = await _regras(cliente, token)
    # Orçamento da média complexidade para 2 CREAS (50% × R$ 6.500,00 = R$ 3.250,00 cada).
    regras["coberturas"]["piso_fixo_media_complexidade"]["orcamento_mensal"] = "6500.00"
    r = await cliente.put(f"{URL}/regras", json=regras, headers=gestor)
    assert r.status_code == 200 and r.json()["versao"] == 2

    calculo = (await cliente.post(f"{URL}/calculos", json={"mes": 4}, headers=tecnico)).json()
    fila = (
        await cliente.get(
            f"{URL}/calculos/{calculo['id']}/componentes/piso_fixo_media_complexidade",
            headers=token("leitura"),
        )
    ).json()
    ordem = [(u["ibge7"], u["situacao"], u["posicao"]) for u in fila["unidades"]]
    # IVMC maior primeiro: Abaiara (0,70), Acaraú (0,50), Fortaleza (0,30).
    assert ordem == [
        (PEQUENO, "coberto", 1),
        (MEDIO, "coberto", 2),
        (GRANDE, "aguardando_disponibilidade", 3),
    ]
    assert calculo["blocos"]["protecao_social_especial"] == "6500.00"
    aguardando = fila["unidades"][2]["memoria"]
    assert aguardando["orcamento"]["restante"] == "0.00" and "aguardando" in aguardando["conclusao"]

    # A CIB troca o critério (Art. 18): Cemaris maior primeiro → Acaraú (9), Fortaleza (5), Abaiara (1).
    regras["selecoes"]["media_complexidade"]["ordem"] = [
        {"indicador": "cemaris", "sentido": "maior_primeiro", "fonte": "Resolução CIB nº 1/2022"}
    ]
    assert (await cliente.put(f"{URL}/regras", json=regras, headers=gestor)).json()["versao"] == 3
    outro = (await cliente.post(f"{URL}/calculos", json={"mes": 4}, headers=tecnico)).json()
    assert outro["id"] != calculo["id"] and outro["regras_versao"] == 3
    fila = (
        await cliente.get(
            f"{URL}/calculos/{outro['id']}/componentes/piso_fixo_media_complexidade", headers=token("leitura")
        )
    ).json()
    assert [(u["ibge7"], u["situacao"]) for u in fila["unidades"]] == [
        (MEDIO, "coberto"),
        (GRANDE, "coberto"),
        (PEQUENO, "aguardando_disponibilidade"),
    ]
    historico = (await cliente.get(f"{URL}/regras/historico", headers=token("leitura"))).json()
    assert [v["versao"] for v in historico["versoes"]] == [1, 2, 3]
    assert any(
        a["campo"] == "coberturas.piso_fixo_media_complexidade.orcamento_mensal"
        for a in historico["versoes"][1]["alteracoes"]
    )


async def test_regras_de_2022_vem_da_semente_e_so_o_gestor_altera(servicos, token):
    from services.cofinanciamento.dominio.regras import RegrasCofinanciamento, regras_2022

    servico = await servicos.iniciar("cofinanciamento")
    r = await servico.cliente.get(f"{URL}/regras", headers=token("leitura"))
    assert r.status_code == 200
    assert RegrasCofinanciamento.model_validate(r.json()["regras"]) == regras_2022()
    regras = r.json()["regras"]
    r = await servico.cliente.put(f"{URL}/regras", json=regras, headers=token("sps_tecnico"))
    assert r.status_code == 403
    regras["porte"]["medio_ate"] = 10
    r = await servico.cliente.put(f"{URL}/regras", json=regras, headers=token("sps_gestor"))
    assert r.status_code == 422 and "limites de porte" in r.json()["detail"]
    regras["porte"]["medio_ate"] = 100000
    regras["piso_basico_fixo"]["valor_federal_por_familia"] = 2.4
    r = await servico.cliente.put(f"{URL}/regras", json=regras, headers=token("sps_gestor"))
    assert r.status_code == 422  # dinheiro em float é recusado: "2.40" como texto
