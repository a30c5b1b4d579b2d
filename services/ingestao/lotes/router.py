from __future__ import annotations

import csv
import io
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Path, Query, Request, Response, UploadFile, status
from sqlalchemy.exc import IntegrityError

from services.ingestao.lotes import importacao, repository, segundo_plano
from services.ingestao.lotes.models import Lote
from services.ingestao.lotes.schemas import LoteSaida, PaginaLotes
from services.ingestao.lotes.tipos import IMPORTADORES
from shared.erros import NaoEncontrado
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import SessaoDep, UoWDep
from shared.http.seguranca import Papel, Usuario, UsuarioDep, exigir_papeis
from shared.outbox import UnidadeDeTrabalho
from shared.servico import Runtime

router = APIRouter(prefix="/lotes", tags=["lotes"])
TipoArquivo = StrEnum("TipoArquivo", {t: t for t in IMPORTADORES})  # type: ignore[misc]


@router.post(
    "",
    response_model=LoteSaida,
    status_code=status.HTTP_201_CREATED,
    summary="Recebe um arquivo do MDS e o publica como eventos",
    description=(
        "Aceita CSV (`;` ou `,`, UTF-8/Windows-1252/Latin-1, decimal com vírgula ou ponto, linhas de título "
        "acima do cabeçalho) ou XLSX, no formato de `docs/formatos.md`. Todas as linhas são validadas e todos "
        "os problemas voltam de uma vez (linha, coluna, valor, motivo). Por padrão, um arquivo com erro é "
        "recusado inteiro (422) e nada é gravado; com `parcial=true` as linhas válidas entram e as rejeitadas "
        "ficam no relatório do lote. O mesmo arquivo de novo responde 200 com o lote existente; arquivos acima de "
        "`LIMITE_SINCRONO_BYTES` respondem 202 e são processados em segundo plano (consulte o lote em `Location`).\n\n"
        "**SISC** (formato canônico do sistema, só agregados; arquivos com NIS ou nomes são recusados):\n"
        "```\nano;mes;NU_IDENTIFICADOR;IBGE7;faixa_etaria;usuarios_atendidos;capacidade_atendimento\n"
        "2023;3;23001006462;2300101;0-6;40;60\n2023;3;23001006462;2300101;7-14;85;90\n```\n"
        "Faixas: `0-6`, `7-14`, `15-17`, `18-29`, `30-59`, `60+`."
    ),
    responses={
        200: {"description": "Arquivo já recebido antes: devolve o lote existente"},
        202: {
            "description": "Arquivo grande: aceito e em processamento; consulte o lote (cabeçalho Location)"
        },
        409: ESQUEMA_PROBLEMA,
        413: ESQUEMA_PROBLEMA,
        422: ESQUEMA_PROBLEMA,
    },
)
async def receber_arquivo(
    *,
    request: Request,
    response: Response,
    tarefas: BackgroundTasks,
    uow: UoWDep,
    arquivo: Annotated[UploadFile, File(description="Arquivo CSV ou XLSX")],
    usuario: Annotated[Usuario, exigir_papeis(Papel.sps_gestor, Papel.sps_tecnico, Papel.sistema)],
    tipo: Annotated[TipoArquivo, Query(description="Tipo do arquivo")],
    ano: Annotated[int | None, Query(ge=2000, le=2100, description="Ano de referência do lote")] = None,
    mes: Annotated[int | None, Query(ge=1, le=12, description="Mês de referência (arquivos mensais)")] = None,
    parcial: Annotated[bool, Query(description="Aceitar só as linhas válidas")] = False,
) -> LoteSaida:
    return await receber(
        request=request,
        response=response,
        tarefas=tarefas,
        uow=uow,
        arquivo=arquivo,
        usuario=usuario,
        tipo=str(tipo.value),
        ano=ano,
        mes=mes,
        parcial=parcial,
    )


async def receber(
    *,
    request: Request,
    response: Response,
    tarefas: BackgroundTasks,
    uow: UnidadeDeTrabalho,
    arquivo: UploadFile,
    usuario: Usuario,
    tipo: str,
    ano: int | None,
    mes: int | None,
    parcial: bool,
) -> LoteSaida:
    """A borda de toda importação: chama o serviço e confirma a transação (201 novo, 200 já recebido)."""
    importador = IMPORTADORES[tipo]
    importacao.exigir_periodo(importador, ano)
    envio = importacao.Envio(
        importador=importador,
        arquivo=arquivo.file,
        nome_arquivo=arquivo.filename or f"{tipo}.csv",
        enviado_por=usuario.sub,
        ano=ano,
        mes=mes,
        parcial=parcial,
    )
    runtime = request.app.state.runtime
    if (arquivo.size or 0) > runtime.settings.limite_sincrono_bytes:
        return await _em_segundo_plano(runtime=runtime, response=response, tarefas=tarefas, envio=envio)
    lote, novo = await importacao.importar(uow=uow, settings=runtime.settings, envio=envio)
    if not novo:
        return _ja_recebido(response, lote)
    try:
        await uow.commit()
    except IntegrityError:
        raise importacao.RecebimentoSimultaneo from None
    return LoteSaida.model_validate(lote)


def _ja_recebido(response: Response, lote: Lote) -> LoteSaida:
    response.status_code = status.HTTP_200_OK
    return LoteSaida.model_validate(lote).model_copy(update={"ja_recebido": True})


async def _em_segundo_plano(
    *, runtime: Runtime, response: Response, tarefas: BackgroundTasks, envio: importacao.Envio
) -> LoteSaida:
    lote, novo, caminho = await segundo_plano.registrar(runtime=runtime, envio=envio)
    if not novo or caminho is None:
        return _ja_recebido(response, lote)
    tarefas.add_task(
        segundo_plano.processar,
        runtime=runtime,
        lote=lote,
        caminho=caminho,
        importador=envio.importador,
    )
    response.status_code = status.HTTP_202_ACCEPTED
    response.headers["Location"] = f"/api/v1/lotes/{lote.id}"
    return LoteSaida.model_validate(lote)


@router.get(
    "", response_model=PaginaLotes, summary="Lista os lotes recebidos, do mais recente ao mais antigo"
)
async def listar_lotes(
    sessao: SessaoDep,
    _u: UsuarioDep,
    tipo: Annotated[str | None, Query(max_length=40)] = None,
    ano: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    pagina: Annotated[int, Query(ge=1)] = 1,
    tamanho: Annotated[int, Query(ge=1, le=500)] = 50,
) -> PaginaLotes:
    itens, total = await repository.listar(sessao, tipo=tipo, ano=ano, pagina=pagina, tamanho=tamanho)
    return PaginaLotes(
        itens=[LoteSaida.model_validate(i) for i in itens], total=total, pagina=pagina, tamanho=tamanho
    )


@router.get(
    "/{lote_id}",
    response_model=LoteSaida,
    summary="Situação e contagens de um lote",
    responses={404: ESQUEMA_PROBLEMA},
)
async def obter_lote(
    lote_id: Annotated[str, Path(max_length=36)], sessao: SessaoDep, _u: UsuarioDep
) -> LoteSaida:
    lote = await repository.obter(sessao, lote_id)
    if lote is None:
        raise NaoEncontrado(f"lote {lote_id} não encontrado")
    return LoteSaida.model_validate(lote)


@router.get(
    "/{lote_id}/erros.csv",
    summary="Relatório das linhas rejeitadas de um lote (CSV para abrir no Excel)",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, 404: ESQUEMA_PROBLEMA},
)
async def relatorio_de_erros(
    lote_id: Annotated[str, Path(max_length=36)], sessao: SessaoDep, _u: UsuarioDep
) -> Response:
    lote = await repository.obter(sessao, lote_id)
    if lote is None:
        raise NaoEncontrado(f"lote {lote_id} não encontrado")
    saida = io.StringIO()
    escritor = csv.writer(saida, delimiter=";")
    escritor.writerow(["linha", "coluna", "valor", "motivo"])
    escritor.writerows([e["linha"], e["coluna"], e["valor"], e["motivo"]] for e in lote.erros)
    # BOM: o Excel em pt-BR só reconhece UTF-8 com ele.
    return Response(
        "\ufeff" + saida.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="lote-{lote.id}-erros.csv"'},
    )
