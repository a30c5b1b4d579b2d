from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from services.premiacao.dominio.entradas import SITUACOES_ENCERRADAS
from services.premiacao.leitura import repository
from services.premiacao.leitura.schemas import CrasLeitura, PlanoDoCras
from shared.erros import NaoEncontrado
from shared.http.app import ESQUEMA_PROBLEMA
from shared.http.dependencias import SessaoDep
from shared.http.seguranca import UsuarioDep

router = APIRouter(prefix="/cras", tags=["cras"])


@router.get(
    "/{id_cras}",
    response_model=CrasLeitura,
    summary="O que a premiação recebeu de um CRAS: Censo, IDCRAS, meses de RMA e SISC, planos de providências",
    responses={404: ESQUEMA_PROBLEMA},
)
async def obter(
    id_cras: Annotated[str, Path(pattern=r"^\d{11}$", description="NU_IDENTIFICADOR do CRAS")],
    sessao: SessaoDep,
    _usuario: UsuarioDep,
) -> CrasLeitura:
    dados = await repository.dados_do_cras(sessao, id_cras)
    origem = dados.censo[-1:] or dados.idcras[-1:] or dados.rma[:1] or dados.sisc[:1]
    if not origem:
        raise NaoEncontrado(f"nenhum dado do CRAS {id_cras} chegou a este serviço", id_cras=id_cras)
    return CrasLeitura(
        id_cras=id_cras,
        ibge7=origem[0].ibge7,
        nome=dados.censo[-1].nome if dados.censo else "",
        anos_censo=[c.ano for c in dados.censo],
        idcras={i.ano: i.idcras for i in dados.idcras},
        meses_rma={r.ano: r.meses for r in dados.rma},
        rma_scfv={r.ano: r.somas for r in dados.rma},
        meses_sisc={s.ano: s.meses for s in dados.sisc},
        planos_providencias=[
            PlanoDoCras(
                plano_id=p.plano_id,
                situacao=p.situacao,
                ativo=p.situacao not in SITUACOES_ENCERRADAS,
            )
            for p in dados.planos
        ],
    )
