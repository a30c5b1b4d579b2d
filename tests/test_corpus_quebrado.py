"""Corpus de arquivos quebrados (tests/corpus_quebrado/): cada um recebe um 4xx claro, em pt-BR, que nomeia
as linhas e colunas certas — nunca um 500 — e o banco fica como estava.

O manifesto (`corpus_quebrado/manifesto.json`) diz, para cada arquivo, o tipo/ano/mês do lote, o status
esperado, os pares (linha, coluna) que devem aparecer em `erros`, as únicas linhas que podem ser
nomeadas (0 = o arquivo inteiro) e uma expressão regular que o `detail` ou algum `motivo` deve casar.
Os casos em que o serviço ainda erra estão em `FALHAS_CONHECIDAS` (xfail estrito: quando o código for
corrigido, o teste avisa para tirar a marca). O arquivo de 50 MB é gerado em memória, não versionado.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import logging
import re
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, inspect, select, table

from services.ingestao.tests.test_idcras import ingestao_com_referencia
from tests.apoio.fixtures import ServicoEmTeste, Servicos, cabecalho_token

PASTA = Path(__file__).resolve().parent / "corpus_quebrado"
MANIFESTO: list[dict[str, Any]] = json.loads((PASTA / "manifesto.json").read_text(encoding="utf-8"))
TIPOS_ACEITOS = {"municipios", "censo_cras", "censo_cras_rh", "idcras", "rma_cras"}
ROTAS = {"lotes": "/api/v1/lotes", "referencias": "/api/v1/referencias/municipios"}

# arquivo → por que o serviço ainda não responde como o manifesto espera (ver o relatório do corpus).
FALHAS_CONHECIDAS: dict[str, str] = {}

# Palavras que denunciam mensagem de biblioteca em inglês vazando para quem enviou o arquivo.
INGLES = re.compile(
    r"\b(error|invalid|unexpected|expected|traceback|exception|codec|can't|cannot|decode|field|line|"
    r"not|none|null|file is not)\b",
    re.IGNORECASE,
)
PORTUGUES = re.compile(
    r"\b(o|a|os|as|de|do|da|em|no|na|ou|um|uma|não|é|linha|arquivo|planilha|deve|campo|coluna)\b",
    re.IGNORECASE,
)


def _casos() -> list[Any]:
    casos = []
    for caso in MANIFESTO:
        motivo = FALHAS_CONHECIDAS.get(caso["arquivo"])
        marcas = [pytest.mark.xfail(strict=True, reason=motivo)] if motivo else []
        casos.append(pytest.param(caso, id=caso["arquivo"].rsplit(".", 1)[0], marks=marcas))
    return casos


@pytest.fixture(scope="module")
async def ingestao(broker, modelos_sqlite, bancos_postgres, tmp_path_factory):
    """Um serviço de ingestão para o módulo todo, com a referência dos 184 municípios carregada."""
    fabrica = Servicos(
        broker=broker,
        prefixo=f"t{uuid.uuid4().hex[:10]}.",
        banco="sqlite",
        modelos_sqlite=modelos_sqlite,
        bancos_postgres=bancos_postgres,
        pasta=tmp_path_factory.mktemp("corpus_quebrado"),
    )
    async with fabrica.pilha:
        servico = await ingestao_com_referencia(fabrica, cabecalho_token)
        referencia = await contagens(servico)
        assert referencia["lote"] == 1 and referencia["municipio"] == 184, referencia
        # Um 500 volta como resposta (e aparece no relatório do teste), em vez de a exceção subir.
        transporte = httpx.ASGITransport(app=servico.app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transporte, base_url="http://ingestao") as cliente:
            yield dataclasses.replace(servico, cliente=cliente)


async def contagens(ingestao: ServicoEmTeste) -> dict[str, int]:
    """Linhas de cada tabela do banco da ingestão (lote, outbox, municípios, censo, RMA…)."""
    async with ingestao.runtime.fabrica_sessoes() as sessao:
        conexao = await sessao.connection()
        nomes = await conexao.run_sync(lambda c: inspect(c).get_table_names())
        return {
            nome: int(await sessao.scalar(select(func.count()).select_from(table(nome))) or 0)
            for nome in sorted(nomes)
            if nome != "alembic_version"
        }


def finalizar_leitores_abandonados() -> None:
    """Depois de um 500, o registro de log capturado pelo pytest segura a exceção e, por ela, o leitor
    do arquivo parado no meio. Soltá-la aqui finaliza o leitor agora: um erro dele aparece neste caso,
    não no setup do próximo."""
    for handler in logging.getLogger().handlers:
        for registro in getattr(handler, "records", []):
            registro.exc_info = None
    gc.collect()


def em_portugues(texto: str) -> bool:
    return bool(PORTUGUES.search(texto)) and not INGLES.search(texto)


def conferir_problema(resposta: Any, status: int) -> dict[str, Any]:
    assert resposta.status_code != 500, f"500 em vez de {status}: {resposta.text}"
    assert resposta.status_code == status, resposta.text
    assert resposta.headers["content-type"] == "application/problem+json", resposta.headers
    corpo: dict[str, Any] = resposta.json()
    assert corpo["status"] == status and corpo["title"] and corpo["correlation_id"], corpo
    assert "Traceback" not in resposta.text
    return corpo


async def enviar(ingestao: ServicoEmTeste, caso: dict[str, Any], conteudo: bytes) -> Any:
    parametros = {k: caso[k] for k in ("tipo", "ano", "mes") if caso[k] is not None}
    if caso["rota"] == "referencias":
        parametros = {}
    return await ingestao.cliente.post(
        ROTAS[caso["rota"]],
        params=parametros,
        files={"arquivo": (caso["arquivo"], conteudo, "application/octet-stream")},
        headers=cabecalho_token("sps_tecnico"),
    )


def test_o_manifesto_descreve_todo_o_corpus() -> None:
    arquivos = {p.name for p in PASTA.iterdir()} - {"manifesto.json", "README.md"}
    descritos = [c["arquivo"] for c in MANIFESTO]
    assert len(descritos) == len(set(descritos)) >= 30
    assert arquivos == set(descritos)
    assert {c["tipo"] for c in MANIFESTO} >= TIPOS_ACEITOS
    assert {c["arquivo"].rsplit(".", 1)[1] for c in MANIFESTO if c["tipo"] == "idcras"} == {"csv", "xlsx"}
    leia_me = (PASTA / "README.md").read_text(encoding="utf-8")
    assert all(f"`{a}`" in leia_me for a in descritos), "arquivo do corpus fora do README"
    for caso in MANIFESTO:
        assert 400 <= caso["status"] < 500 and re.compile(caso["trecho"]) and caso["problema"], caso
        assert all(e["linha"] in caso["linhas"] for e in caso["erros"]), caso


@pytest.mark.parametrize("caso", _casos())
async def test_arquivo_quebrado_4xx_claro_nomeia_linhas_e_nada_muda(ingestao, caso: dict[str, Any]) -> None:
    conteudo = (PASTA / caso["arquivo"]).read_bytes()
    antes = await contagens(ingestao)

    resposta = await enviar(ingestao, caso, conteudo)
    finalizar_leitores_abandonados()

    depois = await contagens(ingestao)
    corpo = conferir_problema(resposta, caso["status"])
    detalhe = corpo["detail"].replace(caso["arquivo"], "«arquivo»")
    assert em_portugues(detalhe), f"detail não parece pt-BR: {corpo['detail']!r}"
    erros = corpo.get("erros", [])
    assert isinstance(erros, list), corpo
    for erro in erros:
        assert em_portugues(erro["motivo"]), f"motivo não parece pt-BR: {erro!r}"

    nomeados = {(e["linha"], e["coluna"]) for e in erros}
    esperados = {(e["linha"], e["coluna"]) for e in caso["erros"]}
    assert esperados <= nomeados, f"faltam {sorted(esperados - nomeados)}; vieram {erros}"
    fora = sorted({e["linha"] for e in erros} - set(caso["linhas"]))
    assert not fora, f"linhas nomeadas sem problema: {fora}; vieram {erros}"
    assert corpo.get("total_erros", 0) >= len(esperados), corpo
    textos = [detalhe, *(e["motivo"] for e in erros)]
    assert any(re.search(caso["trecho"], t) for t in textos), (
        f"nenhuma mensagem casa {caso['trecho']!r}: {textos}"
    )

    assert depois == antes, "o banco mudou com um arquivo recusado"


async def test_arquivo_de_50_mb_passa_do_limite_413_e_nada_muda(ingestao) -> None:
    """Gerado em memória (não versionado): um RMA de verdade, só que com mais de 50 MiB."""
    limite = ingestao.settings.limite_upload_bytes
    assert limite == 50 * 1_048_576
    linha = b"23001006462;'CRAS I - SEDE';'ABAIARA';'CE';230010;2023;1;" + b";".join([b"10"] * 25) + b"\n"
    cabecalho = (PASTA / "30_rma_contagem_negativa.csv").read_bytes().split(b"\n", 1)[0] + b"\n"
    grande = cabecalho + linha * (limite // len(linha) + 10)
    assert len(grande) > limite
    antes = await contagens(ingestao)
    for rota, parametros in (
        (ROTAS["lotes"], {"tipo": "rma_cras", "ano": 2023}),
        (ROTAS["referencias"], {}),
    ):
        resposta = await ingestao.cliente.post(
            rota,
            params=parametros,
            files={"arquivo": ("rma_50mb.csv", grande, "text/csv")},
            headers=cabecalho_token("sps_tecnico"),
        )
        corpo = conferir_problema(resposta, 413)
        assert "52.428.800 bytes" in corpo["detail"] and em_portugues(corpo["detail"]), corpo
    del grande
    assert await contagens(ingestao) == antes
