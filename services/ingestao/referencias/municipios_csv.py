"""Importador da referência de municípios (IBGE): códigos, nome, UF, coordenadas e populações."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from services.ingestao.leitura import valores
from services.ingestao.leitura.mapas import Mapa, mapa_para
from services.ingestao.leitura.tabela import Linha
from services.ingestao.lotes.importacao import Celulas, Contexto, ErroLinha
from services.ingestao.lotes.models import Lote
from services.ingestao.models import Municipio
from shared.eventos.base import Evento
from shared.eventos.esquemas import MunicipioRegistrado, Populacao
from shared.municipios.service import registrar_municipios
from shared.outbox import UnidadeDeTrabalho

POPULACAO = re.compile(r"^pop_(censo|estimada)_(\d{4})$")
BASE_POPULACAO = {"censo": "censo", "estimada": "estimativa"}


def digito_verificador_ibge(codigo6: str) -> int:
    """Dígito verificador do código de município do IBGE: módulo 10 com pesos alternados 1 e 2."""
    soma = 0
    for posicao, digito in enumerate(codigo6):
        produto = int(digito) * (1 if posicao % 2 == 0 else 2)
        soma += produto // 10 + produto % 10
    return (10 - soma % 10) % 10


class ImportadorMunicipios:
    tipo = "municipios"
    periodicidade = "referencia"
    campo_chave = "codigo_ibge7"

    def mapa(self, ano: int | None) -> Mapa:
        return mapa_para(self.tipo, ano)

    def chave(self, registro: MunicipioRegistrado) -> str:
        return registro.ibge7

    def validar(self, linha: Linha, contexto: Contexto) -> tuple[MunicipioRegistrado | None, list[ErroLinha]]:
        celulas = Celulas(linha, contexto)
        ibge7 = celulas.ler("codigo_ibge7", valores.texto)
        if ibge7 and not re.fullmatch(r"\d{7}", ibge7):
            celulas.erro("codigo_ibge7", "o código IBGE deve ter 7 dígitos")
        elif ibge7 and contexto.codigo_uf and ibge7[:2] != contexto.codigo_uf:
            celulas.erro(
                "codigo_ibge7",
                f"município de outra UF (código {ibge7[:2]}); esperado {contexto.codigo_uf} ({contexto.uf})",
            )
        elif ibge7 and int(ibge7[6]) != digito_verificador_ibge(ibge7[:6]):
            celulas.erro(
                "codigo_ibge7",
                f"dígito verificador inválido (o código {ibge7[:6]} termina em {digito_verificador_ibge(ibge7[:6])})",
            )
        ibge6 = celulas.ler("codigo_ibge6", valores.texto, obrigatorio=False) or (ibge7 or "")[:6]
        if ibge7 and ibge6 != ibge7[:6]:
            celulas.erro("codigo_ibge6", f"não corresponde ao código de 7 dígitos {ibge7}")
        nome = celulas.ler("nome", valores.texto)
        if nome and len(nome) > 120:
            celulas.erro("nome", "o nome deve ter no máximo 120 caracteres")
        uf = celulas.ler("uf", valores.texto)
        if uf and contexto.uf and uf.upper() != contexto.uf:
            celulas.erro("uf", f"UF diferente de {contexto.uf}")
        capital = celulas.ler("capital", valores.inteiro, obrigatorio=False, minimo=0, maximo=1)
        latitude = celulas.ler(
            "latitude", valores.decimal, obrigatorio=False, minimo=Decimal(-90), maximo=Decimal(90)
        )
        longitude = celulas.ler(
            "longitude", valores.decimal, obrigatorio=False, minimo=Decimal(-180), maximo=Decimal(180)
        )
        populacoes = []
        for campo in contexto.colunas:
            if casamento := POPULACAO.match(campo):
                habitantes = celulas.ler(campo, valores.inteiro, obrigatorio=False)
                if habitantes is not None:
                    base = f"{BASE_POPULACAO[casamento[1]]}_{casamento[2]}"
                    populacoes.append(Populacao(base=base, ano=int(casamento[2]), habitantes=habitantes))
        if celulas.erros or not ibge7 or not nome:
            return None, celulas.erros
        return (
            MunicipioRegistrado(
                ibge7=ibge7,
                ibge6=ibge6,
                nome=nome,
                uf=(contexto.uf or uf or "").upper(),
                capital=capital == 1,
                latitude=_micro(latitude),
                longitude=_micro(longitude),
                populacoes=tuple(populacoes),
                lote_id="",
            ),
            [],
        )

    async def aplicar(
        self, uow: UnidadeDeTrabalho, registros: Sequence[MunicipioRegistrado], lote: Lote
    ) -> list[Evento]:
        dados = [r.model_copy(update={"lote_id": lote.id}) for r in registros]
        return list(await registrar_municipios(sessao=uow.sessao, modelo=Municipio, dados=dados))


def _micro(valor: Decimal | None) -> Decimal | None:
    return None if valor is None else valor.quantize(Decimal("0.000001"))
