"""Leituras de um cálculo: resumo do Estado, município, memória de cálculo (Art. 23) e fila de cada componente."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.calculos import repository
from services.cofinanciamento.calculos.models import Calculo, CalculoMunicipio, CalculoUnidade
from services.cofinanciamento.calculos.schemas import (
    CalculoResumo,
    CalculoSaida,
    FilaComponente,
    MemoriaBloco,
    MemoriaMunicipio,
    MunicipioCalculado,
    UnidadeCalculada,
)
from services.cofinanciamento.dominio.regras import NOMES_BLOCO, NOMES_COMPONENTE, Bloco, Componente
from shared.erros import NaoEncontrado
from shared.formatos import moeda_br


def resumo(calculo: Calculo) -> CalculoResumo:
    return CalculoResumo(
        id=calculo.id,
        exercicio=calculo.exercicio,
        mes=calculo.mes,
        ano_censo=calculo.ano_censo,
        regras_versao=calculo.regras_versao,
        impressao_digital=calculo.impressao_digital,
        criado_por=calculo.criado_por,
        criado_em=calculo.criado_em,
        valor_mensal_total=calculo.valor_mensal_total,
        blocos={b: Decimal(v) for b, v in calculo.blocos.items()},
    )


def _municipio(m: CalculoMunicipio) -> MunicipioCalculado:
    return MunicipioCalculado(
        ibge7=m.ibge7,
        nome=m.nome,
        porte=m.porte,
        suspenso=m.suspenso,
        valor_mensal=m.valor_mensal,
        blocos={b["bloco"]: Decimal(b["valor_mensal"]) for b in m.blocos},
    )


async def saida(sessao: AsyncSession, calculo: Calculo, *, pagina: int, tamanho: int) -> CalculoSaida:
    total, municipios = await repository.municipios(sessao, calculo.id, pagina=pagina, tamanho=tamanho)
    return CalculoSaida(
        **resumo(calculo).model_dump(),
        componentes=calculo.componentes,
        premissas=calculo.premissas,
        total_municipios=total,
        pagina=pagina,
        tamanho=tamanho,
        municipios=[_municipio(m) for m in municipios],
    )


def unidade(u: CalculoUnidade) -> UnidadeCalculada:
    return UnidadeCalculada.model_validate(u, from_attributes=True)


async def memoria_municipio(sessao: AsyncSession, calculo: Calculo, ibge7: str) -> MemoriaMunicipio:
    m = await repository.municipio(sessao, calculo.id, ibge7)
    if m is None:
        raise NaoEncontrado(f"o município {ibge7} não está no cálculo {calculo.id}")
    unidades = await repository.unidades(sessao, calculo.id, ibge7=ibge7)
    nome = m.nome or ibge7
    blocos = []
    for b in m.blocos:
        bloco = Bloco(b["bloco"])
        valor = Decimal(b["valor_mensal"])
        blocos.append(
            MemoriaBloco(
                bloco=bloco.value,
                nome=NOMES_BLOCO[bloco],
                valor_mensal=valor,
                explicacao=f"{nome} recebe {moeda_br(valor)} por mês no {NOMES_BLOCO[bloco]} "
                f"(exercício {calculo.exercicio}, mês {calculo.mes:02d}, regras versão {calculo.regras_versao}"
                + ("; município suspenso: fora das expansões" if m.suspenso else "")
                + f"): {b['formula']}. "
                + "; ".join(
                    f"{NOMES_COMPONENTE[Componente(c['componente'])]}: {c['formula']}"
                    for c in b["componentes"]
                ),
                formula=b["formula"],
                componentes=b["componentes"],
                unidades=[unidade(u) for u in unidades if u.bloco == bloco.value],
            )
        )
    return MemoriaMunicipio(
        calculo_id=calculo.id,
        exercicio=calculo.exercicio,
        mes=calculo.mes,
        ano_censo=calculo.ano_censo,
        regras_versao=calculo.regras_versao,
        impressao_digital=calculo.impressao_digital,
        ibge7=ibge7,
        nome=m.nome,
        porte=m.porte,
        populacao=m.populacao,
        suspenso=m.suspenso,
        valor_mensal=m.valor_mensal,
        blocos=blocos,
        premissas=calculo.premissas,
    )


async def fila(sessao: AsyncSession, calculo: Calculo, componente: Componente) -> FilaComponente:
    orcamento = next((c for c in calculo.componentes if c["componente"] == componente.value), {})
    return FilaComponente(
        calculo_id=calculo.id,
        componente=componente.value,
        orcamento=orcamento,
        prioridades=calculo.prioridades.get(componente.value, []),
        unidades=[
            unidade(u) for u in await repository.unidades(sessao, calculo.id, componente=componente.value)
        ],
    )
