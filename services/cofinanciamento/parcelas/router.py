"""Rotas das parcelas: geração a partir de um cálculo, lista com filtros, pagamento e conciliação."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response, status
from sqlalchemy.exc import IntegrityError

from services.cofinanciamento.dominio.regras import Bloco
from services.cofinanciamento.parcelas import exportacao, service
from services.cofinanciamento.parcelas.repository import FiltrosParcelas
from services.cofinanciamento.parcelas.schemas import (
    Conciliacao,
    GeracaoSaida,
    ListaParcelas,
    PagamentoEntrada,
    ParcelaSaida,
    PedidoGeracao,
    SituacaoParcela,
)
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import RelogioDep, SessaoDep, UoWDep
from shared.http.seguranca import Papel, Usuario, UsuarioDep, exigir_papeis
from shared.planilhas import RESPOSTAS_PLANILHA, resposta
from shared.regras import AnoPath

router = APIRouter(prefix="/exercicios/{ano}", tags=["parcelas"])
Gestor = Annotated[Usuario, exigir_papeis(Papel.sps_gestor)]
ParcelaPath = Annotated[str, Path(min_length=1, max_length=64, description="Identificador da parcela")]
Ibge7Query = Annotated[str | None, Query(pattern=r"^\d{7}$")]
ERROS: dict[int | str, dict[str, Any]] = {
    403: ESQUEMA_PROBLEMA,
    404: ESQUEMA_PROBLEMA,
    409: ESQUEMA_PROBLEMA,
    422: ESQUEMA_PROBLEMA,
}


def _filtros(
    *,
    ibge7: Ibge7Query = None,
    mes: Annotated[int | None, Query(ge=1, le=12)] = None,
    bloco: Annotated[Bloco | None, Query()] = None,
    situacao: Annotated[SituacaoParcela | None, Query()] = None,
) -> FiltrosParcelas:
    return FiltrosParcelas(ibge7=ibge7, mes=mes, bloco=bloco.value if bloco else None, situacao=situacao)


@router.post(
    "/parcelas",
    status_code=status.HTTP_201_CREATED,
    response_model=GeracaoSaida,
    summary="Gera as parcelas mensais do exercício a partir de um cálculo (gestor da SPS)",
    description="Decreto nº 34.262/2021, Arts. 24 e 26: uma parcela por município, bloco e mês, com o cálculo, os "
    "componentes, as unidades e a memória de onde vem; só para quem preencheu o Plano de Ação — os demais voltam "
    "como pendências, com o motivo. Bloco bloqueado ou suspenso por saldo acumulado gera parcelas bloqueadas ou "
    "suspensas. Sem corpo, usa o cálculo mais recente do exercício. Gerar de novo não duplica: parcela paga nunca "
    "muda; a não paga passa aos valores do cálculo novo (ou é removida, se ele não a produz mais).",
    responses=ERROS,
)
async def gerar(
    *, ano: AnoPath, uow: UoWDep, usuario: Gestor, agora: RelogioDep, pedido: PedidoGeracao | None = None
) -> GeracaoSaida:
    geracao = await service.gerar(
        sessao=uow.sessao,
        exercicio=ano,
        calculo_id=pedido.calculo_id if pedido else None,
        usuario=usuario,
        agora=agora,
    )
    try:
        await uow.commit()
    except IntegrityError:
        raise service.GeracaoSimultanea(
            f"outra geração das parcelas de {ano} foi gravada durante esta: consulte as parcelas e, se preciso, "
            "gere de novo"
        ) from None
    return await service.ler_geracao(uow.sessao, geracao)


@router.get(
    "/parcelas",
    response_model=ListaParcelas,
    summary="Parcelas do exercício, com filtros, e os municípios pendentes da geração mais recente",
)
async def listar(
    *,
    ano: AnoPath,
    filtros: Annotated[FiltrosParcelas, Depends(_filtros)],
    sessao: SessaoDep,
    _usuario: UsuarioDep,
    pagina: Annotated[int, Query(ge=1)] = 1,
    tamanho: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> ListaParcelas:
    return await service.listar(sessao, exercicio=ano, filtros=filtros, pagina=pagina, tamanho=tamanho)


@router.get(
    "/parcelas/{parcela_id}",
    response_model=ParcelaSaida,
    summary="Uma parcela, com a memória e o endereço da memória de cálculo de origem",
    responses={404: ESQUEMA_PROBLEMA},
)
async def ler(ano: AnoPath, parcela_id: ParcelaPath, sessao: SessaoDep, _usuario: UsuarioDep) -> ParcelaSaida:
    return service.saida(await service.do_exercicio(sessao, ano, parcela_id))


@router.post(
    "/parcelas/{parcela_id}/pagamento",
    response_model=ParcelaSaida,
    summary="Registra o pagamento de uma parcela prevista (gestor da SPS)",
    description="A parcela passa a paga, com a data, o valor (que pode diferir do previsto: a conciliação mostra) e "
    "a conta do bloco em que entrou (Art. 26). Parcela bloqueada, suspensa ou já paga, bloco sancionado agora ou "
    "sem conta registrada → 409.",
    responses=ERROS,
)
async def pagar(
    *,
    ano: AnoPath,
    parcela_id: ParcelaPath,
    entrada: PagamentoEntrada,
    uow: UoWDep,
    usuario: Gestor,
    agora: RelogioDep,
) -> ParcelaSaida:
    parcela = await service.pagar(
        sessao=uow.sessao, exercicio=ano, parcela_id=parcela_id, entrada=entrada, usuario=usuario, agora=agora
    )
    await uow.commit()
    return service.saida(parcela)


@router.get(
    "/conciliacao",
    response_model=Conciliacao,
    summary="Conciliação por município e bloco: calculado (soma das parcelas) contra o pago, com as diferenças",
)
async def conciliar(
    ano: AnoPath,
    sessao: SessaoDep,
    _usuario: UsuarioDep,
    ibge7: Ibge7Query = None,
    bloco: Annotated[Bloco | None, Query()] = None,
) -> Conciliacao:
    return await service.conciliar(sessao, exercicio=ano, ibge7=ibge7, bloco=bloco.value if bloco else None)


@router.get(
    "/conciliacao.{formato}",
    summary="Conciliação em CSV ou XLSX (valores em R$ no padrão pt-BR)",
    response_class=Response,
    responses={**RESPOSTAS_PLANILHA, 422: ESQUEMA_PROBLEMA},
)
async def exportar(
    ano: AnoPath,
    formato: Annotated[Literal["csv", "xlsx"], Path()],
    sessao: SessaoDep,
    _usuario: UsuarioDep,
    ibge7: Ibge7Query = None,
    bloco: Annotated[Bloco | None, Query()] = None,
) -> Response:
    conciliacao = await service.conciliar(
        sessao, exercicio=ano, ibge7=ibge7, bloco=bloco.value if bloco else None
    )
    return resposta(
        exportacao.exportar(conciliacao, formato=formato),
        formato=formato,
        arquivo=f"conciliacao_parcelas_{ano}",
    )
