"""O que mudou entre duas apurações, CRAS a CRAS, e por quê (entradas, regras ou a padronização dos outros)."""

from __future__ import annotations

from collections.abc import Sequence

from services.premiacao.apuracoes.explicacao import motivo_legivel
from services.premiacao.apuracoes.schemas import Comparacao, LinhaClassificacao, MudancaCras, Resumo
from shared.formatos import moeda_br, numero_br
from shared.regras import alteracoes


def situacao(linha: LinhaClassificacao | None) -> str:
    if linha is None:
        return "ausente (sem dados nos anos da apuração)"
    if not linha.apto:
        return "não apto: " + "; ".join(motivo_legivel(m, linha) for m in linha.motivos_inaptidao)
    texto = f"{linha.posicao}º lugar, IQ {numero_br(linha.iq or 0, 4)}"
    if linha.premiado:
        return f"{texto}, {linha.colocacao_premio}º prêmio ({moeda_br(linha.valor_premio)})"
    return f"{texto}, sem prêmio"


def _mudancas_de_entrada(antes: LinhaClassificacao, depois: LinhaClassificacao) -> list[str]:
    a, d = antes.entradas, depois.entradas
    porque = []
    for ano in sorted(a.idcras.keys() | d.idcras.keys()):
        if a.idcras.get(ano) != d.idcras.get(ano):
            porque.append(f"IDCRAS {ano}: {a.idcras.get(ano, '—')} → {d.idcras.get(ano, '—')}")
    scfv_a = {s.ano: s for s in a.scfv}
    scfv_d = {s.ano: s for s in d.scfv}
    for ano in sorted(scfv_a.keys() | scfv_d.keys()):
        sa, sd = scfv_a.get(ano), scfv_d.get(ano)
        if sa != sd:
            porque.append(
                f"SCFV {ano} (0–14 / total): "
                f"{f'{sa.faixa_0_14}/{sa.total}' if sa else '—'} → {f'{sd.faixa_0_14}/{sd.total}' if sd else '—'}"
            )
    if a.atendimento_capacidade != d.atendimento_capacidade:
        porque.append("atendimento e capacidade do SCFV (SISC) mudaram")
    if a.planos_ativos != d.planos_ativos:
        porque.append(
            f"planos de providências ativos: {', '.join(a.planos_ativos) or 'nenhum'} → "
            f"{', '.join(d.planos_ativos) or 'nenhum'}"
        )
    return porque


def comparar(
    *,
    apuracao_id: str,
    outra_id: str,
    impressoes: tuple[str, str],
    resumos: tuple[Resumo, Resumo],
    classificacoes: tuple[Sequence[LinhaClassificacao], Sequence[LinhaClassificacao]],
) -> Comparacao:
    """Compara a apuração (antes) com a outra (depois)."""
    regras_alteradas = alteracoes(
        resumos[0].regras.model_dump(mode="json"), resumos[1].regras.model_dump(mode="json")
    )
    extremos_mudaram = resumos[0].extremos != resumos[1].extremos
    antes = {linha.id_cras: linha for linha in classificacoes[0]}
    depois = {linha.id_cras: linha for linha in classificacoes[1]}
    mudancas = []
    for id_cras in sorted(antes.keys() | depois.keys()):
        a, d = antes.get(id_cras), depois.get(id_cras)
        texto_a, texto_d = situacao(a), situacao(d)
        if texto_a == texto_d:
            continue
        porque = (
            _mudancas_de_entrada(a, d)
            if a and d
            else ["o CRAS entrou ou saiu dos dados dos anos da apuração"]
        )
        if regras_alteradas:
            porque.append(
                "regras alteradas: "
                + "; ".join(f"{r['campo']}: {r['antes']} → {r['depois']}" for r in regras_alteradas)
            )
        if not porque:
            porque.append(
                "os valores deste CRAS não mudaram; mudaram os mínimos e máximos dos aptos (padronização min–max do Art. 7º)"
                if extremos_mudaram
                else "os valores deste CRAS não mudaram; mudou a posição ou o prêmio de outros CRAS à sua frente"
            )
        linha = d or a
        assert linha is not None
        mudancas.append(
            MudancaCras(
                id_cras=id_cras,
                nome=linha.nome,
                municipio=linha.municipio,
                antes=texto_a,
                depois=texto_d,
                porque=porque,
            )
        )
    premiados_a = {i for i, linha in antes.items() if linha.premiado}
    premiados_d = {i for i, linha in depois.items() if linha.premiado}
    return Comparacao(
        apuracao_id=apuracao_id,
        outra_id=outra_id,
        mesmas_entradas=impressoes[0] == impressoes[1],
        regras_alteradas=regras_alteradas,
        entraram_no_premio=sorted(premiados_d - premiados_a),
        sairam_do_premio=sorted(premiados_a - premiados_d),
        mudancas=mudancas,
    )
