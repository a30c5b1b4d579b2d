"""Importadores do Censo SUAS para CREAS, Centro Pop e unidades de acolhimento (uma tabela, um evento)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from services.ingestao.censo.models import Unidade
from services.ingestao.leitura import valores
from services.ingestao.leitura.mapas import Mapa, mapa_para
from services.ingestao.leitura.tabela import Linha
from services.ingestao.lotes.importacao import Celulas, Contexto, ErroLinha
from services.ingestao.lotes.models import Lote
from services.ingestao.lotes.versoes import aplicar_versoes
from shared.eventos.base import Evento
from shared.eventos.esquemas import UnidadeRegistrada
from shared.outbox import UnidadeDeTrabalho

CAMPOS = ("tipo_unidade", "ibge7", "nome", "oferta_paefi", "modalidade_acolhimento", "publico", "capacidade")


class ImportadorUnidades:
    periodicidade = "anual"
    campo_chave = "id_unidade"

    def __init__(self, tipo: str, tipo_unidade: Literal["creas", "centro_pop", "acolhimento"]) -> None:
        self.tipo = tipo
        self.tipo_unidade = tipo_unidade

    def mapa(self, ano: int | None) -> Mapa:
        return mapa_para(self.tipo, ano)

    def chave(self, registro: UnidadeRegistrada) -> str:
        return registro.id_unidade

    def validar(self, linha: Linha, contexto: Contexto) -> tuple[UnidadeRegistrada | None, list[ErroLinha]]:
        celulas = Celulas(linha, contexto)
        id_unidade, ibge7 = celulas.unidade("id_unidade", "ibge")
        nome = celulas.ler("nome", valores.texto)
        paefi = celulas.ler("oferta_paefi", valores.inteiro, obrigatorio=False, minimo=1, maximo=2)
        acolhimento = self.tipo_unidade == "acolhimento"
        extras = {
            "modalidade_acolhimento": celulas.ler(
                "modalidade_acolhimento", valores.inteiro, obrigatorio=False, minimo=1, maximo=2
            ),
            "publico": celulas.ler("publico", valores.inteiro, obrigatorio=False, minimo=1, maximo=5),
            "capacidade": celulas.ler("capacidade", valores.inteiro, obrigatorio=acolhimento),
        }
        if celulas.erros or id_unidade is None or ibge7 is None or not nome or contexto.ano is None:
            return None, celulas.erros
        registro = UnidadeRegistrada(
            id_unidade=id_unidade,
            tipo_unidade=self.tipo_unidade,
            ibge7=ibge7,
            ano=contexto.ano,
            nome=nome,
            oferta_paefi=None if paefi is None else paefi == 1,
            lote_id="",
            **extras,
        )
        return registro, []

    async def aplicar(
        self, uow: UnidadeDeTrabalho, registros: Sequence[UnidadeRegistrada], lote: Lote
    ) -> list[Evento]:
        return await aplicar_versoes(
            sessao=uow.sessao,
            modelo=Unidade,
            chave=("id_unidade", "ano"),
            campos=CAMPOS,
            registros=registros,
            lote_id=lote.id,
        )
