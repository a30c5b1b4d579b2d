"""O relay do outbox: retoma o que ficou sem publicar e, em PostgreSQL, só uma réplica publica."""

from __future__ import annotations

import pytest

from shared.settings import RAIZ_PROJETO
from tests.apoio.kafka import cabecalho, ler_topico

ARQUIVO = RAIZ_PROJETO / "data" / "referencias" / "ce_municipios.csv"


async def enviar_municipios(ingestao, token) -> None:
    resposta = await ingestao.cliente.post(
        "/api/v1/referencias/municipios",
        files={"arquivo": (ARQUIVO.name, ARQUIVO.read_bytes(), "text/csv")},
        headers=token("sps_gestor"),
    )
    assert resposta.status_code == 201, resposta.text


async def test_queda_entre_commit_e_publicacao_nao_perde_nada(servicos, token):
    # Um processo que confirmou o upload e morreu antes de publicar: o relay não chegou a rodar.
    caido = await servicos.iniciar("ingestao", outbox_publicar=False)
    await enviar_municipios(caido, token)
    url = caido.settings.database_url

    retomado = await servicos.iniciar("ingestao", database_url=url)
    cofinanciamento = await servicos.iniciar("cofinanciamento")

    await cofinanciamento.esperar_total_municipios(184)
    assert retomado.runtime.relay.rodando


@pytest.mark.postgresql
async def test_duas_replicas_no_mesmo_banco_publicam_cada_evento_uma_vez(servicos, token, banco):
    if banco != "postgresql":
        pytest.skip("a liderança do relay (advisory lock) é do PostgreSQL; o SQLite local tem um processo só")
    primeira = await servicos.iniciar("ingestao", outbox_lote=20)
    await servicos.iniciar("ingestao", database_url=primeira.settings.database_url, outbox_lote=20)
    await enviar_municipios(primeira, token)
    registros = await ler_topico(
        servicos.broker.bootstrap,
        f"{servicos.prefixo}suas.ingestao.referencias",
        quantos=400,
        timeout_ms=3000,
    )
    ids = [cabecalho(r, "ce_id") for r in registros]
    assert len(ids) == len(set(ids)) == 184
