"""Importador do IDCRAS publicado pelo MDS (planilha ou CSV; níveis de 1 a 5)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select

from services.ingestao.censo.models import Idcras
from services.ingestao.leitura import valores
from services.ingestao.leitura.mapas import Mapa, mapa_para
from services.ingestao.leitura.tabela import Linha
from services.ingestao.lotes.importacao import Celulas, Contexto, ErroLinha
from services.ingestao.lotes.models import Lote
from shared.db import agora
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
        ano = registros[0].ano
        atuais = {
            r.id_cras: r
            for r in await uow.sessao.scalars(
                select(Idcras).where(Idcras.ano == ano, Idcras.id_cras.in_([r.id_cras for r in registros]))
            )
        }
        eventos: list[Evento] = []
        for registro in registros:
            evento = registro.model_copy(update={"lote_id": lote.id})
            atual = atuais.get(registro.id_cras)
            if atual is None:
                uow.sessao.add(
                    Idcras(
                        **evento.model_dump(exclude={"lote_id"}),
                        lote_id=lote.id,
                        versao=1,
                        atualizado_em=agora(),
                    )
                )
            elif atual.ibge7 == registro.ibge7 and all(
                getattr(atual, c) == getattr(registro, c) for c in CAMPOS
            ):
                continue
            else:
                for campo in ("ibge7", *CAMPOS):
                    setattr(atual, campo, getattr(registro, campo))
                atual.lote_id, atual.versao, atual.atualizado_em = lote.id, atual.versao + 1, agora()
            eventos.append(evento)
        return eventos
