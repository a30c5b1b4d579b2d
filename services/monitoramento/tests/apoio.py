"""Apoio aos testes do monitoramento: serviço com municípios, tokens dos atores e planos levados a cada situação."""

from __future__ import annotations

from typing import Any

import httpx

from tests.apoio.eventos import preparar_topicos, publicar_eventos
from tests.apoio.fixtures import ServicoEmTeste, Servicos, cabecalho_token
from tests.test_dlq import municipio

A, B = "2304400", "2300101"  # Fortaleza e Abaiara
CRAS_A = "23044000001"
URL = "/api/v1/planos-providencias"

TOKENS = {
    "municipio_a": cabecalho_token("municipio", ibge7=A, nome="Gestora de Fortaleza"),
    "municipio_b": cabecalho_token("municipio", ibge7=B),
    "cmas_a": cabecalho_token("conselho", conselho="cmas", ibge7=A, nome="CMAS Fortaleza"),
    "cmas_b": cabecalho_token("conselho", conselho="cmas", ibge7=B),
    "cib": cabecalho_token("conselho", conselho="cib", nome="CIB"),
    "sps_tecnico": cabecalho_token("sps_tecnico", nome="Técnica SPS"),
    "sps_gestor": cabecalho_token("sps_gestor"),
    "leitura": cabecalho_token("leitura"),
    "sistema": cabecalho_token("sistema"),
}


async def monitoramento(servicos: Servicos, *eventos: Any, **settings: Any) -> ServicoEmTeste:
    servico = await servicos.iniciar("monitoramento", **settings)
    await preparar_topicos(servico)
    await publicar_eventos(
        servicos.broker.bootstrap,
        servicos.prefixo,
        [municipio(A, "Fortaleza"), municipio(B, "Abaiara"), *eventos],
    )
    await servico.esperar_municipio(A)
    await servico.esperar_municipio(B)
    return servico


def plano_completo(ibge7: str = A, *, unidades: tuple[str, ...] = (CRAS_A,)) -> dict[str, Any]:
    return {
        "ibge7": ibge7,
        "titulo": "Equipe de referência do CRAS incompleta",
        "unidades": list(unidades),
        "prazo": "2027-06-30",
        "dificuldades": [
            {
                "area": "oferta_servicos",
                "origem": "censo_suas",
                "descricao": "CRAS sem assistente social na equipe",
                "evidencia": "Censo SUAS 2025, RH do CRAS",
                "acoes": [
                    {
                        "descricao": "Contratar assistente social",
                        "responsavel": "Secretaria Municipal",
                        "prazo": "2027-03-31",
                    },
                    {
                        "descricao": "Capacitar a equipe",
                        "responsavel": "Coordenação do CRAS",
                        "prazo": "2027-05-31",
                    },
                ],
            }
        ],
    }


def resolucao(numero: str) -> dict[str, Any]:
    return {
        "deliberacao": {"numero_resolucao": numero, "data": "2027-01-15", "texto": "Aprovado em plenária"}
    }


def versao(resposta: httpx.Response) -> dict[str, str]:
    """If-Match com o ETag de uma resposta."""
    return {"If-Match": resposta.headers["ETag"]}


# Caminho feliz: (endpoint, quem, corpo) para ir de cada situação à seguinte.
PASSOS = {
    "submetido": ("submissao", "municipio_a", None),
    "aprovado_cmas": ("aprovacao-cmas", "cmas_a", resolucao("Resolução CMAS nº 7/2027")),
    "pactuado_cib": ("pactuacao-cib", "cib", resolucao("Resolução CIB nº 21/2027")),
    "em_execucao": ("execucao", "municipio_a", None),
}
CAMINHO = {
    "rascunho": [],
    "submetido": ["submetido"],
    "devolvido": ["submetido", "devolvido"],
    "aprovado_cmas": ["submetido", "aprovado_cmas"],
    "pactuado_cib": ["submetido", "aprovado_cmas", "pactuado_cib"],
    "em_execucao": ["submetido", "aprovado_cmas", "pactuado_cib", "em_execucao"],
    "concluido": ["submetido", "aprovado_cmas", "pactuado_cib", "em_execucao", "concluido"],
    "cancelado": ["cancelado"],
}


async def transitar(
    cliente: httpx.AsyncClient,
    plano: httpx.Response,
    caminho: str,
    quem: str,
    corpo: dict[str, Any] | None = None,
) -> httpx.Response:
    return await cliente.post(
        f"{URL}/{plano.json()['id']}/{caminho}", json=corpo, headers={**TOKENS[quem], **versao(plano)}
    )


async def executar_acoes(cliente: httpx.AsyncClient, plano: httpx.Response) -> httpx.Response:
    for dificuldade in plano.json()["dificuldades"]:
        for acao in dificuldade["acoes"]:
            for situacao in ("em_andamento", "executada"):
                plano = await cliente.patch(
                    f"{URL}/{plano.json()['id']}/acoes/{acao['id']}",
                    json={"situacao": situacao},
                    headers={**TOKENS["municipio_a"], **versao(plano)},
                )
                assert plano.status_code == 200, plano.text
    return plano


async def plano_em(cliente: httpx.AsyncClient, situacao: str, **extra: Any) -> httpx.Response:
    """Cria um plano de A e o leva, pela API, até a situação pedida."""
    plano = await cliente.post(URL, json={**plano_completo(), **extra}, headers=TOKENS["municipio_a"])
    assert plano.status_code == 201, plano.text
    for passo in CAMINHO[situacao]:
        if passo == "devolvido":
            plano = await transitar(cliente, plano, "devolucao", "cmas_a", {"nota": "faltam metas"})
        elif passo == "cancelado":
            plano = await transitar(
                cliente, plano, "cancelamento", "sps_tecnico", {"nota": "plano duplicado"}
            )
        elif passo == "concluido":
            plano = await executar_acoes(cliente, plano)
            plano = await transitar(cliente, plano, "conclusao", "sps_tecnico")
        else:
            plano = await transitar(cliente, plano, *PASSOS[passo])
        assert plano.status_code == 200, plano.text
    assert plano.json()["situacao"] == situacao
    return plano
