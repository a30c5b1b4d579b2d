"""A explicação de um CRAS numa apuração, em pt-BR e com os números (para gestores, conselhos e imprensa)."""

from __future__ import annotations

from decimal import Decimal

from services.premiacao.apuracoes.schemas import LinhaClassificacao, Resumo
from shared.formatos import moeda_br, numero_br

MOTIVOS_INAPTIDAO = {
    "plano_providencias_ativo": "tem plano de providências ativo ({planos}) — Decreto nº 35.038/2022, Art. 4º, parágrafo único",
    "sem_idcras": "não há IDCRAS de {ano}",
    "sem_scfv": "não há dados do SCFV de {ano}",
    "scfv_sem_atendimentos": "o SCFV de {ano} não tem atendimentos (denominador zero)",
}
CRITERIOS = {
    "idcras_minimo_nos_dois_anos": "IDCRAS igual ou superior a {limiar} nos dois anos (Art. 6º, I)",
    "media_atendimento_sobre_capacidade": "maior média de atendimento do SCFV sobre a capacidade (Art. 6º, II)",
    "id_cras": "nenhum critério do Art. 6º desempatou; a ordem provisória é pelo identificador, e a SPS decide",
}


def motivo_legivel(motivo: str, linha: LinhaClassificacao) -> str:
    for prefixo, texto in MOTIVOS_INAPTIDAO.items():
        if motivo == prefixo:
            return texto.format(planos=", ".join(linha.entradas.planos_ativos))
        if motivo.startswith(prefixo + "_"):
            return texto.format(ano=motivo.removeprefix(prefixo + "_"))
    return motivo


def _n(valor: Decimal | None, casas: int = 4) -> str:
    return "—" if valor is None else numero_br(valor, casas)


def explicar(
    linha: LinhaClassificacao,
    resumo: Resumo,
    *,
    anterior: LinhaClassificacao | None,
    premiado_do_municipio: LinhaClassificacao | None,
    ultimo_premiado: LinhaClassificacao | None,
) -> str:
    regras = resumo.regras
    nome = f"{linha.nome or 'CRAS'} ({linha.id_cras}), de {linha.municipio or linha.ibge7}"
    if not linha.apto:
        motivos = "; ".join(motivo_legivel(m, linha) for m in linha.motivos_inaptidao)
        return f"{nome}, não pôde ser classificado no exercício {regras.exercicio}: {motivos}."
    assert linha.brutos is not None and linha.padronizados is not None and linha.posicao is not None
    b, z, p = linha.brutos, linha.padronizados, regras.pesos
    t, t1 = regras.ano_t, regras.ano_t_menos_1
    partes = [
        f"{nome}, ficou em {linha.posicao}º lugar entre {resumo.aptos} CRAS aptos, com IQ {_n(linha.iq)} "
        f"(escala de 0 a {_n(regras.escala, 2)}).",
    ]
    indicadores = []
    for rotulo, nome_ind, bruto, padronizado, casas, sufixo in (
        (f"IDCRAS {t}", "idcras_t", b.idcras_t, z.idcras_t, 2, ""),
        (f"IDCRAS {t1}", "idcras_t_menos_1", b.idcras_t_menos_1, z.idcras_t_menos_1, 2, ""),
        (f"SCFV de 0 a 14 anos em {t}", "scfv_t", b.scfv_t, z.scfv_t, 2, "%"),
        (f"SCFV de 0 a 14 anos em {t1}", "scfv_t_menos_1", b.scfv_t_menos_1, z.scfv_t_menos_1, 2, "%"),
    ):
        extremos = resumo.extremos.get(nome_ind)
        faixa = (
            f"mínimo {numero_br(extremos.minimo, casas)}{sufixo}, máximo {numero_br(extremos.maximo, casas)}{sufixo}"
            if extremos
            else ""
        )
        constante = (
            " — indicador constante entre os aptos, não discrimina"
            if nome_ind in resumo.indicadores_constantes
            else ""
        )
        indicadores.append(
            f"{rotulo} = {numero_br(bruto, casas)}{sufixo} → padronizado {_n(padronizado)} ({faixa}){constante}"
        )
    partes.append("Indicadores: " + "; ".join(indicadores) + ".")
    partes.append(
        f"Índice composto IC = {_n(p.w1, 2)} × {_n(z.idcras_t)} + {_n(p.w2, 2)} × {_n(z.idcras_t_menos_1)} + "
        f"{_n(p.w3, 2)} × {_n(z.scfv_t)} + {_n(p.w4, 2)} × {_n(z.scfv_t_menos_1)} = {_n(linha.ic)}; "
        "o IQ é a posição desse IC entre o menor e o maior IC dos aptos (Art. 7º)."
    )
    if linha.desempate_decisivo and anterior is not None:
        criterio = CRITERIOS[linha.desempate_decisivo].format(
            limiar=numero_br(regras.idcras_minimo_desempate, 0)
        )
        partes.append(
            f"Empatou em IQ com {anterior.nome} ({anterior.id_cras}), que ficou à frente pelo critério: {criterio}."
        )
    if linha.empate_nao_resolvido:
        partes.append(
            "Há empate não resolvido pelos critérios do decreto envolvendo este CRAS (empate_nao_resolvido)."
        )
    if linha.premiado:
        faixa_premio = next(
            (f for f in resumo.faixas if f.de <= (linha.colocacao_premio or 0) <= f.ate), None
        )
        texto_faixa = f", faixa {faixa_premio.de}ª–{faixa_premio.ate}ª" if faixa_premio else ""
        partes.append(
            f"Foi premiado: {linha.colocacao_premio}º prêmio{texto_faixa}, {moeda_br(linha.valor_premio)} (Art. 3º)."
        )
        if linha.colocacao_premio == 1 and resumo.premio_adicional is not None:
            partes.append(f"O município recebe também: {resumo.premio_adicional.descricao}.")
    elif linha.motivo_nao_premiado == "municipio_ja_premiado":
        quem = (
            f"{premiado_do_municipio.nome} ({premiado_do_municipio.id_cras}), em {premiado_do_municipio.posicao}º lugar"
            if premiado_do_municipio
            else linha.premiado_do_municipio
        )
        partes.append(
            f"Não foi premiado porque o município já tem um CRAS premiado à sua frente: {quem} "
            "(no máximo um por município, Art. 2º, parágrafo único)."
        )
    elif linha.motivo_nao_premiado == "alem_do_numero_de_premios" and ultimo_premiado is not None:
        partes.append(
            f"Não foi premiado: os {regras.numero_premios} prêmios acabaram antes; o último premiado, "
            f"{ultimo_premiado.nome} ({ultimo_premiado.id_cras}), ficou em {ultimo_premiado.posicao}º lugar com IQ "
            f"{_n(ultimo_premiado.iq)}."
        )
    partes.append(
        "Premissas em vigor: " + "; ".join(f"{p.codigo} = {p.valor}" for p in resumo.premissas) + "."
    )
    return " ".join(partes)
