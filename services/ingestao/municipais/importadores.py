"""Importadores do SISC (agregado), dos indicadores municipais e dos saldos em conta."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from services.ingestao.leitura import valores
from services.ingestao.leitura.mapas import Mapa, mapa_para
from services.ingestao.leitura.tabela import Linha
from services.ingestao.lotes.importacao import Celulas, Contexto, ErroLinha
from services.ingestao.lotes.models import Lote
from services.ingestao.lotes.versoes import aplicar_versoes
from services.ingestao.municipais.models import IndicadorMunicipal, SaldoConta, Sisc
from shared.eventos.base import Evento
from shared.eventos.esquemas import IndicadorMunicipalRegistrado, SaldoContaRegistrado, SiscRegistrado
from shared.outbox import UnidadeDeTrabalho

FAIXAS = ("0-6", "7-14", "15-17", "18-29", "30-59", "60+")
BLOCOS = ("basica", "especial", "beneficios_eventuais")


def _escolha(permitidos: tuple[str, ...]) -> Any:
    def converter(bruto: str) -> str:
        valor = valores.texto(bruto).lower()
        if valor and valor not in permitidos:
            raise valores.ValorInvalido(f"use um de: {', '.join(permitidos)}")
        return valor

    return converter


class ImportadorSisc:
    tipo = "sisc"
    periodicidade = "mensal"
    campo_chave = "id_cras"
    recusa_dados_pessoais = True  # o SISC individual (NIS, nomes) nunca entra

    def mapa(self, ano: int | None) -> Mapa:
        return mapa_para(self.tipo, ano)

    def chave(self, registro: SiscRegistrado) -> str:
        return f"{registro.id_cras}/{registro.ano}-{registro.mes:02d}/{registro.faixa_etaria}"

    def validar(self, linha: Linha, contexto: Contexto) -> tuple[SiscRegistrado | None, list[ErroLinha]]:
        celulas = Celulas(linha, contexto)
        id_cras, ibge7 = celulas.unidade("id_cras", "ibge")
        ano, mes = celulas.periodo(com_mes=True)
        faixa = celulas.ler("faixa_etaria", _escolha(FAIXAS))
        usuarios = celulas.ler("usuarios_atendidos", valores.inteiro)
        capacidade = celulas.ler("capacidade_atendimento", valores.inteiro, obrigatorio=False)
        if celulas.erros or None in (id_cras, ibge7, ano, mes, usuarios) or not faixa:
            return None, celulas.erros
        registro = SiscRegistrado(
            id_cras=id_cras,
            ibge7=ibge7,
            ano=ano,
            mes=mes,
            faixa_etaria=faixa,
            usuarios_atendidos=usuarios,
            capacidade_atendimento=capacidade,
            lote_id="",
        )
        return registro, []

    async def aplicar(
        self, uow: UnidadeDeTrabalho, registros: Sequence[SiscRegistrado], lote: Lote
    ) -> list[Evento]:
        return await aplicar_versoes(
            sessao=uow.sessao,
            modelo=Sisc,
            chave=("id_cras", "ano", "mes", "faixa_etaria"),
            campos=("ibge7", "usuarios_atendidos", "capacidade_atendimento"),
            registros=registros,
            lote_id=lote.id,
        )


class ImportadorIndicadores:
    tipo = "indicadores"
    periodicidade = "anual"
    campo_chave = "indicador"

    def mapa(self, ano: int | None) -> Mapa:
        return mapa_para(self.tipo, ano)

    def chave(self, registro: IndicadorMunicipalRegistrado) -> str:
        return f"{registro.indicador}/{registro.ibge7}/{registro.ano}"

    def validar(
        self, linha: Linha, contexto: Contexto
    ) -> tuple[IndicadorMunicipalRegistrado | None, list[ErroLinha]]:
        celulas = Celulas(linha, contexto)
        indicador = celulas.ler("indicador", valores.texto)
        if indicador and not indicador.replace("_", "").isalnum():
            celulas.erro("indicador", "use letras minúsculas, números e _ (ex.: ivmc, ruptura_vinculos)")
        ibge7 = celulas.municipio("ibge")
        ano, _ = celulas.periodo(com_mes=False)
        valor = celulas.ler("valor", valores.decimal)
        fonte = celulas.ler("fonte", valores.texto)
        if celulas.erros or None in (ibge7, ano, valor) or not indicador or not fonte:
            return None, celulas.erros
        registro = IndicadorMunicipalRegistrado(
            indicador=indicador.lower(),
            ibge7=ibge7,
            ano=ano,
            valor=valor,
            fonte=fonte,
            lote_id="",
        )
        return registro, []

    async def aplicar(
        self, uow: UnidadeDeTrabalho, registros: Sequence[IndicadorMunicipalRegistrado], lote: Lote
    ) -> list[Evento]:
        return await aplicar_versoes(
            sessao=uow.sessao,
            modelo=IndicadorMunicipal,
            chave=("indicador", "ibge7", "ano"),
            campos=("valor", "fonte"),
            registros=registros,
            lote_id=lote.id,
        )


class ImportadorSaldos:
    tipo = "saldos"
    periodicidade = "mensal"
    campo_chave = "ibge"

    def mapa(self, ano: int | None) -> Mapa:
        return mapa_para(self.tipo, ano)

    def chave(self, registro: SaldoContaRegistrado) -> str:
        return f"{registro.ibge7}/{registro.bloco}/{registro.ano}-{registro.mes:02d}"

    def validar(
        self, linha: Linha, contexto: Contexto
    ) -> tuple[SaldoContaRegistrado | None, list[ErroLinha]]:
        celulas = Celulas(linha, contexto)
        ibge7 = celulas.municipio("ibge")
        bloco = celulas.ler("bloco", _escolha(BLOCOS))
        ano, mes = celulas.periodo(com_mes=True)
        saldo = celulas.ler("saldo", valores.decimal, minimo=Decimal(0))
        if celulas.erros or None in (ibge7, ano, mes, saldo) or not bloco:
            return None, celulas.erros
        registro = SaldoContaRegistrado(
            ibge7=ibge7,
            bloco=bloco,
            ano=ano,
            mes=mes,
            saldo=saldo.quantize(Decimal("0.01")),
            lote_id="",
        )
        return registro, []

    async def aplicar(
        self, uow: UnidadeDeTrabalho, registros: Sequence[SaldoContaRegistrado], lote: Lote
    ) -> list[Evento]:
        return await aplicar_versoes(
            sessao=uow.sessao,
            modelo=SaldoConta,
            chave=("ibge7", "bloco", "ano", "mes"),
            campos=("saldo",),
            registros=registros,
            lote_id=lote.id,
        )
