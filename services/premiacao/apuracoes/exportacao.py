"""Classificação completa em CSV e XLSX, em pt-BR, com o cabeçalho que a publicação no Diário Oficial pede.

A mesma apuração (mesmas entradas e regras) gera os mesmos bytes: nada de horário ou identificador da execução.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.premiacao.apuracoes.explicacao import motivo_legivel
from services.premiacao.apuracoes.schemas import LinhaClassificacao, Resumo
from shared.formatos import moeda_br
from shared.planilhas import Coluna, csv_br, xlsx

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
    Coluna("Posição"),
    Coluna("Prêmio"),
    Coluna("CRAS (identificador)"),
    Coluna("Nome do CRAS"),
    Coluna("Município"),
    Coluna("IBGE"),
    Coluna("IQ", "numero", 6),
    Coluna("IC", "numero", 6),
    Coluna("IDCRAS t", "numero", 2),
    Coluna("IDCRAS t−1", "numero", 2),
    Coluna("SCFV 0–14 t (%)", "numero", 2),
    Coluna("SCFV 0–14 t−1 (%)", "numero", 2),
    Coluna("Z IDCRAS t", "numero", 6),
    Coluna("Z IDCRAS t−1", "numero", 6),
    Coluna("Z SCFV t", "numero", 6),
    Coluna("Z SCFV t−1", "numero", 6),
    Coluna("IDCRAS ≥ limiar nos dois anos"),
    Coluna("Atendimento/capacidade SCFV, média (%)", "numero", 2),
    Coluna("Desempate decisivo"),
    Coluna("Empate não resolvido"),
    Coluna("Valor do prêmio", "moeda"),
    Coluna("Observação"),
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


def exportar_csv(
    resumo: Resumo, linhas: Sequence[LinhaClassificacao], *, regras_versao: int, impressao_digital: str
) -> bytes:
    return csv_br(
        cabecalho=cabecalho(resumo, regras_versao=regras_versao, impressao_digital=impressao_digital),
        colunas=COLUNAS,
        linhas=(_valores(linha) for linha in linhas),
    )


def exportar_xlsx(
    resumo: Resumo, linhas: Sequence[LinhaClassificacao], *, regras_versao: int, impressao_digital: str
) -> bytes:
    return xlsx(
        folha=f"Classificação {resumo.regras.exercicio}",
        cabecalho=cabecalho(resumo, regras_versao=regras_versao, impressao_digital=impressao_digital),
        colunas=COLUNAS,
        linhas=(_valores(linha) for linha in linhas),
    )
