"""Arquivo maior que um bloco: a primeira passada guarda os válidos em disco e a segunda os aplica bloco a
bloco; o tudo ou nada vale para o arquivo inteiro, e o relay publica cada chave na sua partição, em ordem."""

from __future__ import annotations

import pytest
from aiokafka.partitioner import DefaultPartitioner
from sqlalchemy import func, select

from services.ingestao.lotes import importacao
from services.ingestao.models import Outbox
from services.ingestao.rma.models import RmaCras, RmaCrasHistorico
from services.ingestao.tests.test_censo_rma import enviar, linha_rma, rma
from services.ingestao.tests.test_idcras import ingestao_com_referencia
from shared.eventos.catalogo import CATALOGO
from shared.eventos.esquemas import RmaCrasRegistrado
from tests.apoio.kafka import ler_topico

# Abaiara, Acarape, Acaraú e Acopiara: quatro chaves (IBGE7) para espalhar os eventos pelas partições.
MUNICIPIOS = ("230010", "230015", "230020", "230030")
MESES = range(1, 5)

pytestmark = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def blocos_de_tres(monkeypatch):
    monkeypatch.setattr(importacao, "BLOCO", 3)


def arquivo(*extras: str) -> bytes:
    linhas = [
        linha_rma(f"{ibge6}00001", ibge6, 2023, mes, [str(mes)] * 25) for ibge6 in MUNICIPIOS for mes in MESES
    ]
    return rma(*linhas, *extras)


async def contagens(ingestao) -> tuple[int, int, int]:
    async with ingestao.runtime.fabrica_sessoes() as sessao:
        return (
            await sessao.scalar(select(func.count()).select_from(RmaCras)),
            await sessao.scalar(select(func.count()).select_from(RmaCrasHistorico)),
            await sessao.scalar(
                select(func.count()).select_from(Outbox).where(Outbox.tipo == RmaCrasRegistrado.tipo())
            ),
        )


async def test_erro_no_ultimo_bloco_recusa_o_arquivo_todo_e_parcial_aplica_os_validos(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    conteudo = arquivo(linha_rma("23003000001", "230030", 2023, 5, ["-1", *(["1"] * 24)]))

    recusado = await enviar(ingestao, token, "rma_cras", conteudo, 2023)
    assert recusado.status_code == 422, recusado.text
    assert [(e["linha"], e["coluna"]) for e in recusado.json()["erros"]] == [(18, "a1")]
    assert await contagens(ingestao) == (0, 0, 0)

    aceito = await enviar(ingestao, token, "rma_cras", conteudo, 2023, parcial="true")
    assert aceito.status_code == 201, aceito.text
    lote = aceito.json()
    assert (lote["linhas_lidas"], lote["linhas_validas"], lote["registros_alterados"]) == (17, 16, 16)
    assert await contagens(ingestao) == (16, 16, 16)

    # Só o mês corrigido, num bloco do meio, vira versão nova (e evento); o resto chega igual.
    corrigido = arquivo().replace(
        b"23002000001;'CRAS';'MUNICIPIO';'CE';230020;2023;2;2;",
        b"23002000001;'CRAS';'MUNICIPIO';'CE';230020;2023;2;7;",
    )
    correcao = await enviar(ingestao, token, "rma_cras", corrigido, 2023)
    assert correcao.status_code == 201, correcao.text
    assert correcao.json()["registros_alterados"] == 1
    assert await contagens(ingestao) == (16, 17, 17)


async def test_relay_publica_cada_chave_na_particao_do_particionador_e_na_ordem_do_arquivo(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    resposta = await enviar(ingestao, token, "rma_cras", arquivo(), 2023)
    assert resposta.status_code == 201, resposta.text

    eventos = await ler_topico(servicos.broker.bootstrap, f"{servicos.prefixo}suas.ingestao.rma", quantos=16)
    assert len(eventos) == 16
    particoes = list(range(CATALOGO.topico_de(RmaCrasRegistrado).particoes))
    meses: dict[str, list[int]] = {}
    for evento in sorted(eventos, key=lambda e: (e.partition, e.offset)):
        assert evento.partition == DefaultPartitioner()(evento.key, particoes, particoes)
        registro = RmaCrasRegistrado.model_validate_json(evento.value)
        meses.setdefault(registro.id_cras, []).append(registro.mes)
    assert meses == {f"{ibge6}00001": list(MESES) for ibge6 in MUNICIPIOS}
