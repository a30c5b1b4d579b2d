"""Saúde e observabilidade: /livez, /readyz, /metrics, fora do OpenAPI."""

from __future__ import annotations

from shared.settings import RAIZ_PROJETO
from tests.apoio.fixtures import esperar

ARQUIVO = RAIZ_PROJETO / "data" / "referencias" / "ce_municipios.csv"


async def test_saude_sem_token_e_fora_do_openapi(servicos):
    servico = await servicos.iniciar("monitoramento")
    assert (await servico.cliente.get("/livez")).json() == {"status": "vivo"}
    pronto = await servico.cliente.get("/readyz")
    assert pronto.status_code == 200
    assert pronto.json()["verificacoes"] == {"banco": True, "relay_outbox": True, "consumidor": True}
    caminhos = (await servico.cliente.get("/openapi.json")).json()["paths"]
    assert not {"/livez", "/readyz", "/metrics", "/asyncapi.json"} & set(caminhos)
    assert "/api/v1/municipios/{ibge7}" in caminhos


async def test_readyz_503_quando_o_banco_nao_responde(servicos, tmp_path):
    arquivo = tmp_path / "nao-e-pasta"
    arquivo.write_text("x")
    servico = await servicos.iniciar("premiacao", database_url=f"sqlite+aiosqlite:///{arquivo}/banco.db")
    resposta = await servico.cliente.get("/readyz")
    assert resposta.status_code == 503
    assert resposta.json()["verificacoes"]["banco"] is False


async def test_metricas_contam_requisicoes_e_eventos(servicos, token):
    ingestao = await servicos.iniciar("ingestao")
    cofinanciamento = await servicos.iniciar("cofinanciamento")
    await ingestao.cliente.post(
        "/api/v1/referencias/municipios",
        files={"arquivo": (ARQUIVO.name, ARQUIVO.read_bytes(), "text/csv")},
        headers=token("sps_gestor"),
    )

    async def consumidos() -> bool:
        texto = (await cofinanciamento.cliente.get("/metrics", headers=token("leitura"))).text
        return (
            'suas_eventos_consumidos_total{tipo="br.gov.ce.sps.suas.ingestao.municipio_registrado.v1"} 184.0'
            in texto
        )

    await esperar(consumidos, timeout=30)
    texto = (await ingestao.cliente.get("/metrics", headers=token("leitura"))).text
    assert (
        'suas_eventos_publicados_total{tipo="br.gov.ce.sps.suas.ingestao.municipio_registrado.v1"} 184.0'
        in texto
    )
    assert (
        'suas_http_requisicao_segundos_count{metodo="POST",rota="/api/v1/referencias/municipios",status="201"} 1.0'
        in texto
    )
    assert "suas_outbox_pendentes" in texto
