"""Rotas do Plano de Ação: abertura pela SPS, preenchimento pelo município, parecer do CMAS, leituras."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response, status
from sqlalchemy.exc import IntegrityError

from services.cofinanciamento.plano_acao import service
from services.cofinanciamento.plano_acao.schemas import (
    AberturaPlanoAcao,
    ParecerEntrada,
    PlanoAcaoExercicioSaida,
    PlanoAcaoMunicipioSaida,
    PreenchimentoPlanoAcao,
)
from shared.erros import Conflito
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.concorrencia import VersaoLidaOpcionalDep, marcar_versao
from shared.http.dependencias import RelogioDep, SessaoDep, UoWDep
from shared.http.seguranca import Papel, Usuario, UsuarioDep, exigir_papeis
from shared.outbox import UnidadeDeTrabalho
from shared.regras import AnoPath

router = APIRouter(prefix="/exercicios/{ano}/plano-acao", tags=["plano de ação"])
Ibge7Path = Annotated[str, Path(pattern=r"^\d{7}$")]
Equipe = Annotated[Usuario, exigir_papeis(Papel.sps_gestor, Papel.sps_tecnico)]
ERROS: dict[int | str, dict[str, Any]] = {
    403: ESQUEMA_PROBLEMA,
    404: ESQUEMA_PROBLEMA,
    409: ESQUEMA_PROBLEMA,
    422: ESQUEMA_PROBLEMA,
}


async def _responder(
    uow: UnidadeDeTrabalho, ano: int, ibge7: str, response: Response, agora: RelogioDep
) -> PlanoAcaoMunicipioSaida:
    """Confirma a transação e devolve o plano como ficou, com o ETag da versão nova."""
    await uow.commit()
    saida = await service.ler_municipio(uow.sessao, exercicio=ano, ibge7=ibge7, agora=agora)
    assert saida.versao is not None
    marcar_versao(response, saida.versao)
    return saida


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PlanoAcaoExercicioSaida,
    summary="Abre o Plano de Ação do exercício, com o prazo de preenchimento (equipe da SPS)",
    description="Decreto nº 34.262/2021, Art. 24. Até o prazo (inclusive, no horário do Ceará) o gestor municipal "
    "preenche e altera o plano; depois dele o CMAS dá o parecer (Art. 25). Uma vez por exercício (409 se já "
    "aberto).",
    responses=ERROS,
)
async def abrir(
    *, ano: AnoPath, abertura: AberturaPlanoAcao, uow: UoWDep, usuario: Equipe, agora: RelogioDep
) -> PlanoAcaoExercicioSaida:
    await service.abrir(sessao=uow.sessao, exercicio=ano, prazo=abertura.prazo, usuario=usuario, agora=agora)
    try:
        await uow.commit()
    except IntegrityError:  # duas aberturas ao mesmo tempo: a outra chegou primeiro
        raise Conflito(f"o Plano de Ação de {ano} acaba de ser aberto por outra requisição") from None
    return await service.ler_exercicio(uow.sessao, exercicio=ano, agora=agora)


@router.get(
    "",
    response_model=PlanoAcaoExercicioSaida,
    summary="Plano de Ação do exercício: prazo e a situação de cada município (preenchido ou pendente, parecer)",
    responses={404: ESQUEMA_PROBLEMA},
)
async def ler(
    ano: AnoPath, sessao: SessaoDep, _usuario: UsuarioDep, agora: RelogioDep
) -> PlanoAcaoExercicioSaida:
    return await service.ler_exercicio(sessao, exercicio=ano, agora=agora)


@router.get(
    "/municipios/{ibge7}",
    response_model=PlanoAcaoMunicipioSaida,
    summary="Plano de Ação do município: usos planejados, o que o cálculo pede, parecer do CMAS e histórico",
    description="Preenchido, o cabeçalho ETag traz a versão; envie-a em If-Match para alterar o plano.",
    responses={404: ESQUEMA_PROBLEMA},
)
async def ler_municipio(
    ano: AnoPath,
    ibge7: Ibge7Path,
    sessao: SessaoDep,
    _usuario: UsuarioDep,
    agora: RelogioDep,
    response: Response,
) -> PlanoAcaoMunicipioSaida:
    saida = await service.ler_municipio(sessao, exercicio=ano, ibge7=ibge7, agora=agora)
    if saida.versao is not None:
        marcar_versao(response, saida.versao)
    return saida


@router.put(
    "/municipios/{ibge7}",
    response_model=PlanoAcaoMunicipioSaida,
    summary="Preenche o uso planejado por bloco e componente (gestor municipal do município, até o prazo)",
    description="Cada componente precisa somar o que o cálculo mais recente do exercício dá ao município no ano "
    "(valor mensal × meses de repasse); senão 422 com todos os problemas. Plano de Ação do exercício não aberto ou "
    "prazo encerrado → 409. Para alterar um plano já preenchido, If-Match com o ETag da leitura (428 sem ele, "
    "412 se outra pessoa o alterou).",
    responses={**ERROS, 412: ESQUEMA_PROBLEMA, 428: ESQUEMA_PROBLEMA},
)
async def preencher(
    *,
    ano: AnoPath,
    ibge7: Ibge7Path,
    preenchimento: PreenchimentoPlanoAcao,
    uow: UoWDep,
    usuario: UsuarioDep,
    lida: VersaoLidaOpcionalDep,
    agora: RelogioDep,
    response: Response,
) -> PlanoAcaoMunicipioSaida:
    await service.preencher(
        sessao=uow.sessao,
        exercicio=ano,
        ibge7=ibge7,
        usos=preenchimento.usos,
        usuario=usuario,
        lida=lida,
        agora=agora,
    )
    return await _responder(uow, ano, ibge7, response, agora)


@router.post(
    "/municipios/{ibge7}/parecer",
    response_model=PlanoAcaoMunicipioSaida,
    summary="Parecer do CMAS sobre o plano do município, depois do prazo (CMAS do município)",
    description="Decreto nº 34.262/2021, Art. 25: favorável, ou desfavorável com os motivos. Antes do fim do prazo, "
    "sem plano preenchido ou com parecer já dado → 409; outro papel ou outro município → 403.",
    responses=ERROS,
)
async def dar_parecer(
    *,
    ano: AnoPath,
    ibge7: Ibge7Path,
    entrada: ParecerEntrada,
    uow: UoWDep,
    usuario: UsuarioDep,
    agora: RelogioDep,
    response: Response,
) -> PlanoAcaoMunicipioSaida:
    await service.dar_parecer(
        sessao=uow.sessao, exercicio=ano, ibge7=ibge7, entrada=entrada, usuario=usuario, agora=agora
    )
    return await _responder(uow, ano, ibge7, response, agora)
