"""IDCRAS como o MDS publica (planilha com título, CSV Latin-1), validado linha a linha e publicado."""

from __future__ import annotations

import io

import openpyxl

from shared.settings import RAIZ_PROJETO
from tests.apoio.kafka import cabecalho, ler_topico

MUNICIPIOS = RAIZ_PROJETO / "data" / "referencias" / "ce_municipios.csv"
CABECALHO = [
    "Nº IDENTIFICADOR do CRAS",
    "Código IBGE",
    "Porte",
    "IDCRAS",
    "Estrutura Física",
    "Recursos Humanos",
    "Serviços ",
]
# CRAS reais de 2019: Fortaleza (230440) e Abaiara (230010).
LINHAS = [
    ["23044000001", "230440", "Metrópole", 4.25, 5, 4, 4],
    ["23044000002", "230440", "Metrópole", 3.1, 3, 3, 3],
    ["23001006462", "230010", "Pequeno I", 2.75, 2, 3, 3],
]


def planilha(linhas: list[list[object]], *, titulo: int = 6) -> bytes:
    livro = openpyxl.Workbook()
    folha = livro.active
    folha.append(["Ministério do Desenvolvimento e Assistência Social, Família e Combate à Fome"])
    for _ in range(titulo - 2):
        folha.append([])
    folha.append(["IDCRAS 2023 — divulgação"])
    folha.append(CABECALHO)
    for linha in linhas:
        folha.append(linha)
    saida = io.BytesIO()
    livro.save(saida)
    return saida.getvalue()


def csv_mds(linhas: list[list[object]]) -> bytes:
    texto = "Índice de Desenvolvimento dos CRAS\n\n" + ";".join(CABECALHO) + "\n"
    for linha in linhas:
        texto += (
            ";".join(
                f"'{v}'" if isinstance(v, str) and not v.isdigit() else str(v).replace(".", ",")
                for v in linha
            )
            + "\n"
        )
    return texto.encode("cp1252")


async def ingestao_com_referencia(servicos, token):
    ingestao = await servicos.iniciar("ingestao")
    resposta = await ingestao.cliente.post(
        "/api/v1/referencias/municipios",
        files={"arquivo": ("m.csv", MUNICIPIOS.read_bytes(), "text/csv")},
        headers=token("sps_gestor"),
    )
    assert resposta.status_code == 201
    return ingestao


async def enviar(ingestao, token, conteudo: bytes, nome: str, **parametros):
    return await ingestao.cliente.post(
        "/api/v1/lotes",
        params={"tipo": "idcras", "ano": parametros.pop("ano", 2023), **parametros},
        files={"arquivo": (nome, conteudo, "application/octet-stream")},
        headers=token("sps_tecnico"),
    )


async def test_planilha_com_titulo_vira_eventos_e_lote_concluido(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    resposta = await enviar(ingestao, token, planilha(LINHAS), "IDCRAS_2023.xlsx")
    assert resposta.status_code == 201, resposta.text
    lote = resposta.json()
    assert (lote["linhas_lidas"], lote["linhas_validas"], lote["registros_alterados"]) == (3, 3, 3)
    assert lote["deteccao"]["formato"] == "xlsx" and lote["deteccao"]["linha_cabecalho"] == 7
    assert lote["deteccao"]["colunas_usadas"]["servicos"] == "Serviços"

    eventos = await ler_topico(servicos.broker.bootstrap, f"{servicos.prefixo}suas.ingestao.censo", quantos=3)
    fortaleza = next(e for e in eventos if cabecalho(e, "ce_subject") == "23044000001")
    assert fortaleza.key == b"2304400"
    assert b'"idcras":"4.25"' in fortaleza.value and b'"ano":2023' in fortaleza.value
    concluidos = await ler_topico(
        servicos.broker.bootstrap, f"{servicos.prefixo}suas.ingestao.lotes", quantos=2
    )
    do_idcras = [c.value for c in concluidos if lote["id"].encode() in c.value]
    assert (
        len(do_idcras) == 1 and b'"registros_publicados":3' in do_idcras[0] and b'"ano":2023' in do_idcras[0]
    )


async def test_csv_latin1_com_aspas_e_virgula_decimal_e_o_mesmo_dado(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    resposta = await enviar(ingestao, token, csv_mds(LINHAS), "idcras_2023.csv")
    assert resposta.status_code == 201, resposta.text
    deteccao = resposta.json()["deteccao"]
    assert (deteccao["codificacao"], deteccao["separador"], deteccao["linha_cabecalho"]) == ("cp1252", ";", 3)
    # A planilha com os mesmos valores não muda nada: nenhum evento novo.
    de_novo = await enviar(ingestao, token, planilha(LINHAS), "IDCRAS_2023.xlsx")
    assert (de_novo.status_code, de_novo.json()["registros_alterados"]) == (201, 0)


async def test_mesmo_arquivo_duas_vezes_e_correcao_publica_so_o_que_mudou(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    original = planilha(LINHAS)
    primeiro = await enviar(ingestao, token, original, "a.xlsx")
    repetido = await enviar(ingestao, token, original, "a-copia.xlsx")
    assert (repetido.status_code, repetido.json()["id"], repetido.json()["ja_recebido"]) == (
        200,
        primeiro.json()["id"],
        True,
    )
    corrigido = [*LINHAS[:2], ["23001006462", "230010", "Pequeno I", 3.5, 3, 4, 3]]
    correcao = await enviar(ingestao, token, planilha(corrigido), "correcao.xlsx")
    assert correcao.json()["registros_alterados"] == 1
    eventos = await ler_topico(servicos.broker.bootstrap, f"{servicos.prefixo}suas.ingestao.censo", quantos=4)
    abaiara = [e.value for e in eventos if cabecalho(e, "ce_subject") == "23001006462"]
    assert len(abaiara) == 2 and b'"idcras":"3.50"' in abaiara[-1]


async def test_cada_problema_com_linha_coluna_valor_e_motivo_e_nada_gravado(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    ruins = [
        LINHAS[0],
        ["23044000002", "230440", "Metrópole", 7, 3, 3, 3],  # IDCRAS fora de 1–5
        ["23044000003", "230010", "Pequeno I", 3, 0, 3, 3],  # id de outro município; dimensão 0
        ["35503000001", "355030", "Metrópole", 3, 3, 3, 3],  # município de outra UF
        ["2304400000", "230440", "Metrópole", 3, 3, 3, 3],  # id com 10 dígitos
        LINHAS[0],  # repetido
    ]
    resposta = await enviar(ingestao, token, planilha(ruins), "ruim.xlsx")
    assert resposta.status_code == 422
    erros = {(e["linha"], e["coluna"]): e for e in resposta.json()["erros"]}
    assert "fora do intervalo" in erros[(9, "IDCRAS")]["motivo"] and erros[(9, "IDCRAS")]["valor"] == "7"
    assert "não são o município" in erros[(10, "Nº IDENTIFICADOR do CRAS")]["motivo"]
    assert erros[(10, "Estrutura Física")]["valor"] == "0"
    assert "referência de municípios" in erros[(11, "Código IBGE")]["motivo"]
    assert "11 dígitos" in erros[(12, "Nº IDENTIFICADOR do CRAS")]["motivo"]
    assert "linha 8" in erros[(13, "Nº IDENTIFICADOR do CRAS")]["motivo"]
    assert resposta.json()["total_erros"] == 6
    lotes = await ingestao.cliente.get("/api/v1/lotes", params={"tipo": "idcras"}, headers=token("leitura"))
    assert lotes.json()["total"] == 0


async def test_parcial_aceita_as_validas_e_guarda_o_relatorio_de_erros(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    linhas = [*LINHAS, ["23044000009", "230440", "Metrópole", 9, 3, 3, 3]]
    resposta = await enviar(ingestao, token, planilha(linhas), "parcial.xlsx", parcial="true")
    assert resposta.status_code == 201
    lote = resposta.json()
    assert (
        lote["parcial"],
        lote["linhas_validas"],
        lote["linhas_rejeitadas"],
        lote["registros_alterados"],
    ) == (True, 3, 1, 3)
    relatorio = await ingestao.cliente.get(f"/api/v1/lotes/{lote['id']}/erros.csv", headers=token("leitura"))
    assert relatorio.headers["content-type"].startswith("text/csv")
    linhas_csv = relatorio.content.decode("utf-8-sig").splitlines()
    assert linhas_csv[0] == "linha;coluna;valor;motivo" and linhas_csv[1].startswith("11;IDCRAS;9;")


async def test_sem_ano_ou_sem_cabecalho_422_claro(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    sem_ano = await ingestao.cliente.post(
        "/api/v1/lotes",
        params={"tipo": "idcras"},
        files={"arquivo": ("a.xlsx", planilha(LINHAS), "x")},
        headers=token("sps_gestor"),
    )
    assert sem_ano.status_code == 422 and "ano" in sem_ano.json()["detail"]
    resposta = await enviar(ingestao, token, csv_mds(LINHAS).replace(b"IDCRAS", b"INDICE"), "x.csv")
    assert resposta.status_code == 422 and "faltam as colunas: IDCRAS ou ID CRAS" in resposta.json()["detail"]


async def test_o_mesmo_conteudo_em_outro_ano_e_outro_lote(servicos, token):
    ingestao = await ingestao_com_referencia(servicos, token)
    conteudo = planilha(LINHAS)
    de_2022 = await enviar(ingestao, token, conteudo, "idcras.xlsx", ano=2022)
    de_2023 = await enviar(ingestao, token, conteudo, "idcras.xlsx")
    assert (de_2022.status_code, de_2023.status_code) == (201, 201)
    assert (de_2022.json()["ano_referencia"], de_2023.json()["ano_referencia"]) == (2022, 2023)
    assert de_2023.json()["registros_alterados"] == 3


async def test_arquivo_grande_responde_202_e_o_lote_termina_concluido_ou_rejeitado(servicos, token):
    ingestao = await servicos.iniciar("ingestao", limite_sincrono_bytes=1_000)
    await ingestao.cliente.post(
        "/api/v1/referencias/municipios",
        files={"arquivo": ("m.csv", MUNICIPIOS.read_bytes(), "text/csv")},
        headers=token("sps_gestor"),
    )
    aceito = await enviar(ingestao, token, planilha(LINHAS), "grande.xlsx")
    assert aceito.status_code == 202, aceito.text
    assert aceito.headers["location"] == f"/api/v1/lotes/{aceito.json()['id']}"
    assert aceito.json()["situacao"] == "processando"
    lote = (await ingestao.cliente.get(aceito.headers["location"], headers=token("leitura"))).json()
    assert (lote["situacao"], lote["linhas_validas"], lote["registros_alterados"]) == ("concluido", 3, 3)

    ruim = await enviar(
        ingestao, token, planilha([["23044000001", "230440", "Metrópole", 7, 5, 4, 4]]), "ruim.xlsx"
    )
    assert ruim.status_code == 202
    rejeitado = (await ingestao.cliente.get(ruim.headers["location"], headers=token("leitura"))).json()
    assert rejeitado["situacao"] == "rejeitado" and "1 problema" in rejeitado["mensagem"]
    relatorio = await ingestao.cliente.get(f"{ruim.headers['location']}/erros.csv", headers=token("leitura"))
    assert "IDCRAS;7;fora do intervalo" in relatorio.content.decode("utf-8-sig")
    eventos = await ler_topico(
        servicos.broker.bootstrap, f"{servicos.prefixo}suas.ingestao.censo", quantos=4, timeout_ms=3000
    )
    assert len(eventos) == 3  # o lote rejeitado não publicou nada
    # O mesmo arquivo recusado pode ser reenviado (ex.: com parcial=true): substitui o lote rejeitado.
    de_novo = await enviar(
        ingestao, token, planilha([["23044000001", "230440", "Metrópole", 7, 5, 4, 4]]), "ruim.xlsx"
    )
    assert de_novo.status_code == 202 and de_novo.json()["id"] != ruim.json()["id"]


async def test_lote_cortado_por_reinicio_fica_interrompido_e_pode_ser_reenviado(servicos, token):
    from services.ingestao.lotes.models import Lote

    primeira = await servicos.iniciar("ingestao", limite_sincrono_bytes=1_000)
    municipios = await primeira.cliente.post(
        "/api/v1/referencias/municipios",
        files={"arquivo": ("m.csv", MUNICIPIOS.read_bytes(), "text/csv")},
        headers=token("sps_gestor"),
    )
    conteudo = planilha(LINHAS)
    aceito = await enviar(primeira, token, conteudo, "grande.xlsx")
    async with primeira.runtime.fabrica_sessoes() as sessao:
        # Dois lotes no meio do processamento: um da réplica viva, outro de uma réplica que caiu (calada).
        lote = await sessao.get(Lote, aceito.json()["id"])
        lote.situacao, lote.processado_por = "processando", "pod-que-caiu-1-abcd"
        vivo = await sessao.get(Lote, municipios.json()["id"])
        vivo.situacao, vivo.processado_por = "processando", primeira.runtime.instancia
        await sessao.commit()

    # Outra réplica sobe (rollout, escala): corta só o lote da réplica calada, não o da viva.
    outra = await servicos.iniciar("ingestao", database_url=primeira.settings.database_url)
    cortado = (await outra.cliente.get(aceito.headers["location"], headers=token("leitura"))).json()
    assert cortado["situacao"] == "interrompido" and "envie o arquivo de novo" in cortado["mensagem"]
    em_curso = (
        await outra.cliente.get(f"/api/v1/lotes/{municipios.json()['id']}", headers=token("leitura"))
    ).json()
    assert em_curso["situacao"] == "processando"
    reiniciada = outra
    de_novo = await enviar(reiniciada, token, conteudo, "grande.xlsx")
    assert (de_novo.status_code, de_novo.json()["situacao"]) == (201, "concluido")
