"""Um Ceará pequeno em eventos: municípios, CRAS com Censo, IDCRAS, RMA e SISC de 2020 e 2021."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal

from shared.db import agora
from shared.eventos.base import Evento
from shared.eventos.esquemas import (
    CensoCrasRegistrado,
    IdcrasPublicado,
    PlanoProvidenciasConcluido,
    PlanoProvidenciasCriado,
    PlanoProvidenciasEmExecucao,
    RmaCrasRegistrado,
    SiscRegistrado,
)
from tests.test_dlq import municipio

ANOS = (2020, 2021)


def id_cras(ibge7: str, n: int) -> str:
    return f"{ibge7[:6]}{n:05d}"


def eventos_do_cenario(municipios: int, cras_por_municipio: int = 2, semente: int = 7) -> list[Evento]:
    """Cada CRAS tem IDCRAS, dois meses de RMA e um de SISC por ano; valores sorteados pela semente."""
    rng = random.Random(semente)
    eventos: list[Evento] = []
    for m in range(municipios):
        ibge7 = f"23{m + 1:04d}0"
        eventos.append(municipio(ibge7, f"Município {m + 1}"))
        for n in range(1, cras_por_municipio + 1):
            cras = id_cras(ibge7, n)
            for ano in ANOS:
                eventos.append(
                    CensoCrasRegistrado(
                        id_cras=cras, ibge7=ibge7, ano=ano, nome=f"CRAS {m + 1}-{n}", lote_id="l"
                    )
                )
                eventos.append(
                    IdcrasPublicado(
                        id_cras=cras,
                        ibge7=ibge7,
                        ano=ano,
                        idcras=Decimal(rng.randint(150, 500)) / 100,
                        estrutura_fisica=3,
                        recursos_humanos=3,
                        servicos=3,
                        lote_id="l",
                    )
                )
                for mes in (3, 9):
                    eventos.append(rma(cras, ibge7, ano, mes, d2=rng.randint(0, 60), d3=rng.randint(0, 60)))
                eventos.append(
                    SiscRegistrado(
                        id_cras=cras,
                        ibge7=ibge7,
                        ano=ano,
                        mes=12,
                        faixa_etaria="7-14",
                        usuarios_atendidos=rng.randint(10, 90),
                        capacidade_atendimento=100,
                        lote_id="l",
                    )
                )
    return eventos


def rma(cras: str, ibge7: str, ano: int, mes: int, *, d2: int, d3: int, lote: str = "l") -> RmaCrasRegistrado:
    valores: dict[str, int | None] = {f"d{i}": None for i in range(1, 9)}
    valores.update(d2=d2, d3=d3, d4=10, d8=20, d5=5)
    return RmaCrasRegistrado(id_cras=cras, ibge7=ibge7, ano=ano, mes=mes, valores=valores, lote_id=lote)


def plano(
    plano_id: str,
    ibge7: str,
    unidades: tuple[str, ...],
    situacao: str,
    versao: int,
    desde: datetime | None = None,
) -> Evento:
    comum = {
        "plano_id": plano_id,
        "ibge7": ibge7,
        "unidades": unidades,
        "situacao": situacao,
        "situacao_desde": desde or agora(),
        "versao_plano": versao,
    }
    if versao == 1:
        return PlanoProvidenciasCriado(**comum)
    if situacao == "concluido":
        return PlanoProvidenciasConcluido(**comum, situacao_anterior="em_execucao", autor="sps")
    return PlanoProvidenciasEmExecucao(**comum, situacao_anterior="pactuado_cib", autor="municipio")
