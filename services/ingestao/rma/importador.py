"""Importador do RMA CRAS (uma linha por CRAS e mês). Vazio é "não informado", nunca zero; o mesmo
CRAS e mês enviado de novo é uma correção: vira versão nova, e a anterior fica no histórico."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert

from services.ingestao.leitura.mapas import Mapa, mapa_para, parametro
from services.ingestao.leitura.tabela import Linha
from services.ingestao.lotes.importacao import Celulas, Contexto, ErroLinha
from services.ingestao.lotes.models import Lote
from services.ingestao.lotes.versoes import aplicar_versoes
from services.ingestao.rma.models import RmaCras, RmaCrasHistorico
from shared.db import agora
from shared.eventos.base import Evento
from shared.eventos.esquemas import RmaCrasRegistrado
from shared.outbox import UnidadeDeTrabalho


class ImportadorRma:
    tipo = "rma_cras"
    periodicidade = "mensal"
    campo_chave = "id_cras"

    def mapa(self, ano: int | None) -> Mapa:
        return mapa_para(self.tipo, ano)

    def chave(self, registro: RmaCrasRegistrado) -> str:
        return f"{registro.id_cras}/{registro.ano}-{registro.mes:02d}"

    def validar(self, linha: Linha, contexto: Contexto) -> tuple[RmaCrasRegistrado | None, list[ErroLinha]]:
        celulas = Celulas(linha, contexto)
        id_cras, ibge7 = celulas.unidade("id_cras", "ibge")
        ano, mes = celulas.periodo(com_mes=True)
        medidas = celulas.inteiros(parametro(self.tipo, "campos_de_valor"))
        if celulas.erros or None in (id_cras, ibge7, ano, mes):
            return None, celulas.erros
        registro = RmaCrasRegistrado(
            id_cras=id_cras, ibge7=ibge7, ano=ano, mes=mes, valores=medidas, lote_id=""
        )
        return registro, []

    async def aplicar(
        self, uow: UnidadeDeTrabalho, registros: Sequence[RmaCrasRegistrado], lote: Lote
    ) -> list[Evento]:
        eventos = await aplicar_versoes(
            sessao=uow.sessao,
            modelo=RmaCras,
            chave=("id_cras", "ano", "mes"),
            campos=("ibge7", "valores"),
            registros=registros,
            lote_id=lote.id,
        )
        versoes = [e for e in eventos if isinstance(e, RmaCrasRegistrado)]
        if versoes:
            momento = agora()
            linhas = [
                {
                    "id_cras": e.id_cras,
                    "ano": e.ano,
                    "mes": e.mes,
                    "lote_id": lote.id,
                    "valores": e.valores,
                    "registrado_em": momento,
                }
                for e in versoes
            ]
            await uow.sessao.execute(insert(RmaCrasHistorico), linhas)
        return eventos
