"""Da ingestão dos arquivos de amostra (formato real) à apuração do prêmio de 2022, pelo barramento."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.ingestao.amostras import gerar_ceara
from services.ingestao.tests.test_idcras import ingestao_com_referencia
from services.premiacao.models import Inbox
from tests.apoio.eventos import preparar_topicos
from tests.apoio.fixtures import esperar

pytestmark = pytest.mark.lento

TIPOS_DA_PREMIACAO = {"censo_cras", "idcras", "rma_cras", "sisc"}
MUNICIPIOS_CE = 184


async def _enviar(ingestao, token, caminho, tipo, ano):
    resposta = await ingestao.cliente.post(
        "/api/v1/lotes",
        params={"tipo": tipo, "ano": ano},
        files={"arquivo": (caminho.name, caminho.read_bytes(), "application/octet-stream")},
        headers=token("sistema"),
    )
    assert resposta.status_code == 201, resposta.text[:2000]
    return resposta.json()


async def _inbox(servico) -> int:
    async with servico.runtime.fabrica_sessoes() as sessao:
        return int(await sessao.scalar(select(func.count()).select_from(Inbox)) or 0)


async def test_amostras_do_make_run_dao_30_premiados_em_2022_e_a_correcao_do_rma_chega(
    servicos, token, tmp_path
):
    ingestao = await ingestao_com_referencia(servicos, token)
    premiacao = await servicos.iniciar("premiacao")
    await preparar_topicos(premiacao)
    publicados = MUNICIPIOS_CE
    for arquivo in gerar_ceara(tmp_path, semente=2026):
        if arquivo.tipo in TIPOS_DA_PREMIACAO and arquivo.ano in (2020, 2021):
            lote = await _enviar(ingestao, token, arquivo.caminho, arquivo.tipo, arquivo.ano)
            publicados += lote["registros_alterados"]

    async def tudo_chegou():
        return await _inbox(premiacao) >= publicados

    await esperar(tudo_chegou, timeout=120, intervalo=0.5)
    r = await premiacao.cliente.post("/api/v1/exercicios/2022/apuracoes", headers=token("sps_gestor"))
    assert r.status_code == 201, r.text
    resultado = r.json()
    assert resultado["resumo"]["premiados"] == 30
    assert resultado["resumo"]["valor_total_distribuido"] == "2000000.00"
    assert resultado["resumo"]["aptos"] > 300
    inaptos = resultado["resumo"]["inaptos_por_motivo"]
    assert set(inaptos) <= {
        "sem_idcras_2020",
        "sem_idcras_2021",
        "sem_scfv_2020",
        "sem_scfv_2021",
        "scfv_sem_atendimentos_2020",
        "scfv_sem_atendimentos_2021",
    }

    # Correção: o mesmo CRAS e mês de novo num lote novo; a premiação passa a ver o valor novo.
    id_cras = resultado["classificacao"]["itens"][0]["id_cras"]

    async def d2_de_2021():
        r = await premiacao.cliente.get(f"/api/v1/cras/{id_cras}", headers=token("leitura"))
        return r.json()["rma_scfv"]["2021"]["d2"]

    antes = await d2_de_2021()
    linhas = (tmp_path / "rma_cras_2021.csv").read_bytes().decode("cp1252").splitlines()
    colunas = linhas[0].split(";")
    original = next(
        c
        for c in (linha.split(";") for linha in linhas[1:])
        if c[0] == id_cras and c[colunas.index("mes")] == "3"
    )
    corrigida = list(original)
    corrigida[colunas.index("d2")] = str(int(original[colunas.index("d2")]) + 500)
    correcao = tmp_path / "rma_cras_2021_correcao.csv"
    correcao.write_bytes(("\r\n".join([linhas[0], ";".join(corrigida)]) + "\r\n").encode("cp1252"))
    lote = await _enviar(ingestao, token, correcao, "rma_cras", 2021)
    assert lote["registros_alterados"] == 1

    async def corrigido():
        return await d2_de_2021() == antes + 500

    await esperar(corrigido, timeout=30)
