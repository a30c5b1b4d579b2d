"""Importador do RMA CRAS (uma linha por CRAS e mês). Vazio é "não informado", nunca zero; o mesmo
CRAS e mês enviado de novo é uma correção: vira versão nova, e a anterior fica no histórico."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import exists, insert, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.ingestao.leitura.mapas import Mapa, mapa_para, parametro
from services.ingestao.leitura.tabela import Linha
from services.ingestao.lotes.importacao import Celulas, Contexto, ErroLinha
from services.ingestao.lotes.models import Lote
from services.ingestao.lotes.versoes import aplicar_versoes
from services.ingestao.rma.models import RmaCras, RmaCrasHistorico
from shared.db import MomentoUTC, agora
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
        ids = sorted({e.id_cras for e in eventos if isinstance(e, RmaCrasRegistrado)})
        if ids:
            await uow.sessao.flush()  # as correções (objetos do ORM) entram na cópia para o histórico
            await _copiar_para_o_historico(uow.sessao, ids, lote.id)
        return eventos


async def _copiar_para_o_historico(sessao: AsyncSession, ids: list[str], lote_id: str) -> None:
    """As versões que o lote acabou de gravar vão para o histórico copiadas no próprio banco (INSERT …
    SELECT), sem reenviar cada linha e o seu JSON: são as vigentes destes CRAS que vêm do lote e ainda não
    estão no histórico (as dos blocos anteriores do mesmo lote já estão)."""
    vigente, historico = RmaCras, RmaCrasHistorico
    ja_guardada = exists().where(
        historico.id_cras == vigente.id_cras,
        historico.ano == vigente.ano,
        historico.mes == vigente.mes,
        historico.lote_id == vigente.lote_id,
    )
    momento = literal(agora(), MomentoUTC())
    colunas = ("id_cras", "ano", "mes", "lote_id", "valores", "registrado_em")
    for inicio in range(0, len(ids), 500):  # limite de parâmetros por consulta
        origem = select(
            vigente.id_cras, vigente.ano, vigente.mes, vigente.lote_id, vigente.valores, momento
        ).where(vigente.id_cras.in_(ids[inicio : inicio + 500]), vigente.lote_id == lote_id, ~ja_guardada)
        await sessao.execute(insert(historico).from_select(colunas, origem))
