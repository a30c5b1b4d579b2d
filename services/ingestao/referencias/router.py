from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Request, Response, UploadFile, status

from services.ingestao.lotes.router import receber
from services.ingestao.lotes.schemas import LoteSaida
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import UoWDep
from shared.http.seguranca import Papel, Usuario, exigir_papeis

router = APIRouter(prefix="/referencias", tags=["referências"])

EXEMPLO_CSV = (
    "codigo_ibge7,codigo_ibge6,nome,uf,codigo_uf,capital,latitude,longitude,pop_censo_2022,pop_estimada_2024\n"
    "2304400,230440,Fortaleza,CE,23,1,-3.71664,-38.5423,2428678,2574412\n"
)


@router.post(
    "/municipios",
    response_model=LoteSaida,
    status_code=status.HTTP_201_CREATED,
    summary="Importa o arquivo de referência de municípios",
    description=(
        "Recebe o CSV (UTF-8, separado por vírgulas) com os municípios do Ceará no formato de "
        "`ce_municipios.csv`: colunas obrigatórias `codigo_ibge7`, `nome`, `uf`; opcionais `codigo_ibge6`, "
        "`capital`, `latitude`, `longitude` e populações `pop_censo_AAAA` / `pop_estimada_AAAA`. "
        "O arquivo inteiro é validado; havendo qualquer problema nada é gravado e a resposta 422 lista "
        "linha, coluna, valor e motivo de cada um. Cada município novo ou alterado gera um evento "
        "`municipio_registrado.v1`. O mesmo arquivo de novo responde 200 com o lote já existente, sem "
        f"publicar nada.\n\nExemplo:\n```\n{EXEMPLO_CSV}```"
    ),
    responses={
        200: {"description": "Arquivo já recebido antes: devolve o lote existente"},
        409: ESQUEMA_PROBLEMA,
        413: ESQUEMA_PROBLEMA,
        422: ESQUEMA_PROBLEMA,
    },
)
async def importar_municipios(
    *,
    request: Request,
    response: Response,
    tarefas: BackgroundTasks,
    uow: UoWDep,
    arquivo: Annotated[UploadFile, File(description="CSV de municípios (UTF-8)")],
    usuario: Annotated[Usuario, exigir_papeis(Papel.sps_gestor, Papel.sps_tecnico, Papel.sistema)],
) -> LoteSaida:
    return await receber(
        request=request,
        response=response,
        tarefas=tarefas,
        uow=uow,
        arquivo=arquivo,
        usuario=usuario,
        tipo="municipios",
        ano=None,
        mes=None,
        parcial=False,
    )
