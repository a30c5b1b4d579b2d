"""Parcelas pela API, com os dados e os saldos chegando pelo barramento: só com Plano de Ação preenchido (Art. 24),
bloqueadas pelo saldo acumulado, pagamento na conta do bloco, nova geração sem duplicar e conciliação."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from services.cofinanciamento.tests.cenario import cras, saldo
from services.cofinanciamento.tests.test_calculo_api import GRANDE, MEDIO, PEQUENO, URL
from services.cofinanciamento.tests.test_plano_acao import (
    BASICA,
    gestor_municipal,
    plano_aberto_e_calculado,
    preencher,
)
from tests.apoio.eventos import publicar_eventos
from tests.apoio.fixtures import ServicoEmTeste, cabecalho_token, esperar

PARCELAS = f"{URL}/parcelas"
GESTOR = cabecalho_token("sps_gestor", nome="Gestor SPS")
LEITURA = cabecalho_token("leitura")


async def bloquear(servicos, servico: ServicoEmTeste, ibge7: str, valor: str) -> None:
    """Saldo ≥ 10 parcelas mensais do bloco, depois de um cálculo: o bloco fica bloqueado (ato SPS 2023, Art. 13, I)."""
    await publicar_eventos(servicos.broker.bootstrap, servicos.prefixo, [saldo(ibge7, "basica", valor)])

    async def bloqueado() -> bool:
        r = await servico.cliente.get(f"/api/v1/municipios/{ibge7}/sancoes", headers=LEITURA)
        return any(b["bloco"] == BASICA and b["estado"] == "bloqueado" for b in r.json()["blocos"])

    await esperar(bloqueado, timeout=30)


async def parcelas(servico: ServicoEmTeste, **filtros) -> list[dict]:
    r = await servico.cliente.get(PARCELAS, params=filtros, headers=LEITURA)
    assert r.status_code == 200, r.text
    return r.json()["parcelas"]


async def pagar(servico: ServicoEmTeste, parcela: dict, valor: str, data: str = "2022-03-01", headers=GESTOR):
    return await servico.cliente.post(
        f"{PARCELAS}/{parcela['id']}/pagamento", json={"data": data, "valor": valor}, headers=headers
    )


@pytest.mark.postgresql
async def test_parcelas_so_com_plano_preenchido_e_bloqueadas_pelo_saldo_acumulado(servicos, token):
    servico = await plano_aberto_e_calculado(servicos)
    cliente = servico.cliente
    assert (await preencher(servico, PEQUENO, "72000.00")).status_code == 200
    assert (await preencher(servico, MEDIO, "72000.00")).status_code == 200
    await bloquear(servicos, servico, MEDIO, "60000.00")  # 10 × R$ 6.000,00

    assert (await cliente.post(PARCELAS, headers=token("sps_tecnico"))).status_code == 403
    r = await cliente.post(PARCELAS, headers=GESTOR)
    assert r.status_code == 201, r.text
    geracao = r.json()
    assert geracao["gerada_por"] == "Gestor SPS"
    assert geracao["resumo"] == {
        "criadas": 24,
        "recalculadas": 0,
        "pagas_mantidas": 0,
        "removidas": 0,
        "pendencias": 1,
    }
    # Fortaleza não preencheu o Plano de Ação: sem parcelas, pendente com o motivo.
    [pendencia] = geracao["pendencias"]
    assert (pendencia["ibge7"], pendencia["nome"], pendencia["bloco"]) == (GRANDE, "Fortaleza", BASICA)
    assert pendencia["motivo"] == "plano_de_acao_nao_preenchido" and "Art. 24" in pendencia["descricao"]
    assert pendencia["valor_mensal"] == "6000.00"
    assert await parcelas(servico, ibge7=GRANDE) == []

    abaiara = await parcelas(servico, ibge7=PEQUENO)
    assert [p["mes"] for p in abaiara] == list(range(1, 13))
    assert {(p["valor"], p["situacao"]) for p in abaiara} == {("6000.00", "prevista")}
    primeira = abaiara[0]
    assert primeira["componentes"]["piso_basico_fixo"] == "6000.00"
    assert sorted(primeira["unidades"]) == ["23001010001", "23001010002"]
    assert primeira["memoria"].startswith("parcela 01/2022 do Bloco da Proteção Social Básica: ")
    # Cada parcela leva à memória de cálculo de onde vem.
    memoria = (await cliente.get(primeira["memoria_calculo"], headers=LEITURA)).json()
    assert memoria["calculo_id"] == primeira["calculo_id"] == geracao["calculo_id"]
    basica = next(b for b in memoria["blocos"] if b["bloco"] == BASICA)
    assert basica["valor_mensal"] == primeira["valor"]
    assert {u["id_unidade"] for u in basica["unidades"]} == set(primeira["unidades"])

    acarau = await parcelas(servico, ibge7=MEDIO)
    assert len(acarau) == 12 and {p["situacao"] for p in acarau} == {"bloqueada"}
    assert [p["mes"] for p in await parcelas(servico, situacao="bloqueada", mes=3)] == [3]
    assert len(await parcelas(servico, bloco=BASICA, situacao="prevista")) == 12
    r = await pagar(servico, acarau[0], "6000.00")
    assert r.status_code == 409 and "bloqueada" in r.json()["detail"] and "Art. 13, I" in r.json()["detail"]

    # Gerar de novo do mesmo cálculo não duplica nada.
    r = await cliente.post(PARCELAS, json={"calculo_id": geracao["calculo_id"]}, headers=GESTOR)
    assert (
        r.status_code == 201
        and r.json()["resumo"]["criadas"] == 0
        and r.json()["resumo"]["recalculadas"] == 24
    )
    lista = (await cliente.get(PARCELAS, headers=LEITURA)).json()
    assert lista["total"] == 24 and lista["geracao"]["id"] == r.json()["id"]
    assert [p["id"] for p in await parcelas(servico, ibge7=PEQUENO)] == [p["id"] for p in abaiara]
    r = await cliente.post(PARCELAS, json={"calculo_id": "nao-existe"}, headers=GESTOR)
    assert r.status_code == 404


@pytest.mark.postgresql
async def test_pagamento_conciliacao_e_nova_geracao_com_calculo_mais_novo(servicos, token):
    servico = await plano_aberto_e_calculado(servicos)
    cliente = servico.cliente
    assert (await preencher(servico, PEQUENO, "72000.00")).status_code == 200
    assert (await cliente.post(PARCELAS, headers=GESTOR)).status_code == 201
    janeiro, fevereiro, marco, *_ = await parcelas(servico, ibge7=PEQUENO)

    r = await pagar(servico, janeiro, "6000.00")
    assert r.status_code == 409 and "Art. 26" in r.json()["detail"] and "não tem conta" in r.json()["detail"]
    conta = {"banco": "001", "agencia": "1234", "conta": "12345-6"}
    r = await cliente.put(
        f"/api/v1/municipios/{PEQUENO}/contas/{BASICA}", json=conta, headers=gestor_municipal(PEQUENO)
    )
    assert r.status_code == 200, r.text

    assert (await pagar(servico, janeiro, "6000.00", headers=token("sps_tecnico"))).status_code == 403
    r = await pagar(servico, janeiro, "6000.00", data="2022-03-02")
    assert r.status_code == 422 and "futura" in r.json()["detail"]
    assert (await pagar(servico, janeiro, 6000.0)).status_code == 422  # dinheiro em float é recusado
    r = await pagar(servico, janeiro, "6000.00", data="2022-01-20")
    assert r.status_code == 200, r.text
    pagamento = r.json()["pagamento"]
    assert r.json()["situacao"] == "paga" and pagamento["conta"] == "banco 001, agência 1234, conta 12345-6"
    assert (pagamento["data"], pagamento["valor"], pagamento["por"]) == (
        "2022-01-20",
        "6000.00",
        "Gestor SPS",
    )
    r = await pagar(servico, janeiro, "6000.00")
    assert r.status_code == 409 and "já foi paga em 20/01/2022" in r.json()["detail"]
    assert (await pagar(servico, fevereiro, "5500.00", data="2022-02-18")).status_code == 200

    conciliacao = (await cliente.get(f"{URL}/conciliacao", headers=LEITURA)).json()
    [linha] = conciliacao["linhas"]
    assert (linha["ibge7"], linha["nome"], linha["bloco"], linha["parcelas"], linha["pagas"]) == (
        PEQUENO,
        "Abaiara",
        BASICA,
        12,
        2,
    )
    assert (linha["valor_calculado"], linha["valor_a_pagar"], linha["valor_retido"], linha["valor_pago"]) == (
        "72000.00",
        "60000.00",
        "0.00",
        "11500.00",
    )
    assert (linha["diferenca"], linha["diferenca_nas_pagas"]) == ("60500.00", "500.00")
    assert (conciliacao["valor_calculado"], conciliacao["valor_pago"], conciliacao["diferenca"]) == (
        "72000.00",
        "11500.00",
        "60500.00",
    )
    r = await cliente.get(f"{URL}/conciliacao.csv", headers=LEITURA)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    linhas = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert "pago R$ 11.500,00; diferença R$ 60.500,00" in linhas[2][0]
    dados = dict(zip(linhas[4], linhas[5], strict=True))
    assert (dados["Município"], dados["Calculado"], dados["Pago"]) == (
        "Abaiara",
        "R$ 72.000,00",
        "R$ 11.500,00",
    )
    assert (dados["Diferença (calculado − pago)"], dados["Diferença nas parcelas pagas"]) == (
        "R$ 60.500,00",
        "R$ 500,00",
    )
    r = await cliente.get(f"{URL}/conciliacao.xlsx", headers=LEITURA)
    folha = load_workbook(io.BytesIO(r.content)).active
    valores = list(folha.iter_rows(values_only=True))
    assert valores[5][1] == PEQUENO and Decimal(str(valores[5][8])) == Decimal("11500")

    # Um CRAS a mais em Abaiara e um cálculo mais novo: as pagas ficam como estão, as outras passam a R$ 9.000,00.
    await publicar_eventos(servicos.broker.bootstrap, servicos.prefixo, [cras("23001010003", PEQUENO)])

    async def chegou() -> bool:
        r = await cliente.get(f"/api/v1/municipios/{PEQUENO}/dados", headers=LEITURA)
        return len(r.json()["cras"]) == 3

    await esperar(chegou, timeout=30)
    servico.runtime.relogio = lambda: datetime(2022, 4, 1, 12, tzinfo=UTC)
    novo = (await cliente.post(f"{URL}/calculos", json={"mes": 4}, headers=token("sps_tecnico"))).json()
    r = await cliente.post(PARCELAS, headers=GESTOR)
    assert r.status_code == 201 and r.json()["calculo_id"] == novo["id"]
    assert r.json()["resumo"] == {
        "criadas": 0,
        "recalculadas": 10,
        "pagas_mantidas": 2,
        "removidas": 0,
        "pendencias": 2,
    }
    depois = await parcelas(servico, ibge7=PEQUENO)
    assert [(p["mes"], p["valor"], p["situacao"]) for p in depois[:3]] == [
        (1, "6000.00", "paga"),
        (2, "6000.00", "paga"),
        (3, "9000.00", "prevista"),
    ]
    assert depois[0]["calculo_id"] == janeiro["calculo_id"] != novo["id"] == depois[2]["calculo_id"]
    assert depois[2]["id"] == marco["id"] and len(depois[2]["unidades"]) == 3
    linha = (await cliente.get(f"{URL}/conciliacao", params={"ibge7": PEQUENO}, headers=LEITURA)).json()[
        "linhas"
    ][0]
    assert (linha["valor_calculado"], linha["diferenca"]) == ("102000.00", "90500.00")

    # Bloqueio depois da geração: a parcela ainda prevista não se paga; gerar de novo a mostra bloqueada.
    await bloquear(servicos, servico, PEQUENO, "90000.00")  # 10 × R$ 9.000,00
    r = await pagar(servico, depois[2], "9000.00", data="2022-03-25")
    assert r.status_code == 409 and "está bloqueado" in r.json()["detail"]
    r = await cliente.post(PARCELAS, headers=GESTOR)
    assert r.json()["resumo"]["pagas_mantidas"] == 2
    assert {p["situacao"] for p in await parcelas(servico, ibge7=PEQUENO)} == {"paga", "bloqueada"}
    linha = (await cliente.get(f"{URL}/conciliacao", headers=LEITURA)).json()["linhas"][0]
    assert (linha["valor_a_pagar"], linha["valor_retido"]) == ("0.00", "90000.00")
