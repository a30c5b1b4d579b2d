"""Rotas dos cálculos: calcular, ler o Estado e cada município, memória de cálculo, fila e exportação."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response, status

from services.cofinanciamento.calculos import exportacao, memoria, repository, service
from services.cofinanciamento.calculos.schemas import (
    CalculoSaida,
    FilaComponente,
    ListaCalculos,
    MemoriaMunicipio,
    PedidoCalculo,
)
from services.cofinanciamento.dominio.regras import Componente
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import RelogioDep, SessaoDep, UoWDep
from shared.http.seguranca import Papel, Usuario, UsuarioDep, exigir_papeis
from shared.planilhas import RESPOSTAS_PLANILHA, resposta
from shared.regras import AnoPath

router = APIRouter(prefix="/exercicios/{ano}/calculos", tags=["cálculos"])
CalculoPath = Annotated[str, Path(min_length=1, max_length=64, description="Identificador do cálculo")]
Ibge7Path = Annotated[str, Path(pattern=r"^\d{7}$")]
ERROS: dict[int | str, dict[str, Any]] = {403: ESQUEMA_PROBLEMA, 404: ESQUEMA_PROBLEMA, 422: ESQUEMA_PROBLEMA}
Equipe = Annotated[Usuario, exigir_papeis(Papel.sps_gestor, Papel.sps_tecnico)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CalculoSaida,
    summary="Calcula o cofinanciamento do exercício num mês (equipe da SPS)",
    description="Pisos por unidade e componente, prioridade e cobertura dentro do orçamento, totais por município, "
    "bloco e Estado (Decreto nº 34.262/2021, Arts. 12–23). Guarda o cálculo imutável com a impressão digital "
    "das entradas e publica cofinanciamento_calculado.v1 por município. Mesmas entradas e regras: devolve o "
    "cálculo já feito (200), sem eventos novos.",
    responses=ERROS,
)
async def calcular(
    *,
    ano: AnoPath,
    pedido: PedidoCalculo,
    uow: UoWDep,
    usuario: Equipe,
    agora: RelogioDep,
    response: Response,
) -> CalculoSaida:
    calculo, novo = await service.calcular_e_guardar(
        uow=uow,
        exercicio=ano,
        mes=pedido.mes,
        ano_censo=pedido.ano_censo,
        autor=usuario.nome or usuario.sub,
        agora=agora,
    )
    await uow.commit()
    if not novo:
        response.status_code = status.HTTP_200_OK
    response.headers["Location"] = f"/api/v1/exercicios/{ano}/calculos/{calculo.id}"
    return await memoria.saida(uow.sessao, calculo, pagina=1, tamanho=50)


@router.get("", response_model=ListaCalculos, summary="Cálculos do exercício, do mais antigo ao mais novo")
async def listar(ano: AnoPath, sessao: SessaoDep, _usuario: UsuarioDep) -> ListaCalculos:
    return ListaCalculos(
        exercicio=ano, calculos=[memoria.resumo(c) for c in await repository.listar(sessao, ano)]
    )


@router.get(
    "/{calculo_id}",
    response_model=CalculoSaida,
    summary="Resultado do Estado: total por bloco, por componente (orçamento e saldo) e por município",
    responses=ERROS,
)
async def ler(
    *,
    ano: AnoPath,
    calculo_id: CalculoPath,
    sessao: SessaoDep,
    _usuario: UsuarioDep,
    pagina: Annotated[int, Query(ge=1)] = 1,
    tamanho: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> CalculoSaida:
    calculo = await service.do_exercicio(sessao, ano, calculo_id)
    return await memoria.saida(sessao, calculo, pagina=pagina, tamanho=tamanho)


@router.get(
    "/{calculo_id}/municipios/{ibge7}/memoria",
    response_model=MemoriaMunicipio,
    summary="Memória de cálculo do município: por que recebe R$ Y em cada bloco (Art. 23)",
    description="Para cada bloco: o valor, a explicação em pt-BR, a fórmula em palavras e números, e cada unidade com "
    "as entradas, os parâmetros com a fonte legal, a prioridade, o estado do orçamento e as premissas em vigor.",
    responses=ERROS,
)
async def memoria_municipio(
    ano: AnoPath, calculo_id: CalculoPath, ibge7: Ibge7Path, sessao: SessaoDep, _usuario: UsuarioDep
) -> MemoriaMunicipio:
    return await memoria.memoria_municipio(sessao, await service.do_exercicio(sessao, ano, calculo_id), ibge7)


async def _exportar(
    sessao: SessaoDep, ano: int, calculo_id: str, ibge7: str | None, formato: Literal["csv", "xlsx"]
) -> Response:
    calculo = await service.do_exercicio(sessao, ano, calculo_id)
    if ibge7 is not None:
        await memoria.memoria_municipio(
            sessao, calculo, ibge7
        )  # 404 claro se o município não está no cálculo
    conteudo = await exportacao.exportar(sessao, calculo, ibge7=ibge7, formato=formato)
    alvo = ibge7 or "estado"
    return resposta(
        conteudo, formato=formato, arquivo=f"memoria_cofinanciamento_{ano}_{calculo.mes:02d}_{alvo}"
    )


@router.get(
    "/{calculo_id}/municipios/{ibge7}/memoria.{formato}",
    summary="Memória de cálculo do município em CSV ou XLSX",
    response_class=Response,
    responses={**RESPOSTAS_PLANILHA, **ERROS},
)
async def exportar_municipio(
    *,
    ano: AnoPath,
    calculo_id: CalculoPath,
    ibge7: Ibge7Path,
    formato: Annotated[Literal["csv", "xlsx"], Path()],
    sessao: SessaoDep,
    _usuario: UsuarioDep,
) -> Response:
    return await _exportar(sessao, ano, calculo_id, ibge7, formato)


@router.get(
    "/{calculo_id}/memoria.{formato}",
    summary="Memória de cálculo do Estado inteiro em CSV ou XLSX (para o Tribunal de Contas)",
    response_class=Response,
    responses={**RESPOSTAS_PLANILHA, **ERROS},
)
async def exportar_estado(
    ano: AnoPath,
    calculo_id: CalculoPath,
    formato: Annotated[Literal["csv", "xlsx"], Path()],
    sessao: SessaoDep,
    _usuario: UsuarioDep,
) -> Response:
    return await _exportar(sessao, ano, calculo_id, None, formato)


@router.get(
    "/{calculo_id}/componentes/{componente}",
    response_model=FilaComponente,
    summary="Fila de um componente: prioridade dos municípios e unidades cobertas e aguardando, com a posição",
    responses=ERROS,
)
async def fila(
    ano: AnoPath, calculo_id: CalculoPath, componente: Componente, sessao: SessaoDep, _usuario: UsuarioDep
) -> FilaComponente:
    return await memoria.fila(sessao, await service.do_exercicio(sessao, ano, calculo_id), componente)
