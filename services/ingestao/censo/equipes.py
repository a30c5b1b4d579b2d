"""Importador do Censo SUAS — CRAS, RH: uma linha por trabalhador, guardadas só as contagens por CRAS.

Edições internas trazem nome, CPF e data de nascimento: essas colunas são descartadas na leitura
(o mapa as marca como pessoais) e o lote registra quais foram descartadas.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from services.ingestao.censo.models import EquipeCras
from services.ingestao.leitura import valores
from services.ingestao.leitura.mapas import Mapa, mapa_para, parametro
from services.ingestao.leitura.tabela import Linha
from services.ingestao.lotes.importacao import Celulas, Contexto, ErroLinha
from services.ingestao.lotes.models import Lote
from services.ingestao.lotes.versoes import aplicar_versoes
from shared.eventos.base import Evento
from shared.eventos.esquemas import EquipeCrasRegistrada
from shared.outbox import UnidadeDeTrabalho

CAMPOS = ("ibge7", "total", "assistentes_sociais", "psicologos", "por_profissao", "por_vinculo")


@dataclass(frozen=True)
class Trabalhador:
    linha: int
    id_cras: str
    ibge7: str
    ano: int
    profissao: str
    vinculo: str


class ImportadorEquipes:
    tipo = "censo_cras_rh"
    aplica_em_blocos = False  # as contagens são por CRAS: o arquivo todo de uma vez
    periodicidade = "anual"
    campo_chave = "id_cras"

    def mapa(self, ano: int | None) -> Mapa:
        return mapa_para(self.tipo, ano)

    def chave(self, registro: Trabalhador) -> str:
        return str(registro.linha)  # um trabalhador por linha: não há repetição a acusar

    def validar(self, linha: Linha, contexto: Contexto) -> tuple[Trabalhador | None, list[ErroLinha]]:
        celulas = Celulas(linha, contexto)
        id_cras, ibge7 = celulas.unidade("id_cras", "ibge")
        profissao = celulas.ler("profissao", valores.inteiro)
        vinculo = celulas.ler("vinculo", valores.inteiro)
        if celulas.erros or None in (id_cras, ibge7, profissao, vinculo) or contexto.ano is None:
            return None, celulas.erros
        return Trabalhador(linha.numero, id_cras, ibge7, contexto.ano, str(profissao), str(vinculo)), []  # type: ignore[arg-type]

    async def aplicar(
        self, uow: UnidadeDeTrabalho, registros: Sequence[Trabalhador], lote: Lote
    ) -> list[Evento]:
        codigos = parametro(self.tipo, "codigos")
        por_cras: dict[tuple[str, str, int], list[Trabalhador]] = defaultdict(list)
        for trabalhador in registros:
            por_cras[(trabalhador.id_cras, trabalhador.ibge7, trabalhador.ano)].append(trabalhador)
        equipes = []
        for (id_cras, ibge7, ano), equipe in sorted(por_cras.items()):
            profissoes = Counter(t.profissao for t in equipe)
            equipes.append(
                EquipeCrasRegistrada(
                    id_cras=id_cras,
                    ibge7=ibge7,
                    ano=ano,
                    total=len(equipe),
                    assistentes_sociais=profissoes[codigos["assistente_social"]],
                    psicologos=profissoes[codigos["psicologo"]],
                    por_profissao=dict(sorted(profissoes.items())),
                    por_vinculo=dict(sorted(Counter(t.vinculo for t in equipe).items())),
                    lote_id="",
                )
            )
        return await aplicar_versoes(
            sessao=uow.sessao,
            modelo=EquipeCras,
            chave=("id_cras", "ano"),
            campos=CAMPOS,
            registros=equipes,
            lote_id=lote.id,
        )
