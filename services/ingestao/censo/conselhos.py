"""Importador da situação dos conselhos municipais (Censo SUAS — Gestão Municipal / Conselhos)."""

from __future__ import annotations

from collections.abc import Sequence

from services.ingestao.censo.models import Conselhos
from services.ingestao.leitura import valores
from services.ingestao.leitura.mapas import Mapa, mapa_para
from services.ingestao.leitura.tabela import Linha
from services.ingestao.lotes.importacao import Celulas, Contexto, ErroLinha
from services.ingestao.lotes.models import Lote
from services.ingestao.lotes.versoes import aplicar_versoes
from shared.eventos.base import Evento
from shared.eventos.esquemas import ConselhosRegistrados
from shared.outbox import UnidadeDeTrabalho

CONSELHOS = ("cmas", "cmdca", "conselho_tutelar", "conselho_idoso", "conselho_mulher", "conselho_pcd")


class ImportadorConselhos:
    tipo = "censo_conselhos"
    periodicidade = "anual"
    campo_chave = "ibge"

    def mapa(self, ano: int | None) -> Mapa:
        return mapa_para(self.tipo, ano)

    def chave(self, registro: ConselhosRegistrados) -> str:
        return registro.ibge7

    def validar(
        self, linha: Linha, contexto: Contexto
    ) -> tuple[ConselhosRegistrados | None, list[ErroLinha]]:
        celulas = Celulas(linha, contexto)
        ibge7 = celulas.municipio("ibge")
        situacoes = {c: celulas.ler(c, valores.inteiro, minimo=0, maximo=2) for c in CONSELHOS}
        if celulas.erros or ibge7 is None or contexto.ano is None:
            return None, celulas.erros
        return ConselhosRegistrados(ibge7=ibge7, ano=contexto.ano, lote_id="", **situacoes), []

    async def aplicar(
        self, uow: UnidadeDeTrabalho, registros: Sequence[ConselhosRegistrados], lote: Lote
    ) -> list[Evento]:
        return await aplicar_versoes(
            sessao=uow.sessao,
            modelo=Conselhos,
            chave=("ibge7", "ano"),
            campos=CONSELHOS,
            registros=registros,
            lote_id=lote.id,
        )
