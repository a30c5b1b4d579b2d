"""Erros da borda HTTP: 401, 403, 404, 413, 422 — sempre problem+json em pt-BR, nunca 500."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

import services
from services.ingestao.lotes.models import Lote
from services.ingestao.models import Outbox
from shared.http.seguranca import emitir_token

URL = "/api/v1/referencias/municipios"


def _zip_com_csv() -> bytes:
    saida = io.BytesIO()
    with zipfile.ZipFile(saida, "w") as pacote:
        pacote.writestr("municipios.csv", "codigo_ibge7,nome,uf\n2304400,Fortaleza,CE\n")
    return saida.getvalue()


ZIP_COM_CSV = _zip_com_csv()
CABECALHO = "codigo_ibge7,codigo_ibge6,nome,uf,codigo_uf,capital,latitude,longitude,pop_censo_2022,pop_estimada_2024\n"


def problema(resposta, status: int) -> dict:
    assert resposta.status_code == status, resposta.text
    assert resposta.headers["content-type"] == "application/problem+json"
    corpo = resposta.json()
    assert corpo["status"] == status and corpo["title"] and corpo["detail"] and corpo["correlation_id"]
    assert "Traceback" not in resposta.text
    return corpo


async def nada_gravado(ingestao) -> bool:
    async with ingestao.runtime.fabrica_sessoes() as sessao:
        lotes = await sessao.scalar(select(func.count()).select_from(Lote))
        eventos = await sessao.scalar(select(func.count()).select_from(Outbox))
    return lotes == 0 and eventos == 0


async def test_sem_token_401_com_desafio_bearer(servicos):
    ingestao = await servicos.iniciar("ingestao")
    for metodo, caminho in (("GET", "/api/v1/municipios/2304400"), ("POST", URL), ("GET", "/metrics")):
        resposta = await ingestao.cliente.request(metodo, caminho)
        corpo = problema(resposta, 401)
        assert "Authorization: Bearer" in corpo["detail"]
        assert resposta.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("ajuste", "trecho"),
    [
        ({"validade": timedelta(seconds=-5)}, "expirado"),
        ({"segredo": "outro-segredo-qualquer-com-tamanho-suficiente"}, "assinatura do token inválida"),
        ({"papeis": ["municipio"]}, "ibge7"),
        ({"papeis": ["conselho"], "conselho": "cmas"}, "ibge7"),
        ({"papeis": ["rei"]}, "papeis"),
        ({"papeis": ["leitura"], "formato": "isto-nao-e-um-jwt"}, "bem formado"),
    ],
)
async def test_token_invalido_401_diz_o_motivo(servicos, ajuste, trecho):
    ingestao = await servicos.iniciar("ingestao")
    settings = services.definicao("ingestao").settings.carregar(ambiente="teste")
    if segredo := ajuste.pop("segredo", None):
        settings = services.definicao("ingestao").settings.carregar(ambiente="teste", jwt_segredo=segredo)
    formato = ajuste.pop("formato", None)
    bruto = formato or emitir_token(settings, sub="x", papeis=ajuste.pop("papeis", ["leitura"]), **ajuste)
    resposta = await ingestao.cliente.get(
        "/api/v1/municipios/2304400", headers={"Authorization": f"Bearer {bruto}"}
    )
    assert trecho in problema(resposta, 401)["detail"]


@pytest.mark.parametrize("papel", ["leitura", "municipio", "conselho"])
async def test_papel_sem_permissao_de_escrita_403(servicos, token, papel):
    ingestao = await servicos.iniciar("ingestao")
    extras = {"ibge7": "2304400"} | ({"conselho": "cmas"} if papel == "conselho" else {})
    resposta = await ingestao.cliente.post(
        URL, files={"arquivo": ("m.csv", CABECALHO.encode(), "text/csv")}, headers=token(papel, **extras)
    )
    corpo = problema(resposta, 403)
    assert "sps_gestor" in corpo["detail"] and papel in corpo["detail"]
    assert await nada_gravado(ingestao)


async def test_csv_malformado_422_nomeia_linha_e_coluna_e_nada_e_gravado(servicos, token):
    ingestao = await servicos.iniciar("ingestao")
    conteudo = (
        CABECALHO
        + "2304400,230440,Fortaleza,CE,23,1,-3.71664,-38.5423,2428678,2574412\n"
        + "2304401,230440,Fortaleza Errada,CE,23,0,-3.7,-38.5,100,100\n"  # dígito verificador errado
        + "3550308,355030,São Paulo,SP,35,0,-23.5,-46.6,100,100\n"  # outra UF
        + "2300101,230010,Abaiara,CE,23,0,-7.3,-39.0,-5,10282\n"  # população negativa
        + "2300101,230010,Abaiara,CE,23,0,-7.3,-39.0,10038,10282\n"
        + "2300101,230010,Abaiara,CE,23,0,-7.3,-39.0,10038,10282\n"  # repetido
        + "2300150,230015,Acarape,CE\n"  # campos a menos
    )
    resposta = await ingestao.cliente.post(
        URL, files={"arquivo": ("ruim.csv", conteudo.encode(), "text/csv")}, headers=token("sps_gestor")
    )
    corpo = problema(resposta, 422)
    erros = {(e["linha"], e["coluna"]): e for e in corpo["erros"]}
    assert corpo["total_erros"] == len(corpo["erros"]) == 6
    assert "dígito verificador" in erros[(3, "codigo_ibge7")]["motivo"]
    assert "outra UF" in erros[(4, "codigo_ibge7")]["motivo"]
    assert erros[(4, "uf")]["valor"] == "SP"
    assert erros[(5, "pop_censo_2022")]["valor"] == "-5"
    assert "linha 6" in erros[(7, "codigo_ibge7")]["motivo"]
    assert erros[(8, "")]["motivo"] == "a linha tem 4 campo(s); o cabeçalho tem 10"
    assert await nada_gravado(ingestao)


@pytest.mark.parametrize(
    ("conteudo", "trecho"),
    [
        (b"", "vazio"),
        (b"ibge,nome\n2304400,Fortaleza\n", "codigo_ibge7"),
        (ZIP_COM_CSV, "compactado"),
        (b"%PDF-1.7\n" + b"x" * 100, "PDF"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "bytes nulos"),
        (b"codigo_ibge7,nome,uf\n" + b"\x00" * 20, "bytes nulos"),
    ],
)
async def test_arquivos_que_nao_sao_o_csv_esperado_422_claro(servicos, token, conteudo, trecho):
    ingestao = await servicos.iniciar("ingestao")
    resposta = await ingestao.cliente.post(
        URL, files={"arquivo": ("x.csv", conteudo, "text/csv")}, headers=token("sps_gestor")
    )
    corpo = problema(resposta, 422)
    assert trecho in str(corpo["erros"]) + corpo["detail"]
    assert await nada_gravado(ingestao)


async def test_corpo_grande_demais_413_antes_de_processar(servicos, token):
    ingestao = await servicos.iniciar("ingestao", limite_upload_bytes=10_000)
    grande = CABECALHO.encode() + b"2304400,230440,Fortaleza,CE,23,1,-3.7,-38.5,1,1\n" * 1000
    resposta = await ingestao.cliente.post(
        URL, files={"arquivo": ("grande.csv", grande, "text/csv")}, headers=token("sps_gestor")
    )
    corpo = problema(resposta, 413)
    assert "10.000 bytes" in corpo["detail"]
    assert await nada_gravado(ingestao)


async def test_corpo_em_streaming_sem_content_length_tambem_e_limitado(servicos, token):
    ingestao = await servicos.iniciar("ingestao", limite_upload_bytes=10_000)

    async def pedacos():
        yield b'--limite\r\nContent-Disposition: form-data; name="arquivo"; filename="a.csv"\r\n\r\n'
        for _ in range(50):
            yield b"x" * 1000

    resposta = await ingestao.cliente.post(
        URL,
        content=pedacos(),
        headers={**token("sps_gestor"), "Content-Type": "multipart/form-data; boundary=limite"},
    )
    problema(resposta, 413)


async def test_404_e_422_de_parametro_em_portugues(servicos, token):
    premiacao = await servicos.iniciar("premiacao")
    corpo = problema(await premiacao.cliente.get("/api/v1/municipios/2304400", headers=token("leitura")), 404)
    assert "2304400" in corpo["detail"]
    corpo = problema(await premiacao.cliente.get("/api/v1/municipios/abc", headers=token("leitura")), 422)
    assert corpo["erros"][0]["campo"] == "ibge7" and "formato inválido" in corpo["erros"][0]["motivo"]
    corpo = problema(await premiacao.cliente.get("/api/v1/nao-existe", headers=token("leitura")), 404)
    assert corpo["title"] == "Recurso não encontrado"


async def test_upload_sem_arquivo_422(servicos, token):
    ingestao = await servicos.iniciar("ingestao")
    corpo = problema(await ingestao.cliente.post(URL, headers=token("sps_gestor"), data={"x": "1"}), 422)
    assert corpo["erros"][0]["campo"] == "arquivo"
