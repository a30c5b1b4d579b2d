"""Registros envenenados vão para a DLQ com o motivo; os seguintes são processados normalmente."""

from __future__ import annotations

import pytest

from shared.eventos.esquemas import MunicipioRegistrado, Populacao
from shared.kafka import garantir_topicos
from tests.apoio.kafka import cabecalho, cabecalhos_de, ler_topico, produzir

TOPICO = "suas.ingestao.referencias"


def municipio(ibge7: str, nome: str) -> MunicipioRegistrado:
    return MunicipioRegistrado(
        ibge7=ibge7,
        ibge6=ibge7[:6],
        nome=nome,
        uf="CE",
        capital=False,
        populacoes=(Populacao(base="censo_2022", ano=2022, habitantes=10_000),),
        lote_id="lote-teste",
    )


@pytest.mark.postgresql
async def test_registros_invalidos_vao_para_a_dlq_com_motivo_e_o_consumo_continua(servicos, token):
    cofinanciamento = await servicos.iniciar("cofinanciamento")
    await garantir_topicos(cofinanciamento.settings, (cofinanciamento.runtime.consumidor.topicos))
    antes, depois = municipio("2300101", "Abaiara"), municipio("2304400", "Fortaleza")
    tipo_estranho = [
        (k, b"br.gov.ce.sps.suas.ingestao.coisa_nenhuma.v1" if k == "ce_type" else v)
        for k, v in cabecalhos_de(antes)
    ]
    sem_fuso = [(k, b"2026-01-01T00:00:00" if k == "ce_time" else v) for k, v in cabecalhos_de(antes)]
    await produzir(
        servicos.broker.bootstrap,
        servicos.prefixo + TOPICO,
        [
            {
                "valor": antes.model_dump_json().encode(),
                "chave": "2300101",
                "cabecalhos": cabecalhos_de(antes),
            },
            {"valor": b'{"ibge7": "abc"}', "chave": "2300101", "cabecalhos": cabecalhos_de(antes)},
            {"valor": b"isto nao e json", "chave": "2300101", "cabecalhos": cabecalhos_de(antes)},
            {"valor": antes.model_dump_json().encode(), "chave": "2300101", "cabecalhos": tipo_estranho},
            {"valor": antes.model_dump_json().encode(), "chave": "2300101", "cabecalhos": []},
            {"valor": antes.model_dump_json().encode(), "chave": "2300101", "cabecalhos": sem_fuso},
            {
                "valor": antes.model_dump_json().encode(),
                "chave": "2300101",
                "cabecalhos": cabecalhos_de(antes, ce_id="x" * 65),
            },
            {
                "valor": depois.model_dump_json().encode(),
                "chave": "2300101",
                "cabecalhos": cabecalhos_de(depois),
            },
        ],
    )

    await cofinanciamento.esperar_municipio("2304400")
    assert (
        await cofinanciamento.cliente.get("/api/v1/municipios/2300101", headers=token("leitura"))
    ).status_code == 200

    dlq = await ler_topico(servicos.broker.bootstrap, servicos.prefixo + TOPICO + ".dlq", quantos=6)
    motivos = [cabecalho(r, "dlq_motivo") for r in dlq]
    assert motivos == [
        "corpo_invalido",
        "corpo_invalido",
        "tipo_desconhecido",
        "cabecalho_ausente",
        "cabecalho_invalido",
        "cabecalho_invalido",
    ]
    assert "fuso" in (cabecalho(dlq[4], "dlq_detalhe") or "")
    assert dlq[2].value == antes.model_dump_json().encode()  # o registro vai como veio
    assert "ibge7" in (cabecalho(dlq[0], "dlq_detalhe") or "")
    assert cabecalho(dlq[0], "dlq_grupo") == cofinanciamento.settings.kafka_grupo_consumidor
    assert cabecalho(dlq[0], "dlq_offset") == "1"


async def test_evento_repetido_com_o_mesmo_ce_id_nao_duplica_o_efeito(servicos, token):
    premiacao = await servicos.iniciar("premiacao")
    await garantir_topicos(premiacao.settings, premiacao.runtime.consumidor.topicos)
    original = municipio("2300101", "Abaiara")
    alterado = municipio("2300101", "Abaiara (nome alterado)")
    cab = cabecalhos_de(original, ce_id="mesmo-id")
    registros = [
        {"valor": original.model_dump_json().encode(), "chave": "2300101", "cabecalhos": cab},
        # Mesmo ce_id (reentrega): ignorado, embora o corpo difira.
        {"valor": alterado.model_dump_json().encode(), "chave": "2300101", "cabecalhos": cab},
        {
            "valor": municipio("2304400", "Fortaleza").model_dump_json().encode(),
            "chave": "2304400",
            "cabecalhos": cabecalhos_de(municipio("2304400", "Fortaleza")),
        },
    ]
    await produzir(servicos.broker.bootstrap, servicos.prefixo + TOPICO, registros)

    await premiacao.esperar_municipio("2304400")
    abaiara = (await premiacao.cliente.get("/api/v1/municipios/2300101", headers=token("leitura"))).json()
    assert (abaiara["nome"], abaiara["versao"]) == ("Abaiara", 1)


async def test_violacao_de_constraint_vai_para_a_dlq_sem_travar_o_consumo(servicos, token):
    """Dois municípios com o mesmo IBGE6: o segundo viola a unicidade e não pode ser aplicado nunca."""
    monitoramento = await servicos.iniciar("monitoramento")
    await garantir_topicos(monitoramento.settings, monitoramento.runtime.consumidor.topicos)
    primeiro = municipio("2300101", "Abaiara")
    conflitante = primeiro.model_copy(update={"ibge7": "2300109", "nome": "Abaiara Duplicada"})
    fortaleza = municipio("2304400", "Fortaleza")
    await produzir(
        servicos.broker.bootstrap,
        servicos.prefixo + TOPICO,
        [
            {"valor": e.model_dump_json().encode(), "chave": "1", "cabecalhos": cabecalhos_de(e)}
            for e in (primeiro, conflitante, fortaleza)
        ],
    )

    await monitoramento.esperar_municipio("2304400")
    assert (
        await monitoramento.cliente.get("/api/v1/municipios/2300109", headers=token("leitura"))
    ).status_code == 404
    dlq = await ler_topico(servicos.broker.bootstrap, servicos.prefixo + TOPICO + ".dlq", quantos=1)
    assert [cabecalho(r, "dlq_motivo") for r in dlq] == ["falha_processamento"]
    assert "IntegrityError" in (cabecalho(dlq[0], "dlq_detalhe") or "")
