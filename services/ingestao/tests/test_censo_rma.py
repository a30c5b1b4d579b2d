"""Censo SUAS CRAS (duas edições), RH sem dados pessoais e RMA mensal com correções."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select

from services.ingestao.rma.models import RmaCrasHistorico
from services.ingestao.tests.test_idcras import ingestao_com_referencia
from tests.apoio.kafka import cabecalho, ler_topico

CENSO_2019 = (
    "NU_IDENTIFICADOR;IBGE;q0_1;q0_9;q0_15;q1;q2;q3_1;q3_2;Latitude;Longitude;Pop_total_2010\n"
    "23001006462;230010;'CRAS I - SEDE';'ABAIARA';01/09/2008;1;1;5;8;-7,3590365;-39,0491094;10496\n"
    "23044000001;230440;'CRAS BOM JARDIM';'FORTALEZA';15/03/2006;2;3;5;8;-3,7881;-38,6102;2452185\n"
)
CENSO_2022 = (
    "Censo SUAS 2022 - CRAS - Dados Gerais\n"
    "NU_IDENTIFICADOR;IBGE7;q01;q015;q1;q2;q3_1;q3_2;Latitude;Longitude\n"
    "23001006462;2300101;'CRAS I - SEDE';01/09/2008;1;1;5;8;-7,3590365;-39,0491094\n"
)
RH = (
    "NU_IDENTIFICADOR;IBGE;NOME_TRABALHADOR;CPF;DATA_NASCIMENTO;q56_9;q56_10;q56_11;q56_12\n"
    "23001006462;230010;'MARIA JOSÉ DA SILVA';52998224725;12/04/1985;5;273;138;249\n"
    "23001006462;230010;'JOÃO PEREIRA';11144477735;02/02/1990;5;274;139;249\n"
    "23001006462;230010;'ANA LIMA';39053344705;30/07/1979;3;238;266;21\n"
    "23044000001;230440;'CARLOS SOUSA';71428793860;05/05/1988;5;238;293;21\n"
)
CAMPOS = "a1;a2;b1;b2;b3;b4;b5;b6;c1;c2;c3;c4;c5;c6;c7;c8;c9;d1;d2;d3;d4;d5;d6;d7;d8"


def rma(*linhas: str) -> bytes:
    texto = f"NU_IDENTIFICADOR;nome_unidade;municipio;uf;ibge;ano;mes;{CAMPOS}\n" + "".join(linhas)
    return texto.encode("cp1252")


def linha_rma(id_cras: str, ibge: str, ano: int, mes: int, valores: list[str]) -> str:
    return f"{id_cras};'CRAS';'MUNICIPIO';'CE';{ibge};{ano};{mes};{';'.join(valores)}\n"


async def enviar(ingestao, token, tipo: str, conteudo: bytes, ano: int, **extra):
    return await ingestao.cliente.post(
        "/api/v1/lotes",
        params={"tipo": tipo, "ano": ano, **extra},
        files={"arquivo": (f"{tipo}_{ano}.csv", conteudo, "text/csv")},
        headers=token("sistema"),
    )


async def test_censo_cras_nas_duas_edicoes_com_latin1_aspas_e_virgula(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    r2019 = await enviar(ingestao, token, "censo_cras", CENSO_2019.encode("cp1252"), 2019)
    assert r2019.status_code == 201, r2019.text
    assert "q0_9" in r2019.json()["deteccao"]["colunas_ignoradas"]
    r2022 = await enviar(ingestao, token, "censo_cras", CENSO_2022.encode("cp1252"), 2022)
    assert r2022.status_code == 201, r2022.text
    assert r2022.json()["deteccao"]["colunas_usadas"]["nome"] == "q01"
    eventos = await ler_topico(servicos.broker.bootstrap, f"{servicos.prefixo}suas.ingestao.censo", quantos=3)
    abaiara = [e.value for e in eventos if cabecalho(e, "ce_subject") == "23001006462"]
    assert len(abaiara) == 2
    assert b'"nome":"CRAS I - SEDE"' in abaiara[0] and b'"familias_referenciadas":2500' in abaiara[0]
    assert b'"latitude":"-7.359036"' in abaiara[0] and b'"data_implantacao":"2008-09-01"' in abaiara[0]


async def test_rh_vira_contagens_e_nenhum_dado_pessoal_chega_ao_banco_nem_ao_topico(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    resposta = await enviar(ingestao, token, "censo_cras_rh", RH.encode("cp1252"), 2019)
    assert resposta.status_code == 201, resposta.text
    descartadas = resposta.json()["deteccao"]["colunas_pessoais_descartadas"]
    assert descartadas == ["NOME_TRABALHADOR", "CPF", "DATA_NASCIMENTO"]
    eventos = await ler_topico(servicos.broker.bootstrap, f"{servicos.prefixo}suas.ingestao.censo", quantos=2)
    abaiara = next(e.value for e in eventos if cabecalho(e, "ce_subject") == "23001006462")
    assert b'"total":3' in abaiara and b'"assistentes_sociais":1' in abaiara and b'"psicologos":1' in abaiara
    pessoais = [b"52998224725", b"MARIA", "JOÃO".encode(), b"12/04/1985", b"1985-04-12", b"SILVA"]
    for evento in eventos:
        assert not any(p in evento.value for p in pessoais)
    arquivo = ingestao.settings.database_url.split(":///", 1)[1]
    with sqlite3.connect(arquivo) as conexao:
        despejo = "\n".join(conexao.iterdump()).encode()
    assert not any(p in despejo for p in pessoais), "dado pessoal gravado no banco"


async def test_rma_vazio_nao_e_zero_correcao_versiona_e_ano_errado_e_recusado(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    valores = ["10"] * 25
    valores_vazio = ["10"] * 24 + [""]
    original = rma(
        linha_rma("23001006462", "230010", 2023, 1, valores),
        linha_rma("23001006462", "230010", 2023, 2, valores_vazio),
    )
    assert (await enviar(ingestao, token, "rma_cras", original, 2023)).status_code == 201
    corrigido = rma(linha_rma("23001006462", "230010", 2023, 1, ["11", *(["10"] * 24)]))
    correcao = await enviar(ingestao, token, "rma_cras", corrigido, 2023)
    assert correcao.json()["registros_alterados"] == 1

    eventos = await ler_topico(servicos.broker.bootstrap, f"{servicos.prefixo}suas.ingestao.rma", quantos=3)
    assert len(eventos) == 3
    assert b'"d8":null' in eventos[1].value and b'"d8":10' in eventos[0].value
    assert b'"a1":11' in eventos[2].value
    async with ingestao.runtime.fabrica_sessoes() as sessao:
        historico = (
            await sessao.scalars(
                select(RmaCrasHistorico)
                .where(RmaCrasHistorico.mes == 1)
                .order_by(RmaCrasHistorico.registrado_em)
            )
        ).all()
    assert [h.valores["a1"] for h in historico] == [10, 11]

    errado = rma(
        linha_rma("23001006462", "230010", 2022, 3, valores),
        linha_rma("23001006462", "230010", 2023, 3, ["-1", *valores[1:]]),
    )
    resposta = await enviar(ingestao, token, "rma_cras", errado, 2023)
    assert resposta.status_code == 422
    motivos = {(e["linha"], e["coluna"]): e["motivo"] for e in resposta.json()["erros"]}
    assert motivos[(2, "ano")] == "o lote é de 2023; esta linha é de 2022"
    assert motivos[(3, "a1")] == "não pode ser negativo"
