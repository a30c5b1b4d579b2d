"""Importador do Censo SUAS — CRAS, Dados Gerais (uma linha por CRAS e ano)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from services.ingestao.censo.models import CensoCras
from services.ingestao.leitura import valores
from services.ingestao.leitura.mapas import Mapa, mapa_para, parametro
from services.ingestao.leitura.tabela import Linha
from services.ingestao.lotes.importacao import Celulas, Contexto, ErroLinha
from services.ingestao.lotes.models import Lote
from services.ingestao.lotes.versoes import aplicar_versoes
from shared.eventos.base import Evento
from shared.eventos.esquemas import CensoCrasRegistrado
from shared.outbox import UnidadeDeTrabalho

CAMPOS = (
    "ibge7",
    "nome",
    "data_implantacao",
    "localizacao",
    "familias_referenciadas",
    "dias_semana",
    "horas_dia",
    "latitude",
    "longitude",
)


class ImportadorCensoCras:
    tipo = "censo_cras"
    periodicidade = "anual"
    campo_chave = "id_cras"

    def mapa(self, ano: int | None) -> Mapa:
        return mapa_para(self.tipo, ano)

    def chave(self, registro: CensoCrasRegistrado) -> str:
        return registro.id_cras

    def validar(self, linha: Linha, contexto: Contexto) -> tuple[CensoCrasRegistrado | None, list[ErroLinha]]:
        celulas = Celulas(linha, contexto)
        id_cras, ibge7 = celulas.unidade("id_cras", "ibge")
        nome = celulas.ler("nome", valores.texto)
        capacidade = celulas.ler("capacidade", valores.inteiro, obrigatorio=False, minimo=1, maximo=3)
        lidos = {
            "data_implantacao": celulas.ler("data_implantacao", valores.data, obrigatorio=False),
            "localizacao": celulas.ler("localizacao", valores.inteiro, obrigatorio=False, minimo=1, maximo=3),
            "dias_semana": celulas.ler("dias_semana", valores.inteiro, obrigatorio=False, maximo=7),
            "horas_dia": celulas.ler("horas_dia", valores.inteiro, obrigatorio=False, maximo=24),
            "latitude": celulas.ler(
                "latitude", valores.decimal, obrigatorio=False, minimo=Decimal(-90), maximo=Decimal(90)
            ),
            "longitude": celulas.ler(
                "longitude", valores.decimal, obrigatorio=False, minimo=Decimal(-180), maximo=Decimal(180)
            ),
        }
        if celulas.erros or id_cras is None or ibge7 is None or not nome or contexto.ano is None:
            return None, celulas.erros
        for coordenada in ("latitude", "longitude"):
            if lidos[coordenada] is not None:
                lidos[coordenada] = lidos[coordenada].quantize(Decimal("0.000001"))
        familias = parametro(self.tipo, "capacidade_q2").get(str(capacidade)) if capacidade else None
        return (
            CensoCrasRegistrado(
                id_cras=id_cras,
                ibge7=ibge7,
                ano=contexto.ano,
                nome=nome,
                familias_referenciadas=familias,
                lote_id="",
                **lidos,
            ),
            [],
        )

    async def aplicar(
        self, uow: UnidadeDeTrabalho, registros: Sequence[CensoCrasRegistrado], lote: Lote
    ) -> list[Evento]:
        return await aplicar_versoes(
            sessao=uow.sessao,
            modelo=CensoCras,
            chave=("id_cras", "ano"),
            campos=CAMPOS,
            registros=registros,
            lote_id=lote.id,
        )
