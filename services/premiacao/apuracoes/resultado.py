"""Da leitura às entradas da apuração, e do resultado do domínio ao que se guarda e se mostra."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from services.premiacao.apuracoes.schemas import (
    CapacidadeAno,
    EntradasCras,
    Extremos,
    Indicadores,
    LinhaClassificacao,
    PremioAdicional,
    Resumo,
    ScfvAno,
    TotalFaixa,
)
from services.premiacao.dominio import classificacao as dominio
from services.premiacao.dominio.entradas import (
    EntradaCras,
    PlanoProvidencias,
    SituacaoPlano,
    atendimento_sobre_capacidade,
    planos_que_excluem,
    scfv_do_rma,
    scfv_do_sisc,
)
from services.premiacao.dominio.regras import RegrasPremio, premissas_em_vigor
from services.premiacao.leitura.repository import DadosBrutos

CASAS = 10


def montar_entradas(dados: DadosBrutos, regras: RegrasPremio, momento: datetime) -> list[EntradaCras]:
    """Um CRAS entra no universo se a leitura tem algum dado dele nos anos t ou t−1 (nenhum some em silêncio)."""
    anos = (regras.ano_t, regras.ano_t_menos_1)
    ibge7: dict[str, str] = {}
    nome: dict[str, str] = {}
    for censo in dados.censo:  # em ordem de ano: fica o nome do Censo mais recente até t
        if censo.ano <= regras.ano_t or censo.id_cras not in nome:
            nome[censo.id_cras] = censo.nome
            ibge7[censo.id_cras] = censo.ibge7
    universo: set[str] = {c.id_cras for c in dados.censo if c.ano in anos}
    idcras: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for i in dados.idcras:
        idcras[i.id_cras][i.ano] = i.idcras
        ibge7.setdefault(i.id_cras, i.ibge7)
    rma: dict[tuple[str, int], list[dict[str, int | None]]] = defaultdict(list)
    for r in dados.rma:
        rma[(r.id_cras, r.ano)].append(r.somas)
        ibge7.setdefault(r.id_cras, r.ibge7)
    # O SISC já vem somado no ano: as somas do domínio dão o mesmo que sobre os registros mensais.
    sisc_faixas: dict[tuple[str, int], list[tuple[str, int]]] = {}
    sisc_capacidade: dict[tuple[str, int], list[tuple[int, int | None]]] = {}
    for s in dados.sisc:
        sisc_faixas[(s.id_cras, s.ano)] = list(s.usuarios_por_faixa.items())
        sisc_capacidade[(s.id_cras, s.ano)] = [(s.usuarios_com_capacidade, s.capacidade)]
        ibge7.setdefault(s.id_cras, s.ibge7)
    universo |= set(idcras) | {c for c, _ in rma} | {c for c, _ in sisc_faixas}

    historicos: dict[str, list[SituacaoPlano]] = defaultdict(list)
    for situacao in dados.situacoes:
        historicos[situacao.plano_id].append(SituacaoPlano(situacao=situacao.situacao, desde=situacao.desde))
    planos = [
        PlanoProvidencias(
            plano_id=p.plano_id,
            ibge7=p.ibge7,
            unidades=tuple(p.unidades),
            historico=tuple(historicos[p.plano_id]),
        )
        for p in dados.planos
    ]
    fonte_sisc = regras.indicador_scfv.fonte == "sisc"
    entradas = []
    for id_cras in sorted(universo):
        scfv = {}
        capacidade = {}
        for ano in anos:
            contagem = (
                scfv_do_sisc(sisc_faixas.get((id_cras, ano), ()), regras)
                if fonte_sisc
                else scfv_do_rma(rma.get((id_cras, ano), ()), regras)
            )
            if contagem is not None:
                scfv[ano] = contagem
            atendimento = atendimento_sobre_capacidade(sisc_capacidade.get((id_cras, ano), ()))
            if atendimento is not None:
                capacidade[ano] = atendimento
        municipio = ibge7[id_cras]
        entradas.append(
            EntradaCras(
                id_cras=id_cras,
                ibge7=municipio,
                municipio=dados.municipios.get(municipio, ""),
                nome=nome.get(id_cras, ""),
                idcras={ano: v for ano, v in idcras[id_cras].items() if ano in anos},
                scfv=scfv,
                atendimento_capacidade=capacidade,
                planos_ativos=planos_que_excluem(
                    id_cras=id_cras, ibge7=municipio, planos=planos, momento=momento, regras=regras
                ),
            )
        )
    return entradas


def _entradas_saida(e: EntradaCras) -> EntradasCras:
    return EntradasCras(
        idcras=dict(sorted(e.idcras.items())),
        scfv=[ScfvAno(ano=a, faixa_0_14=c.faixa_0_14, total=c.total) for a, c in sorted(e.scfv.items())],
        atendimento_capacidade=[
            CapacidadeAno(ano=a, usuarios=c.usuarios, capacidade=c.capacidade)
            for a, c in sorted(e.atendimento_capacidade.items())
        ],
        planos_ativos=list(e.planos_ativos),
    )


def impressao_digital(entradas: Sequence[EntradaCras]) -> str:
    """SHA-256 de todo valor de entrada usado, em JSON canônico (mesma entrada → mesma impressão)."""
    canonico = [
        {
            "id_cras": e.id_cras,
            "ibge7": e.ibge7,
            "municipio": e.municipio,
            "nome": e.nome,
            **_entradas_saida(e).model_dump(mode="json"),
        }
        for e in sorted(entradas, key=lambda e: e.id_cras)
    ]
    texto = json.dumps(canonico, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(texto.encode()).hexdigest()


def _indicadores(i: dominio.Indicadores) -> Indicadores:
    return Indicadores(
        **{nome: dominio.decimal_de(getattr(i, nome), CASAS) for nome in dominio.NOMES_INDICADORES}
    )


def _identificacao(e: EntradaCras) -> dict[str, Any]:
    """O que toda linha mostra do CRAS, apto ou não: quem é e os valores de entrada usados."""
    return {
        "id_cras": e.id_cras,
        "nome": e.nome,
        "ibge7": e.ibge7,
        "municipio": e.municipio,
        "entradas": _entradas_saida(e),
    }


def linhas(resultado: dominio.Resultado) -> list[LinhaClassificacao]:
    """Aptos na ordem da classificação, depois os não aptos pelo identificador."""
    saida = [
        LinhaClassificacao(
            **_identificacao(c.entrada),
            apto=True,
            motivos_inaptidao=[],
            posicao=c.posicao,
            iq=dominio.decimal_de(c.iq, CASAS),
            ic=dominio.decimal_de(c.ic, CASAS),
            brutos=_indicadores(c.brutos),
            padronizados=_indicadores(c.padronizados),
            idcras_minimo_nos_dois_anos=c.idcras_minimo_nos_dois_anos,
            media_atendimento_sobre_capacidade=(
                None
                if c.media_atendimento_sobre_capacidade is None
                else dominio.decimal_de(c.media_atendimento_sobre_capacidade, CASAS)
            ),
            desempate_decisivo=c.desempate_decisivo,
            empate_nao_resolvido=c.empate_nao_resolvido,
            premiado=c.premiado,
            colocacao_premio=c.colocacao_premio,
            valor_premio=c.valor_premio,
            motivo_nao_premiado=c.motivo_nao_premiado,
            premiado_do_municipio=c.premiado_do_municipio,
        )
        for c in resultado.aptos
    ]
    saida.extend(
        LinhaClassificacao(**_identificacao(i.entrada), apto=False, motivos_inaptidao=list(i.motivos))
        for i in resultado.inaptos
    )
    return saida


def resumo(resultado: dominio.Resultado, regras: RegrasPremio) -> Resumo:
    primeiro = resultado.premiados[0] if resultado.premiados else None
    return Resumo(
        regras=regras,
        premissas=list(premissas_em_vigor(regras)),
        extremos={
            nome: Extremos(
                minimo=dominio.decimal_de(e.minimo, CASAS), maximo=dominio.decimal_de(e.maximo, CASAS)
            )
            for nome, e in resultado.extremos.items()
        },
        indicadores_constantes=list(resultado.indicadores_constantes),
        faixas=[
            TotalFaixa(de=f.de, ate=f.ate, valor=f.valor, premiados=f.premiados, total=f.total)
            for f in resultado.faixas
        ],
        valor_total_declarado=regras.valor_total,
        valor_total_distribuido=resultado.valor_total_distribuido,
        premio_adicional=(
            PremioAdicional(
                ibge7=primeiro.entrada.ibge7,
                municipio=primeiro.entrada.municipio,
                descricao=regras.premio_adicional_primeiro_lugar,
            )
            if primeiro is not None and regras.premio_adicional_primeiro_lugar
            else None
        ),
        aptos=len(resultado.aptos),
        inaptos=len(resultado.inaptos),
        premiados=len(resultado.premiados),
        empates_nao_resolvidos=resultado.empates_nao_resolvidos,
        inaptos_por_motivo=dict(sorted(Counter(m for i in resultado.inaptos for m in i.motivos).items())),
    )


def mesclar(base: dict[str, Any], trocas: dict[str, Any]) -> dict[str, Any]:
    """Regras vigentes com os campos da simulação por cima (dicionários aninhados se mesclam)."""
    saida = dict(base)
    for chave, valor in trocas.items():
        if isinstance(valor, dict) and isinstance(saida.get(chave), dict):
            saida[chave] = mesclar(saida[chave], valor)
        else:
            saida[chave] = valor
    return saida
