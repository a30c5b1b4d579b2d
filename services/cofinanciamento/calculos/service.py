"""Calcula o cofinanciamento de um exercício e mês e o guarda imutável, com a impressão digital das entradas.

Mesmas entradas e regras dão o mesmo resultado: um pedido repetido devolve o cálculo já feito, sem eventos novos.
"""

from __future__ import annotations

import asyncio
import gc
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.calculos import repository
from services.cofinanciamento.calculos.models import Calculo
from services.cofinanciamento.calculos.serializacao import (
    entradas_de_json,
    entradas_para_json,
    impressao_digital,
    para_json,
)
from services.cofinanciamento.dominio.calculo import ResultadoCofinanciamento, calcular
from services.cofinanciamento.dominio.entradas import Entradas
from services.cofinanciamento.dominio.regras import RegrasCofinanciamento
from services.cofinanciamento.leitura import repository as leitura
from services.cofinanciamento.regras.service import REGRAS
from services.cofinanciamento.sancoes import repository as sancoes
from shared.coletor import coleta_so_do_que_nasce, sem_coleta_de_ciclos
from shared.erros import DadosInvalidos, NaoEncontrado
from shared.eventos.esquemas import CofinanciamentoCalculado, ValorBloco
from shared.outbox import UnidadeDeTrabalho


class SemDados(DadosInvalidos):
    codigo = "sem_dados"
    titulo = "Faltam dados para calcular"


async def _ano_censo(sessao: AsyncSession, exercicio: int, pedido: int | None) -> int:
    anos = await leitura.anos_censo(sessao)
    if pedido is not None:
        if pedido not in anos:
            raise SemDados(
                f"não há dados do Censo SUAS de {pedido} (há: {', '.join(map(str, anos)) or 'nenhum'}); "
                "carregue o Censo na Ingestão",
                anos_censo=anos,
            )
        return pedido
    possiveis = [a for a in anos if a <= exercicio]
    if not possiveis:
        raise SemDados(
            f"não há dados do Censo SUAS até {exercicio} (há: {', '.join(map(str, anos)) or 'nenhum'}); "
            "carregue o Censo na Ingestão ou informe ano_censo",
            anos_censo=anos,
        )
    return max(possiveis)


async def calcular_e_guardar(
    *, uow: UnidadeDeTrabalho, exercicio: int, mes: int, ano_censo: int | None, autor: str, agora: datetime
) -> tuple[Calculo, bool]:
    """Devolve (cálculo, novo). Publica cofinanciamento_calculado.v1 por município quando o cálculo é novo."""
    sessao = uow.sessao
    versao = await REGRAS.vigente(sessao=sessao, exercicio=exercicio)
    regras = REGRAS.regras_de(versao)
    REGRAS.validar(regras, exercicio=exercicio)
    ano = await _ano_censo(sessao, exercicio, ano_censo)
    with coleta_so_do_que_nasce():
        entradas = await leitura.entradas(
            sessao, ano_censo=ano, ano_indicadores=exercicio, suspensos=await sancoes.suspensos(sessao)
        )
        if not entradas.municipios:
            raise SemDados("não há municípios na referência; carregue-os na Ingestão")
        entradas_json = entradas_para_json(entradas)
        impressao = impressao_digital(
            {
                "exercicio": exercicio,
                "mes": mes,
                "ano_censo": ano,
                "regras": regras.model_dump(mode="json"),
                "entradas": entradas_json,
            }
        )
        if (existente := await repository.mesmo_calculo(sessao, exercicio, mes, impressao)) is not None:
            return existente, False
        # O cálculo e as linhas a gravar são CPU puro: numa thread, o laço de eventos segue atendendo (saúde,
        # outras requisições).
        calculo_id = str(uuid.uuid4())
        feito = await asyncio.to_thread(_calcular_e_serializar, entradas, regras, calculo_id)
        resultado = feito.resultado
        calculo = Calculo(
            id=calculo_id,
            exercicio=exercicio,
            mes=mes,
            ano_censo=ano,
            regras_versao=versao.versao,
            impressao_digital=impressao,
            entradas=entradas_json,
            blocos={b.value: str(v) for b, v in resultado.blocos.items()},
            componentes=feito.componentes,
            premissas=feito.premissas,
            prioridades=feito.prioridades,
            valor_mensal_total=resultado.valor_mensal_total,
            criado_por=autor,
            criado_em=agora,
        )
        await repository.inserir(sessao, calculo, feito.municipios, feito.unidades)
        for m in resultado.municipios:
            uow.publicar(
                CofinanciamentoCalculado(
                    calculo_id=calculo.id,
                    exercicio=exercicio,
                    mes=mes,
                    ibge7=m.ibge7,
                    blocos=tuple(
                        ValorBloco(bloco=b.bloco.value, valor_mensal=b.valor_mensal) for b in m.blocos
                    ),
                    valor_mensal=m.valor_mensal,
                    suspenso=m.suspenso,
                    regras_versao=versao.versao,
                    impressao_digital=impressao,
                    calculado_em=agora,
                )
            )
    return calculo, True


@dataclass(frozen=True)
class _Feito:
    """O resultado do domínio e o que se grava dele: os campos JSON do cálculo e as linhas."""

    resultado: ResultadoCofinanciamento
    componentes: list[dict[str, Any]]
    premissas: list[dict[str, Any]]
    prioridades: dict[str, Any]
    municipios: list[dict[str, Any]]
    unidades: list[dict[str, Any]]


def _calcular_e_serializar(entradas: Entradas, regras: RegrasCofinanciamento, calculo_id: str) -> _Feito:
    """O cálculo e as linhas a gravar, sem o coletor de ciclos; ao fim, o que foi criado fica congelado.

    Em escala nacional são dezenas de milhares de unidades, cada uma com a memória de cálculo (≈10 kB em JSON):
    o coletor varreria tudo o que está vivo a cada poucos milhares de alocações, aqui e de novo na gravação,
    cerca de um quarto do tempo do POST. Nada aqui cria ciclos: a contagem de referências continua liberando a
    memória. O `gc.freeze()` final (ainda com o coletor desligado) tira do coletor o que foi criado, vivo até a
    gravação; o `coleta_so_do_que_nasce` de `calcular_e_guardar` o devolve ao fim.
    """
    with sem_coleta_de_ciclos():
        resultado = calcular(entradas, regras)
        feito = _Feito(
            resultado=resultado,
            componentes=para_json(resultado.componentes),
            premissas=para_json(resultado.premissas),
            prioridades=para_json(resultado.prioridades),
            municipios=_linhas_municipios(calculo_id, resultado),
            unidades=_linhas_unidades(calculo_id, resultado),
        )
        gc.freeze()
        return feito


def _linhas_municipios(calculo_id: str, resultado: ResultadoCofinanciamento) -> list[dict[str, Any]]:
    return [
        {
            "calculo_id": calculo_id,
            "ibge7": m.ibge7,
            "nome": m.nome,
            "porte": m.porte.value if m.porte else None,
            "populacao": para_json(m.populacao),
            "suspenso": m.suspenso,
            "valor_mensal": m.valor_mensal,
            "blocos": para_json(m.blocos),
        }
        for m in resultado.municipios
    ]


def _linhas_unidades(calculo_id: str, resultado: ResultadoCofinanciamento) -> list[dict[str, Any]]:
    return [
        {
            "calculo_id": calculo_id,
            "componente": u.componente.value,
            "id_unidade": u.id_unidade,
            "ibge7": u.ibge7,
            "bloco": u.bloco.value,
            "tipo_unidade": u.tipo_unidade,
            "situacao": u.situacao,
            "motivos": list(u.motivos),
            "valor_piso": u.valor_piso,
            "valor_mensal": u.valor_mensal,
            "posicao": u.posicao,
            "rodada": u.rodada,
            "posicao_municipio": u.posicao_municipio,
            "memoria": {**para_json(u.memoria), "texto": u.memoria.texto()},
        }
        for u in resultado.unidades
    ]


async def do_exercicio(sessao: AsyncSession, exercicio: int, calculo_id: str) -> Calculo:
    calculo = await repository.calculo(sessao, calculo_id)
    if calculo is None or calculo.exercicio != exercicio:
        raise NaoEncontrado(f"não há cálculo {calculo_id} no exercício {exercicio}")
    return calculo


async def refazer(
    sessao: AsyncSession, calculo: Calculo
) -> tuple[ResultadoCofinanciamento, RegrasCofinanciamento]:
    """O resultado de domínio de um cálculo guardado, refeito das entradas e da versão das regras (reprodutível)."""
    versao = await REGRAS.versao(sessao=sessao, exercicio=calculo.exercicio, numero=calculo.regras_versao)
    assert versao is not None, "a versão de regras de um cálculo nunca se apaga"
    regras = REGRAS.regras_de(versao)
    return await asyncio.to_thread(calcular, entradas_de_json(calculo.entradas), regras), regras
