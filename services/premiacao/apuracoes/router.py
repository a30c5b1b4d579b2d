from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response, status

from services.premiacao.apuracoes import service
from services.premiacao.apuracoes.schemas import (
    ApuracaoResumo,
    ApuracaoSaida,
    Comparacao,
    ExplicacaoCras,
    ListaApuracoes,
    SimulacaoEntrada,
    SimulacaoSaida,
)
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import SessaoDep, UoWDep
from shared.http.seguranca import Papel, Usuario, UsuarioDep, exigir_papeis
from shared.planilhas import RESPOSTAS_PLANILHA, resposta
from shared.regras import AnoPath

router = APIRouter(prefix="/exercicios/{ano}", tags=["apurações"])
IdPath = Annotated[str, Path(min_length=1, max_length=36, description="Identificador da apuração")]
Equipe = Annotated[Usuario, exigir_papeis(Papel.sps_gestor, Papel.sps_tecnico)]
Gestor = Annotated[Usuario, exigir_papeis(Papel.sps_gestor)]
EQUIPE_SPS = frozenset({Papel.sps_gestor, Papel.sps_tecnico, Papel.leitura, Papel.sistema})


async def _so_publicadas(usuario: UsuarioDep) -> bool:
    """Municípios e conselhos veem só resultados publicados; apurações de trabalho são da equipe da SPS."""
    return not usuario.papeis & EQUIPE_SPS


SoPublicadas = Annotated[bool, Depends(_so_publicadas)]
ERROS: dict[int | str, dict[str, Any]] = {403: ESQUEMA_PROBLEMA, 404: ESQUEMA_PROBLEMA, 422: ESQUEMA_PROBLEMA}


@router.post(
    "/apuracoes",
    response_model=ApuracaoSaida,
    status_code=status.HTTP_201_CREATED,
    summary="Apura a classificação do exercício com os dados e as regras vigentes",
    description="Guarda o resultado imutável, com a impressão digital de todas as entradas, a versão das regras, "
    "quem e quando. Mesmas entradas e regras → mesmo resultado. Devolve a primeira página da classificação.",
    responses=ERROS,
)
async def apurar(ano: AnoPath, uow: UoWDep, usuario: Equipe, response: Response) -> ApuracaoSaida:
    apuracao = await service.apurar(uow=uow, exercicio=ano, autor=usuario.nome or usuario.sub)
    await uow.commit()
    response.headers["Location"] = f"/api/v1/exercicios/{ano}/apuracoes/{apuracao.id}"
    return await service.ler(
        sessao=uow.sessao,
        exercicio=ano,
        apuracao_id=apuracao.id,
        pagina=1,
        tamanho=50,
        ibge7=None,
        premiado=None,
        apto=None,
    )


@router.get(
    "/apuracoes", response_model=ListaApuracoes, summary="Apurações do exercício, da mais nova à mais antiga"
)
async def listar(ano: AnoPath, sessao: SessaoDep, so_publicadas: SoPublicadas) -> ListaApuracoes:
    return ListaApuracoes(
        itens=await service.listar(sessao=sessao, exercicio=ano, so_publicadas=so_publicadas)
    )


@router.get(
    "/apuracoes/{apuracao_id}",
    response_model=ApuracaoSaida,
    summary="Resultado de uma apuração, com a classificação paginada",
    description="Aptos na ordem da classificação, depois os não aptos com os motivos. Filtros: município (IBGE7), "
    "premiado, apto.",
    responses={404: ESQUEMA_PROBLEMA},
)
async def ler(
    *,
    ano: AnoPath,
    apuracao_id: IdPath,
    sessao: SessaoDep,
    so_publicadas: SoPublicadas,
    pagina: Annotated[int, Query(ge=1)] = 1,
    tamanho: Annotated[int, Query(ge=1, le=500)] = 50,
    ibge7: Annotated[str | None, Query(pattern=r"^\d{7}$", description="Só os CRAS deste município")] = None,
    premiado: Annotated[
        bool | None, Query(description="Só premiados (true) ou só não premiados (false)")
    ] = None,
    apto: Annotated[bool | None, Query(description="Só aptos (true) ou só não aptos (false)")] = None,
) -> ApuracaoSaida:
    return await service.ler(
        sessao=sessao,
        exercicio=ano,
        apuracao_id=apuracao_id,
        pagina=pagina,
        tamanho=tamanho,
        ibge7=ibge7,
        premiado=premiado,
        apto=apto,
        so_publicadas=so_publicadas,
    )


@router.get(
    "/apuracoes/{apuracao_id}/cras/{id_cras}",
    response_model=ExplicacaoCras,
    summary="Por que um CRAS ficou onde ficou, em pt-BR e com os números",
    responses={404: ESQUEMA_PROBLEMA},
)
async def explicar(
    ano: AnoPath,
    apuracao_id: IdPath,
    id_cras: Annotated[str, Path(pattern=r"^\d{11}$", description="NU_IDENTIFICADOR do CRAS")],
    sessao: SessaoDep,
    so_publicadas: SoPublicadas,
) -> ExplicacaoCras:
    return await service.explicar(
        sessao=sessao, exercicio=ano, apuracao_id=apuracao_id, id_cras=id_cras, so_publicadas=so_publicadas
    )


@router.get(
    "/apuracoes/{apuracao_id}/comparar/{outra_id}",
    response_model=Comparacao,
    summary="O que mudou entre duas apurações, e por quê",
    responses={404: ESQUEMA_PROBLEMA},
)
async def comparar(
    ano: AnoPath, apuracao_id: IdPath, outra_id: IdPath, sessao: SessaoDep, so_publicadas: SoPublicadas
) -> Comparacao:
    return await service.comparar(
        sessao=sessao, exercicio=ano, apuracao_id=apuracao_id, outra_id=outra_id, so_publicadas=so_publicadas
    )


@router.get(
    "/apuracoes/{apuracao_id}/classificacao.{formato}",
    summary="Classificação completa em CSV ou XLSX, pronta para anexo da publicação",
    description="Cabeçalho com o decreto, as regras (versão) e a impressão digital; números em pt-BR (R$ 1.234,56). "
    "A mesma apuração gera sempre os mesmos bytes.",
    response_class=Response,
    responses={**RESPOSTAS_PLANILHA, 404: ESQUEMA_PROBLEMA},
)
async def exportar(
    ano: AnoPath,
    apuracao_id: IdPath,
    formato: Annotated[Literal["csv", "xlsx"], Path(description="csv ou xlsx")],
    sessao: SessaoDep,
    so_publicadas: SoPublicadas,
) -> Response:
    conteudo = await service.exportar(
        sessao=sessao, exercicio=ano, apuracao_id=apuracao_id, formato=formato, so_publicadas=so_publicadas
    )
    return resposta(conteudo, formato=formato, arquivo=f"premio_cras_{ano}_{apuracao_id}")


@router.post(
    "/apuracoes/{apuracao_id}/publicacao",
    response_model=ApuracaoResumo,
    summary="Publica o resultado (só gestor da SPS); a publicada anterior fica substituída",
    description="Publica o evento resultado_publicado.v1. Um resultado publicado nunca muda: para corrigir, "
    "faz-se uma nova apuração e publica-se esta.",
    responses={**ERROS, 409: ESQUEMA_PROBLEMA},
)
async def publicar(ano: AnoPath, apuracao_id: IdPath, uow: UoWDep, usuario: Gestor) -> ApuracaoResumo:
    apuracao = await service.publicar(
        uow=uow, exercicio=ano, apuracao_id=apuracao_id, autor=usuario.nome or usuario.sub
    )
    await uow.commit()
    return service.resumo_de(apuracao)


@router.post(
    "/simulacoes",
    response_model=SimulacaoSaida,
    summary="Simula a apuração com regras trocadas, sem guardar nada",
    description="Para a SPS ver o efeito de um peso ou de um desempate antes de o decreto ser assinado.",
    responses=ERROS,
)
async def simular(
    ano: AnoPath, entrada: SimulacaoEntrada, sessao: SessaoDep, _usuario: Equipe
) -> SimulacaoSaida:
    return await service.simular(sessao=sessao, exercicio=ano, trocas=entrada.regras)
