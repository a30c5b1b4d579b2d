"""Verificação comum aos serviços que mantêm a leitura de municípios a partir dos eventos."""

from __future__ import annotations

from shared.kafka import garantir_topicos
from tests.apoio.kafka import cabecalhos_de, produzir
from tests.test_dlq import TOPICO, municipio


async def verificar_leitura_de_municipios(servicos, token, nome: str) -> None:
    servico = await servicos.iniciar(nome)
    await garantir_topicos(servico.settings, servico.runtime.consumidor.topicos)
    evento = municipio("2307304", "Juazeiro do Norte")
    await produzir(
        servicos.broker.bootstrap,
        servicos.prefixo + TOPICO,
        [
            {
                "valor": evento.model_dump_json().encode(),
                "chave": evento.ibge7,
                "cabecalhos": cabecalhos_de(evento),
            }
        ],
    )

    corpo = await servico.esperar_municipio("2307304")
    assert (corpo["nome"], corpo["ibge6"], corpo["versao"]) == ("Juazeiro do Norte", "230730", 1)
    assert (
        await servico.cliente.get("/api/v1/municipios/2304400", headers=token("leitura"))
    ).status_code == 404
    openapi = (await servico.cliente.get("/openapi.json")).json()
    assert openapi["info"]["title"] == f"SUAS-CE — {openapi['info']['title'].split(' — ')[1]}"
    assert "bearer" in str(openapi["components"]["securitySchemes"]).lower()
