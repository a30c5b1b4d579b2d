"""O catálogo de eventos é a fonte: AsyncAPI servido e versionado, e tratadores coerentes com ele."""

from __future__ import annotations

import json

import pytest

import services
from shared.eventos.asyncapi import gerar_asyncapi
from shared.eventos.catalogo import CATALOGO, SERVICOS, Catalogo, ErroCatalogo, Topico
from shared.eventos.esquemas import MunicipioRegistrado
from shared.settings import RAIZ_PROJETO


@pytest.mark.parametrize("nome", services.NOMES)
def test_asyncapi_versionado_em_docs_esta_em_dia(nome):
    arquivo = RAIZ_PROJETO / "docs" / "asyncapi" / f"{nome}.json"
    assert json.loads(arquivo.read_text(encoding="utf-8")) == gerar_asyncapi(nome), (
        f"{arquivo} está desatualizado: rode `make asyncapi`"
    )


async def test_cada_servico_serve_seu_asyncapi(servicos):
    ingestao = await servicos.iniciar("ingestao")
    premiacao = await servicos.iniciar("premiacao")
    doc_ingestao = (await ingestao.cliente.get("/asyncapi.json")).json()
    doc_premiacao = (await premiacao.cliente.get("/asyncapi.json")).json()
    assert doc_ingestao["asyncapi"] == "3.0.0"
    canal = "suas_ingestao_referencias"
    assert doc_ingestao["channels"][canal]["address"] == "suas.ingestao.referencias"
    assert doc_ingestao["operations"][f"publicar_{canal}"]["action"] == "send"
    assert doc_premiacao["operations"][f"consumir_{canal}"]["action"] == "receive"
    payload = doc_ingestao["components"]["schemas"]["MunicipioRegistrado"]
    assert {"ibge7", "nome", "populacoes", "lote_id"} <= set(payload["required"])
    mensagem = doc_ingestao["components"]["messages"]["municipio_registrado_v1"]
    assert mensagem["title"] == MunicipioRegistrado.tipo()
    assert "ce_correlationid" in mensagem["headers"]["properties"]


@pytest.mark.parametrize("nome", services.NOMES)
def test_tratadores_de_cada_servico_batem_com_o_catalogo(nome):
    """Todo tratador está num tópico que o catálogo diz que o serviço consome, e todo tópico tem tratador."""
    definicao = services.definicao(nome)
    topicos = CATALOGO.consumidos_por(nome)
    consumidos = {e for t in topicos for e in t.eventos}
    assert set(definicao.tratadores) <= consumidos, (
        f"{nome}: trata {sorted(e.tipo() for e in set(definicao.tratadores) - consumidos)}, "
        "que estão em tópicos que o catálogo não lhe atribui"
    )
    sem_tratador = [t.nome for t in topicos if not set(t.eventos) & set(definicao.tratadores)]
    assert not sem_tratador, f"{nome}: o catálogo diz que consome {sem_tratador}, mas não trata nada deles"


def test_tipos_seguem_a_convencao_cloudevents_do_projeto():
    for evento in CATALOGO.eventos():
        assert evento.tipo() == f"br.gov.ce.sps.suas.{evento.servico}.{evento.fato}.v{evento.versao}"
        assert evento.servico in SERVICOS


def test_catalogo_recusa_evento_em_topico_de_outro_produtor():
    with pytest.raises(ErroCatalogo, match="não é produzido por"):
        Catalogo(
            (
                Topico(
                    nome="x",
                    descricao="",
                    produtor="premiacao",
                    consumidores=(),
                    eventos=(MunicipioRegistrado,),
                ),
            )
        )
