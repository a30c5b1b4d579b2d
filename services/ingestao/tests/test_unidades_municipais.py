"""CREAS, Centro Pop, acolhimento, conselhos, SISC, indicadores e saldos: aceitos e publicados, ou
recusados com o motivo."""

from __future__ import annotations

import pytest

from services.ingestao.tests.test_censo_rma import enviar
from services.ingestao.tests.test_idcras import ingestao_com_referencia
from tests.apoio.kafka import ler_topico

CASOS = [
    (
        "censo_creas",
        "NU_IDENTIFICADOR;IBGE;q0_1;oferta_paefi\n23044000101;230440;'CREAS CENTRO';1\n",
        "suas.ingestao.censo",
        b'"tipo_unidade":"creas"',
    ),
    (
        "censo_centro_pop",
        "NU_IDENTIFICADOR;IBGE;q0_1\n23044000201;230440;'CENTRO POP FORTALEZA'\n",
        "suas.ingestao.censo",
        b'"tipo_unidade":"centro_pop"',
    ),
    (
        "censo_acolhimento",
        "NU_IDENTIFICADOR;IBGE;q0_1;tipo_unidade;publico;capacidade\n23044000301;230440;'ABRIGO';1;1;8\n",
        "suas.ingestao.censo",
        b'"capacidade":8',
    ),
    (
        "censo_conselhos",
        "IBGE;cmas;cmdca;conselho_tutelar;conselho_idoso;conselho_mulher;conselho_pcd\n230010;2;2;2;1;0;0\n",
        "suas.ingestao.censo",
        b'"conselho_idoso":1',
    ),
    (
        "sisc",
        "ano;mes;NU_IDENTIFICADOR;IBGE7;faixa_etaria;usuarios_atendidos;capacidade_atendimento\n"
        "2023;3;23001006462;2300101;0-6;40;60\n2023;3;23001006462;2300101;60+;25;30\n",
        "suas.ingestao.sisc",
        b'"faixa_etaria":"60+"',
    ),
    (
        "indicadores",
        "indicador;ibge7;ano;valor;fonte\nivmc;2304400;2023;0,4321;IPECE\n",
        "suas.ingestao.indicadores",
        b'"valor":"0.4321"',
    ),
    (
        "saldos",
        "ibge7;bloco;ano;mes;saldo\n2300101;basica;2023;6;65.432,10\n",
        "suas.ingestao.indicadores",
        b'"saldo":"65432.10"',
    ),
]


@pytest.mark.parametrize(("tipo", "conteudo", "topico", "trecho"), CASOS, ids=[c[0] for c in CASOS])
async def test_cada_tipo_e_aceito_e_publicado(servicos, token, tipo, conteudo, topico, trecho):
    ingestao = await ingestao_com_referencia(servicos, token)
    resposta = await enviar(ingestao, token, tipo, conteudo.encode("cp1252"), 2023)
    assert resposta.status_code == 201, resposta.text
    linhas = conteudo.count("\n") - 1
    assert resposta.json()["registros_alterados"] == linhas
    eventos = await ler_topico(servicos.broker.bootstrap, servicos.prefixo + topico, quantos=linhas)
    assert any(trecho in e.value for e in eventos), [e.value for e in eventos]


RECUSADOS = [
    (
        "sisc",
        "ano;mes;NU_IDENTIFICADOR;IBGE7;NIS;faixa_etaria;usuarios_atendidos\n2023;3;23001006462;2300101;12345678901;0-6;1\n",
        "dados individuais (NIS)",
    ),
    (
        "sisc",
        "ano;mes;NU_IDENTIFICADOR;IBGE7;faixa_etaria;usuarios_atendidos\n2023;3;23001006462;2300101;0-5;1\n",
        "use um de",
    ),
    ("saldos", "ibge7;bloco;ano;mes;saldo\n2300101;basica;2023;6;-1,00\n", "não pode ser negativo"),
    ("saldos", "ibge7;bloco;ano;mes;saldo\n2300101;alta;2023;6;1,00\n", "use um de: basica"),
    ("indicadores", "indicador;ibge7;ano;valor;fonte\nivmc;2304400;2021;0,4;IPECE\n", "o lote é de 2023"),
    (
        "censo_acolhimento",
        "NU_IDENTIFICADOR;IBGE;q0_1;capacidade\n23044000301;230440;'ABRIGO';\n",
        "obrigatório vazio",
    ),
    (
        "censo_conselhos",
        "IBGE;cmas;cmdca;conselho_tutelar;conselho_idoso;conselho_mulher;conselho_pcd\n230010;3;2;2;1;0;0\n",
        "fora do intervalo (0 a 2)",
    ),
]


@pytest.mark.parametrize(
    ("tipo", "conteudo", "trecho"), RECUSADOS, ids=[f"{c[0]}-{i}" for i, c in enumerate(RECUSADOS)]
)
async def test_recusas_dizem_o_motivo(servicos, token, tipo, conteudo, trecho):
    ingestao = await ingestao_com_referencia(servicos, token)
    resposta = await enviar(ingestao, token, tipo, conteudo.encode("cp1252"), 2023)
    assert resposta.status_code == 422, resposta.text
    assert trecho in resposta.text
