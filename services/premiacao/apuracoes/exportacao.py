"""Classificação completa em CSV e XLSX, em pt-BR, com o cabeçalho que a publicação no Diário Oficial pede.

A mesma apuração (mesmas entradas e regras) gera os mesmos bytes: nada de horário ou identificador da execução.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from services.premiacao.apuracoes.explicacao import motivo_legivel
from services.premiacao.apuracoes.schemas import LinhaClassificacao, Resumo
from shared.formatos import moeda_br, numero_br

MOMENTO_FIXO = datetime(2000, 1, 1)
MOTIVOS_NAO_PREMIADO = {
    "municipio_ja_premiado": "município já premiado (Art. 2º, parágrafo único)",
    "alem_do_numero_de_premios": "além do número de prêmios",
}


def cabecalho(resumo: Resumo, *, regras_versao: int, impressao_digital: str) -> list[str]:
    regras = resumo.regras
    return [
        f"Prêmio de Incentivo à Assistência Social — CRAS — exercício {regras.exercicio}",
        f"Base legal: {regras.base_legal}",
        f"Conjunto de regras: versão {regras_versao}; anos do Censo SUAS t = {regras.ano_t} e t−1 = {regras.ano_t_menos_1}",
        f"Impressão digital das entradas (SHA-256): {impressao_digital}",
        f"CRAS aptos: {resumo.aptos}; não aptos: {resumo.inaptos}; premiados: {resumo.premiados}; "
        f"valor distribuído: {moeda_br(resumo.valor_total_distribuido)} de {moeda_br(resumo.valor_total_declarado)}",
        "Premissas: " + "; ".join(f"{p.codigo} = {p.valor}" for p in resumo.premissas),
    ]


COLUNAS = (
    "Posição",
    "Prêmio",
    "CRAS (identificador)",
    "Nome do CRAS",
    "Município",
    "IBGE",
    "IQ",
    "IC",
    "IDCRAS t",
    "IDCRAS t−1",
    "SCFV 0–14 t (%)",
    "SCFV 0–14 t−1 (%)",
    "Z IDCRAS t",
    "Z IDCRAS t−1",
    "Z SCFV t",
    "Z SCFV t−1",
    "IDCRAS ≥ limiar nos dois anos",
    "Atendimento/capacidade SCFV, média (%)",
    "Desempate decisivo",
    "Empate não resolvido",
    "Valor do prêmio",
    "Observação",
)


def _observacao(linha: LinhaClassificacao) -> str:
    if not linha.apto:
        return "não apto: " + "; ".join(motivo_legivel(m, linha) for m in linha.motivos_inaptidao)
    if linha.motivo_nao_premiado:
        return MOTIVOS_NAO_PREMIADO[linha.motivo_nao_premiado]
    return ""


def _valores(linha: LinhaClassificacao) -> list[object]:
    """Valores crus da linha (Decimal, int, str ou None), na ordem de COLUNAS."""
    b, z = linha.brutos, linha.padronizados
    return [
        linha.posicao,
        linha.colocacao_premio,
        linha.id_cras,
        linha.nome,
        linha.municipio,
        linha.ibge7,
        linha.iq,
        linha.ic,
        b.idcras_t if b else None,
        b.idcras_t_menos_1 if b else None,
        b.scfv_t if b else None,
        b.scfv_t_menos_1 if b else None,
        z.idcras_t if z else None,
        z.idcras_t_menos_1 if z else None,
        z.scfv_t if z else None,
        z.scfv_t_menos_1 if z else None,
        None
        if linha.idcras_minimo_nos_dois_anos is None
        else ("sim" if linha.idcras_minimo_nos_dois_anos else "não"),
        linha.media_atendimento_sobre_capacidade,
        linha.desempate_decisivo or "",
        "sim" if linha.empate_nao_resolvido else "",
        linha.valor_premio if linha.premiado else None,
        _observacao(linha),
    ]


CASAS_POR_COLUNA = {6: 6, 7: 6, 8: 2, 9: 2, 10: 2, 11: 2, 12: 6, 13: 6, 14: 6, 15: 6, 17: 2}
COLUNA_VALOR = 20


def _texto(indice: int, valor: object) -> str:
    if valor is None:
        return ""
    if indice == COLUNA_VALOR and isinstance(valor, Decimal):
        return moeda_br(valor)
    if isinstance(valor, Decimal):
        return numero_br(valor, CASAS_POR_COLUNA.get(indice, 2))
    return str(valor)


def exportar_csv(
    resumo: Resumo, linhas: Sequence[LinhaClassificacao], *, regras_versao: int, impressao_digital: str
) -> bytes:
    """CSV com `;`, UTF-8 com BOM (abre certo no Excel em pt-BR), números com vírgula e R$."""
    saida = io.StringIO()
    escritor = csv.writer(saida, delimiter=";", lineterminator="\r\n")
    for texto in cabecalho(resumo, regras_versao=regras_versao, impressao_digital=impressao_digital):
        escritor.writerow([texto])
    escritor.writerow([])
    escritor.writerow(COLUNAS)
    for linha in linhas:
        escritor.writerow([_texto(i, v) for i, v in enumerate(_valores(linha))])
    return ("\ufeff" + saida.getvalue()).encode("utf-8")


def exportar_xlsx(
    resumo: Resumo, linhas: Sequence[LinhaClassificacao], *, regras_versao: int, impressao_digital: str
) -> bytes:
    """Planilha com o cabeçalho, a classificação em células numéricas e os formatos de número e de R$."""
    livro = Workbook()
    folha = livro.active
    assert folha is not None
    folha.title = f"Classificação {resumo.regras.exercicio}"
    for texto in cabecalho(resumo, regras_versao=regras_versao, impressao_digital=impressao_digital):
        folha.append([texto])
    folha["A1"].font = Font(bold=True)
    folha.append([])
    folha.append(list(COLUNAS))
    linha_titulos = folha.max_row
    for celula in folha[linha_titulos]:
        celula.font = Font(bold=True)
    for linha in linhas:
        folha.append(_valores(linha))
        for indice, celula in enumerate(folha[folha.max_row]):
            if indice == COLUNA_VALOR:
                celula.number_format = '"R$" #,##0.00'
            elif indice in CASAS_POR_COLUNA:
                celula.number_format = "0." + "0" * CASAS_POR_COLUNA[indice]
    folha.freeze_panes = folha.cell(row=linha_titulos + 1, column=1)
    livro.properties.created = MOMENTO_FIXO
    bruto = io.BytesIO()
    livro.save(bruto)
    return _zip_reprodutivel(bruto.getvalue())


def _zip_reprodutivel(conteudo: bytes) -> bytes:
    """Regrava o pacote com datas fixas: a mesma apuração dá os mesmos bytes."""
    saida = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(conteudo)) as origem,
        zipfile.ZipFile(saida, "w", zipfile.ZIP_DEFLATED) as destino,
    ):
        for item in origem.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dados = origem.read(item.filename)
            if item.filename == "docProps/core.xml":  # o openpyxl grava a hora do salvamento
                dados = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", dados)
            destino.writestr(info, dados)
    return saida.getvalue()
