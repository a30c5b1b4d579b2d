"""Eventos da ingestão para montar municípios, unidades, conselhos, indicadores e saldos nos testes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from shared.eventos.base import Evento
from shared.eventos.esquemas import (
    CensoCrasRegistrado,
    ConselhosRegistrados,
    IndicadorMunicipalRegistrado,
    MunicipioRegistrado,
    Populacao,
    SaldoContaRegistrado,
    UnidadeRegistrada,
)
from tests.apoio.eventos import preparar_topicos, publicar_eventos
from tests.apoio.fixtures import ServicoEmTeste, Servicos, cabecalho_token, esperar

ANO = 2022


def municipio(ibge7: str, nome: str, habitantes: int) -> MunicipioRegistrado:
    return MunicipioRegistrado(
        ibge7=ibge7,
        ibge6=ibge7[:6],
        nome=nome,
        uf="CE",
        capital=False,
        populacoes=(Populacao(base="censo_2022", ano=2022, habitantes=habitantes),),
        lote_id="l",
    )


def cras(id_cras: str, ibge7: str, familias: int | None = None, ano: int = ANO) -> CensoCrasRegistrado:
    return CensoCrasRegistrado(
        id_cras=id_cras,
        ibge7=ibge7,
        ano=ano,
        nome=f"CRAS {id_cras[-3:]}",
        familias_referenciadas=familias,
        lote_id="l",
    )


def unidade(
    id_unidade: str, ibge7: str, tipo: str, capacidade: int | None = None, ano: int = ANO
) -> UnidadeRegistrada:
    extra: dict[str, Any] = (
        {"modalidade_acolhimento": 1, "capacidade": capacidade} if tipo == "acolhimento" else {}
    )
    return UnidadeRegistrada(
        id_unidade=id_unidade,
        tipo_unidade=tipo,
        ibge7=ibge7,
        ano=ano,
        nome=f"{tipo} {id_unidade[-3:]}",
        lote_id="l",
        **extra,
    )


def conselhos(ibge7: str, situacao: int = 2, ano: int = ANO) -> ConselhosRegistrados:
    return ConselhosRegistrados(
        ibge7=ibge7,
        ano=ano,
        cmas=situacao,
        cmdca=situacao,
        conselho_tutelar=situacao,
        conselho_idoso=situacao,
        conselho_mulher=situacao,
        conselho_pcd=situacao,
        lote_id="l",
    )


def indicador(nome: str, ibge7: str, valor: str, ano: int = ANO) -> IndicadorMunicipalRegistrado:
    return IndicadorMunicipalRegistrado(
        indicador=nome, ibge7=ibge7, ano=ano, valor=Decimal(valor), fonte="teste", lote_id="l"
    )


def saldo(ibge7: str, bloco: str, valor: str, *, ano: int = ANO, mes: int = 6) -> SaldoContaRegistrado:
    return SaldoContaRegistrado(ibge7=ibge7, bloco=bloco, ano=ano, mes=mes, saldo=Decimal(valor), lote_id="l")


async def cofinanciamento_com(servicos: Servicos, eventos: list[Evento], **settings: Any) -> ServicoEmTeste:
    """Serviço no ar com os eventos consumidos (espera o último município ter os dados que chegaram)."""
    servico = await servicos.iniciar("cofinanciamento", **settings)
    await preparar_topicos(servico)
    await publicar_eventos(servicos.broker.bootstrap, servicos.prefixo, eventos)
    municipios = [e.ibge7 for e in eventos if isinstance(e, MunicipioRegistrado)]
    await servico.esperar_total_municipios(len(municipios))
    esperados = {
        m: sum(
            1 for e in eventos if not isinstance(e, MunicipioRegistrado) and getattr(e, "ibge7", None) == m
        )
        for m in municipios
    }

    async def tudo_chegou() -> bool:
        for ibge7, quantos in esperados.items():
            r = await servico.cliente.get(
                f"/api/v1/municipios/{ibge7}/dados", headers=cabecalho_token("leitura")
            )
            corpo = r.json()
            if (
                sum(len(corpo[k]) for k in ("cras", "unidades", "conselhos", "indicadores", "saldos"))
                < quantos
            ):
                return False
        return True

    await esperar(tudo_chegou, timeout=30)
    return servico
