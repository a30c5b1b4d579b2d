"""Importador do IDCRAS publicado pelo MDS (planilha ou CSV; níveis de 1 a 5)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from services.ingestao.censo.models import Idcras
from services.ingestao.leitura import valores
from services.ingestao.leitura.mapas import Mapa, mapa_para
from services.ingestao.leitura.tabela import Linha
from services.ingestao.lotes.importacao import Celulas, Contexto, ErroLinha
from services.ingestao.lotes.models import Lote
from services.ingestao.lotes.versoes import aplicar_versoes
from shared.eventos.base import Evento
from shared.eventos.esquemas import IdcrasPublicado
from shared.outbox import UnidadeDeTrabalho

CAMPOS = ("idcras", "estrutura_fisica", "recursos_humanos", "servicos")


class ImportadorIdcras:
    tipo = "idcras"
    periodicidade = "anual"
    campo_chave = "id_cras"

    def mapa(self, ano: int | None) -> Mapa:
        return mapa_para(self.tipo, ano)

    def chave(self, registro: IdcrasPublicado) -> str:
        return registro.id_cras

    def validar(self, linha: Linha, contexto: Contexto) -> tuple[IdcrasPublicado | None, list[ErroLinha]]:
        celulas = Celulas(linha, contexto)
        id_cras, ibge7 = celulas.unidade("id_cras", "ibge")
        indice = celulas.ler("idcras", valores.decimal, minimo=Decimal(1), maximo=Decimal(5))
        dimensoes = {c: celulas.ler(c, valores.inteiro, minimo=1, maximo=5) for c in CAMPOS[1:]}
        if celulas.erros or id_cras is None or ibge7 is None or contexto.ano is None:
            return None, celulas.erros
        return (
            IdcrasPublicado(
                id_cras=id_cras,
                ibge7=ibge7,
                ano=contexto.ano,
                idcras=indice.quantize(Decimal("0.01")),
                lote_id="",
                **dimensoes,
            ),
            [],
        )

    async def aplicar(
        self, uow: UnidadeDeTrabalho, registros: Sequence[IdcrasPublicado], lote: Lote
    ) -> list[Evento]:
        return await aplicar_versoes(
            sessao=uow.sessao,
            modelo=Idcras,
            chave=("id_cras", "ano"),
            campos=("ibge7", *CAMPOS),
            registros=registros,
            lote_id=lote.id,
        )
