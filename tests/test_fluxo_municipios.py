"""Ponta a ponta: o arquivo de municípios entra na ingestão e chega aos três serviços consumidores."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from services.ingestao.models import Outbox
from shared.eventos.esquemas import MunicipioRegistrado
from shared.settings import RAIZ_PROJETO
from tests.apoio.fixtures import esperar
from tests.apoio.kafka import cabecalho, ler_topico

ARQUIVO = RAIZ_PROJETO / "data" / "referencias" / "ce_municipios.csv"
CONSUMIDORES = ("cofinanciamento", "monitoramento", "premiacao")


def enviar(
    caminho_ou_bytes: Path | bytes, nome: str = "ce_municipios.csv"
) -> dict[str, tuple[str, bytes, str]]:
    conteudo = caminho_ou_bytes.read_bytes() if isinstance(caminho_ou_bytes, Path) else caminho_ou_bytes
    return {"arquivo": (nome, conteudo, "text/csv")}


async def eventos_no_outbox(ingestao) -> int:
    async with ingestao.runtime.fabrica_sessoes() as sessao:
        return int(
            await sessao.scalar(
                select(func.count()).select_from(Outbox).where(Outbox.tipo == MunicipioRegistrado.tipo())
            )
        )


@pytest.mark.postgresql
async def test_upload_chega_aos_tres_consumidores_e_repetir_nao_publica_nada(servicos, token):
    ingestao = await servicos.iniciar("ingestao")
    consumidores = [await servicos.iniciar(nome) for nome in CONSUMIDORES]

    resposta = await ingestao.cliente.post(
        "/api/v1/referencias/municipios", files=enviar(ARQUIVO), headers=token("sps_gestor")
    )
    assert resposta.status_code == 201, resposta.text
    lote = resposta.json()
    assert (lote["linhas_validas"], lote["registros_alterados"], lote["ja_recebido"]) == (184, 184, False)

    for servico in consumidores:
        await servico.esperar_total_municipios(184)
    fortaleza = await consumidores[0].cliente.get("/api/v1/municipios/2304400", headers=token("leitura"))
    assert fortaleza.status_code == 200
    corpo = fortaleza.json()
    assert (corpo["nome"], corpo["capital"], corpo["lote_id"], corpo["versao"]) == (
        "Fortaleza",
        True,
        lote["id"],
        1,
    )
    assert {"base": "censo_2022", "ano": 2022, "habitantes": 2428678} in corpo["populacoes"]

    # O mesmo arquivo de novo: reconhecido pelo checksum, nada novo no outbox.
    publicados = await eventos_no_outbox(ingestao)
    de_novo = await ingestao.cliente.post(
        "/api/v1/referencias/municipios", files=enviar(ARQUIVO, "copia.csv"), headers=token("sps_gestor")
    )
    assert de_novo.status_code == 200
    assert (de_novo.json()["id"], de_novo.json()["ja_recebido"]) == (lote["id"], True)
    assert await eventos_no_outbox(ingestao) == publicados == 184


async def test_arquivo_com_mesmo_conteudo_nao_gera_eventos_e_alteracao_gera_um(servicos, token):
    ingestao = await servicos.iniciar("ingestao")
    premiacao = await servicos.iniciar("premiacao")
    await ingestao.cliente.post(
        "/api/v1/referencias/municipios", files=enviar(ARQUIVO), headers=token("sps_gestor")
    )
    await premiacao.esperar_total_municipios(184)

    linhas = list(csv.DictReader(io.StringIO(ARQUIVO.read_text(encoding="utf-8"))))
    reordenado = io.StringIO()
    escritor = csv.DictWriter(reordenado, fieldnames=list(linhas[0]))
    escritor.writeheader()
    escritor.writerows(reversed(linhas))
    resposta = await ingestao.cliente.post(
        "/api/v1/referencias/municipios",
        files=enviar(reordenado.getvalue().encode()),
        headers=token("sps_gestor"),
    )
    assert resposta.status_code == 201
    assert resposta.json()["registros_alterados"] == 0
    assert await eventos_no_outbox(ingestao) == 184

    # Fortaleza com a população revista: um só evento, e o consumidor vê a versão 2.
    for linha in linhas:
        if linha["codigo_ibge7"] == "2304400":
            linha["pop_censo_2022"] = "2428708"
    revisto = io.StringIO()
    escritor = csv.DictWriter(revisto, fieldnames=list(linhas[0]))
    escritor.writeheader()
    escritor.writerows(linhas)
    resposta = await ingestao.cliente.post(
        "/api/v1/referencias/municipios",
        files=enviar(revisto.getvalue().encode()),
        headers=token("sps_gestor"),
    )
    assert resposta.json()["registros_alterados"] == 1
    assert await eventos_no_outbox(ingestao) == 185

    async def revisado() -> bool:
        r = await premiacao.cliente.get("/api/v1/municipios/2304400", headers=token("leitura"))
        return r.json()["versao"] == 2

    await esperar(revisado)
    corpo = (await premiacao.cliente.get("/api/v1/municipios/2304400", headers=token("leitura"))).json()
    assert {"base": "censo_2022", "ano": 2022, "habitantes": 2428708} in corpo["populacoes"]


async def test_evento_sai_como_cloudevent_binario_com_chave_ibge7_e_correlation_id(servicos, token):
    ingestao = await servicos.iniciar("ingestao")
    resposta = await ingestao.cliente.post(
        "/api/v1/referencias/municipios",
        files=enviar(ARQUIVO),
        headers={**token("sps_gestor"), "X-Correlation-ID": "pedido-sps-42"},
    )
    assert resposta.headers["x-correlation-id"] == "pedido-sps-42"
    registros = await ler_topico(
        servicos.broker.bootstrap, f"{servicos.prefixo}suas.ingestao.referencias", quantos=184
    )
    assert len(registros) == 184
    fortaleza = next(r for r in registros if r.key == b"2304400")
    assert cabecalho(fortaleza, "ce_specversion") == "1.0"
    assert cabecalho(fortaleza, "ce_type") == "br.gov.ce.sps.suas.ingestao.municipio_registrado.v1"
    assert cabecalho(fortaleza, "ce_source") == "/suas-ce/ingestao"
    assert cabecalho(fortaleza, "ce_subject") == "2304400"
    assert cabecalho(fortaleza, "ce_correlationid") == "pedido-sps-42"
    assert cabecalho(fortaleza, "content-type") == "application/json"
    assert b'"nome":"Fortaleza"' in fortaleza.value
    assert len({cabecalho(r, "ce_id") for r in registros}) == 184
