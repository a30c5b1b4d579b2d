from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from services.cofinanciamento.leitura import repository
from shared.http.dependencias import SessaoDep
from shared.http.seguranca import UsuarioDep

router = APIRouter(tags=["dados recebidos"])
COLUNAS = {
    "cras": ("id_cras", "ano", "nome", "familias_referenciadas"),
    "unidades": (
        "id_unidade",
        "ano",
        "tipo_unidade",
        "nome",
        "oferta_paefi",
        "modalidade_acolhimento",
        "capacidade",
    ),
    "conselhos": (
        "ano",
        "cmas",
        "cmdca",
        "conselho_tutelar",
        "conselho_idoso",
        "conselho_mulher",
        "conselho_pcd",
    ),
    "indicadores": ("indicador", "ano", "valor", "fonte"),
    "saldos": ("bloco", "ano", "mes", "saldo"),
}


class DadosMunicipio(BaseModel):
    ibge7: str
    cras: list[dict[str, Any]] = Field(
        description="CRAS no Censo SUAS, por ano (famílias referenciadas declaradas)"
    )
    unidades: list[dict[str, Any]] = Field(description="CREAS, Centro Pop e acolhimento, por ano")
    conselhos: list[dict[str, Any]]
    indicadores: list[dict[str, Any]]
    saldos: list[dict[str, Any]]


@router.get(
    "/municipios/{ibge7}/dados",
    response_model=DadosMunicipio,
    summary="O que o cofinanciamento recebeu do município (Censo, unidades, conselhos, indicadores, saldos)",
)
async def dados(
    ibge7: Annotated[str, Path(pattern=r"^\d{7}$")], sessao: SessaoDep, _usuario: UsuarioDep
) -> DadosMunicipio:
    linhas = await repository.dados_do_municipio(sessao, ibge7)
    return DadosMunicipio(
        ibge7=ibge7,
        **{
            chave: [{c: getattr(linha, c) for c in COLUNAS[chave]} for linha in lista]
            for chave, lista in linhas.items()
        },
    )
