"""Cada tipo importa o seu arquivo de amostra no formato real, e as contagens batem."""

from __future__ import annotations

import pytest

from services.ingestao.amostras import gerar_ceara
from services.ingestao.tests.test_idcras import ingestao_com_referencia

pytestmark = pytest.mark.lento


async def test_o_conjunto_do_ceara_importa_inteiro_e_as_contagens_batem(servicos, token, tmp_path):
    ingestao = await ingestao_com_referencia(servicos, token)
    arquivos = gerar_ceara(tmp_path, semente=7)
    tipos = set()
    for arquivo in arquivos:
        resposta = await ingestao.cliente.post(
            "/api/v1/lotes",
            params={"tipo": arquivo.tipo, **({"ano": arquivo.ano} if arquivo.ano else {})},
            files={
                "arquivo": (arquivo.caminho.name, arquivo.caminho.read_bytes(), "application/octet-stream")
            },
            headers=token("sistema"),
        )
        assert resposta.status_code == 201, f"{arquivo.caminho.name}: {resposta.text[:2000]}"
        lote = resposta.json()
        assert (lote["linhas_lidas"], lote["linhas_validas"]) == (arquivo.linhas, arquivo.linhas), (
            arquivo.caminho.name
        )
        tipos.add(arquivo.tipo)
    assert tipos >= {
        "censo_cras",
        "censo_cras_rh",
        "censo_creas",
        "censo_centro_pop",
        "censo_acolhimento",
        "censo_conselhos",
        "idcras",
        "rma_cras",
        "sisc",
        "indicadores",
        "saldos",
    }
