"""O caminho único de todo arquivo: checksum, leitura em streaming, validação de todas as linhas,
tudo ou nada (ou `parcial`), aplicação, eventos por registro e `lote_concluido`."""

from __future__ import annotations

import hashlib
import pickle
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, BinaryIO, Generic, Protocol, TypeVar

from pydantic import ValidationError
from sqlalchemy import select

from services.ingestao.leitura import valores
from services.ingestao.leitura.mapas import Mapa
from services.ingestao.leitura.tabela import ArquivoInvalido, Deteccao, Linha, abrir
from services.ingestao.lotes import repository as lotes
from services.ingestao.lotes.models import Lote
from services.ingestao.models import Municipio
from services.ingestao.settings import Settings
from shared.coletor import coleta_so_do_que_nasce
from shared.db import agora
from shared.erros import Conflito, DadosInvalidos
from shared.eventos.base import Evento
from shared.eventos.esquemas import LoteConcluido
from shared.http.problemas import MENSAGENS_VALIDACAO
from shared.outbox import UnidadeDeTrabalho

R = TypeVar("R")
SITUACAO_INTERROMPIDO = "interrompido"
# Um envio idêntico depois destes substitui o lote anterior (em vez de devolvê-lo como "já recebido").
SITUACOES_REENVIAVEIS = frozenset({SITUACAO_INTERROMPIDO, "rejeitado"})
BLOCO = 5_000  # registros aplicados por vez na segunda passada


@dataclass(frozen=True)
class ErroLinha:
    linha: int
    coluna: str
    valor: str
    motivo: str


@dataclass
class Contexto:
    """O que a validação de uma linha precisa saber além dela: o período do lote e a referência."""

    ano: int | None
    mes: int | None
    ibge7_por_ibge6: dict[str, str]
    uf: str
    codigo_uf: str
    colunas: dict[str, str] = field(default_factory=dict)  # campo do sistema → nome no arquivo

    def ibge7(self, codigo: str) -> str | None:
        """IBGE de 6 ou 7 dígitos → IBGE7, se o município está na referência."""
        ibge7 = self.ibge7_por_ibge6.get(codigo[:6])
        return ibge7 if ibge7 is not None and (len(codigo) == 6 or codigo == ibge7) else None


class Importador(Protocol, Generic[R]):
    tipo: str
    periodicidade: str  # "anual" | "mensal" | "referencia"
    campo_chave: str  # o campo que identifica o registro (nomeado no erro de linha repetida)

    def mapa(self, ano: int | None) -> Mapa: ...

    def validar(self, linha: Linha, contexto: Contexto) -> tuple[R | None, list[ErroLinha]]: ...

    def chave(self, registro: R) -> str:
        """Identidade do registro no arquivo (duas linhas com a mesma chave são um erro)."""
        ...

    async def aplicar(self, uow: UnidadeDeTrabalho, registros: Sequence[R], lote: Lote) -> list[Evento]:
        """Grava o que mudou e devolve os eventos a publicar (um por registro novo ou alterado)."""
        ...


async def lote_ja_recebido(uow: UnidadeDeTrabalho, tipo: str, periodo: str, sha256: str) -> Lote | None:
    """O lote do mesmo arquivo, se houver; um interrompido ou rejeitado sai da frente do reenvio."""
    existente = await lotes.por_checksum(uow.sessao, tipo=tipo, periodo=periodo, sha256=sha256)
    if existente is not None and existente.situacao in SITUACOES_REENVIAVEIS:
        await uow.sessao.delete(existente)
        await uow.sessao.flush()
        return None
    return existente


def exigir_periodo(importador: Importador[Any], ano: int | None) -> None:
    if importador.periodicidade in {"anual", "mensal"} and ano is None:
        raise DadosInvalidos(
            f"informe o ano de referência (parâmetro `ano`) para arquivos {importador.tipo}",
            erros=[{"campo": "ano", "origem": "parâmetro", "motivo": "obrigatório para este tipo"}],
        )


def periodo_de(ano: int | None, mes: int | None) -> str:
    return "referencia" if ano is None else (f"{ano}" if mes is None else f"{ano}-{mes:02d}")


def sha256_do_arquivo(arquivo: BinaryIO) -> tuple[str, int]:
    soma = hashlib.sha256()
    tamanho = 0
    arquivo.seek(0)
    while bloco := arquivo.read(1 << 20):
        soma.update(bloco)
        tamanho += len(bloco)
    arquivo.seek(0)
    return soma.hexdigest(), tamanho


@dataclass(frozen=True)
class Envio:
    """Um arquivo enviado: de que tipo, por quem, para qual período e se aceita carga parcial."""

    importador: Importador[Any]
    arquivo: BinaryIO
    nome_arquivo: str
    enviado_por: str
    ano: int | None = None
    mes: int | None = None
    parcial: bool = False

    @property
    def periodo(self) -> str:
        return periodo_de(self.ano, self.mes)


class RecebimentoSimultaneo(Conflito):
    def __init__(self) -> None:
        super().__init__("este mesmo arquivo acabou de ser recebido por outra requisição; consulte o lote")


async def importar(
    *,
    uow: UnidadeDeTrabalho,
    settings: Settings,
    envio: Envio,
    lote_id: str | None = None,
) -> tuple[Lote, bool]:
    """Importa um arquivo; devolve o lote e se ele é novo. Com erro (e sem `parcial`), nada é gravado.

    Com `lote_id`, completa o lote que o upload em segundo plano já registrou como `processando`."""
    importador, arquivo, nome_arquivo, ano, mes = (
        envio.importador,
        envio.arquivo,
        envio.nome_arquivo,
        envio.ano,
        envio.mes,
    )
    exigir_periodo(importador, ano)
    sha256, tamanho = sha256_do_arquivo(arquivo)
    periodo = envio.periodo
    if lote_id is None and (existente := await lote_ja_recebido(uow, importador.tipo, periodo, sha256)):
        return existente, False
    contexto = Contexto(
        ano=ano,
        mes=mes,
        ibge7_por_ibge6=await _referencia(uow),
        uf=settings.uf_referencia,
        codigo_uf=settings.codigo_uf_referencia,
    )
    with coleta_so_do_que_nasce(), RegistrosGuardados[Any]() as guardados:
        deteccao, relatorio = _primeira_passada(
            arquivo=arquivo,
            importador=importador,
            contexto=contexto,
            ano=ano,
            nome_arquivo=nome_arquivo,
            maximo=settings.erros_maximos_relatados,
            guardados=guardados,
        )
        erros, total_erros, lidas, validas = (
            relatorio.erros,
            relatorio.total,
            relatorio.lidas,
            relatorio.validas,
        )
        if total_erros and not envio.parcial:
            raise DadosInvalidos(
                f"o arquivo {nome_arquivo} tem {total_erros} problema(s) em {lidas} linha(s) e não foi "
                "importado; corrija as linhas indicadas e envie de novo (ou envie com parcial=true para "
                "aceitar só as válidas)",
                erros=[asdict(e) for e in erros],
                total_erros=total_erros,
            )
        if not validas:
            raise DadosInvalidos(
                f"o arquivo {nome_arquivo} não tem nenhuma linha válida",
                erros=[asdict(e) for e in erros],
                total_erros=total_erros,
            )
        campos = {
            "tipo": importador.tipo,
            "ano_referencia": ano,
            "mes_referencia": mes,
            "periodo": periodo,
            "parcial": envio.parcial,
            "arquivo": nome_arquivo[:255],
            "sha256": sha256,
            "tamanho_bytes": tamanho,
            "enviado_por": envio.enviado_por,
            "linhas_lidas": lidas,
            "linhas_validas": validas,
            "linhas_rejeitadas": lidas - validas,
            "registros_alterados": 0,
            "situacao": "concluido",
            "deteccao": asdict(deteccao),
            "erros": [asdict(e) for e in erros],
        }
        lote = await lotes.obter(uow.sessao, lote_id) if lote_id else None
        if lote is None:
            lote = Lote(id=lote_id or str(uuid.uuid4()), recebido_em=agora(), **campos)
            lotes.adicionar(uow.sessao, lote)
        else:
            for campo, valor in campos.items():
                setattr(lote, campo, valor)
        # Segunda passada: aplica em blocos o que a primeira guardou, tudo na mesma transação; os eventos
        # de cada bloco já descem para o outbox, para a memória não crescer com o arquivo.
        publicados = 0
        tamanho_bloco = BLOCO if getattr(importador, "aplica_em_blocos", True) else sys.maxsize
        for bloco in _em_blocos(guardados.registros(), tamanho_bloco):
            for evento in await importador.aplicar(uow, bloco, lote):
                uow.publicar(evento)
                publicados += 1
            await uow.descarregar()
    lote.registros_alterados = publicados
    uow.publicar(
        LoteConcluido(
            lote_id=lote.id,
            tipo_lote=lote.tipo,
            ano=ano,
            mes=mes,
            linhas_lidas=lidas,
            linhas_validas=validas,
            linhas_rejeitadas=lote.linhas_rejeitadas,
            registros_publicados=publicados,
        )
    )
    return lote, True


class RegistrosGuardados(Generic[R]):
    """Os registros válidos da primeira passada, em blocos serializados num arquivo temporário: a segunda
    passada os aplica sem ler e validar o arquivo de novo, e sem tê-los todos em memória."""

    def __init__(self) -> None:
        self._arquivo = tempfile.TemporaryFile()  # noqa: SIM115 (fechado em __exit__)
        self._bloco: list[R] = []

    def __enter__(self) -> RegistrosGuardados[R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self._arquivo.close()

    def guardar(self, registro: R) -> None:
        self._bloco.append(registro)
        if len(self._bloco) >= BLOCO:
            pickle.dump(self._bloco, self._arquivo, protocol=pickle.HIGHEST_PROTOCOL)
            self._bloco = []

    def registros(self) -> Iterator[R]:
        fim = self._arquivo.tell()
        self._arquivo.seek(0)
        while self._arquivo.tell() < fim:
            # Confiável: o arquivo é anônimo e foi escrito por este processo, nesta importação.
            bloco: list[R] = pickle.load(self._arquivo)  # noqa: S301
            yield from bloco
        yield from self._bloco


@dataclass
class Relatorio:
    """O que a validação encontrou: os primeiros `maximo` erros, o total, linhas lidas e válidas."""

    maximo: int
    erros: list[ErroLinha] = field(default_factory=list)
    total: int = 0
    lidas: int = 0
    validas: int = 0


def _primeira_passada(
    *,
    arquivo: BinaryIO,
    importador: Importador[Any],
    contexto: Contexto,
    ano: int | None,
    nome_arquivo: str,
    maximo: int,
    guardados: RegistrosGuardados[Any],
) -> tuple[Deteccao, Relatorio]:
    """Detecta o formato, valida todas as linhas e guarda em disco as válidas; arquivo ilegível → 422."""
    try:
        tabela = abrir(arquivo, importador.mapa(ano))
        contexto.colunas = tabela.deteccao.colunas_usadas
        if (
            getattr(importador, "recusa_dados_pessoais", False)
            and tabela.deteccao.colunas_pessoais_descartadas
        ):
            raise ArquivoInvalido(
                "o arquivo traz dados individuais ("
                + ", ".join(tabela.deteccao.colunas_pessoais_descartadas)
                + "); este tipo só é aceito agregado, sem dados pessoais"
            )
        # Primeira passada: valida tudo antes de gravar qualquer coisa (o arquivo pode ter 100 mil
        # linhas; os válidos vão para o disco, não para a memória).
        relatorio = Relatorio(maximo)
        for registro in registros_validos(tabela, importador, contexto, relatorio):
            guardados.guardar(registro)
    except ArquivoInvalido as exc:
        raise DadosInvalidos(
            f"o arquivo {nome_arquivo} não pode ser lido como {importador.tipo}: {exc}",
            erros=[asdict(ErroLinha(exc.linha, exc.coluna, "", str(exc)))],
            total_erros=1,
        ) from None
    return tabela.deteccao, relatorio


def registros_validos(
    tabela: Any, importador: Importador[R], contexto: Contexto, relatorio: Relatorio
) -> Iterator[R]:
    """Valida linha a linha (em streaming) e entrega os registros válidos; os problemas vão ao relatório."""
    vistos: dict[str, int] = {}
    for linha in tabela:
        relatorio.lidas += 1
        if linha.multilinha:
            motivo = "aspas abertas nesta linha não foram fechadas: o campo engoliu as linhas seguintes"
            registro, problemas = None, [ErroLinha(linha.numero, "", "", motivo)]
        elif linha.campos != linha.esperados:
            motivo = f"a linha tem {linha.campos} campo(s); o cabeçalho tem {linha.esperados}"
            registro, problemas = None, [ErroLinha(linha.numero, "", "", motivo)]
        else:
            try:
                registro, problemas = importador.validar(linha, contexto)
            except ValidationError as exc:  # um valor que passou das regras da linha mas não cabe no evento
                registro, problemas = None, _erros_de_modelo(exc, linha, contexto)
        if registro is not None and not problemas:
            chave = importador.chave(registro)
            if chave in vistos:
                coluna = contexto.colunas.get(importador.campo_chave, importador.campo_chave)
                motivo = f"registro repetido no arquivo (já está na linha {vistos[chave]})"
                problemas = [ErroLinha(linha.numero, coluna, chave, motivo)]
            else:
                vistos[chave] = linha.numero
                relatorio.validas += 1
                yield registro
        relatorio.total += len(problemas)
        relatorio.erros.extend(problemas[: max(relatorio.maximo - len(relatorio.erros), 0)])


def validar_tabela(
    tabela: Any, importador: Importador[R], contexto: Contexto, maximo: int
) -> tuple[list[R], list[ErroLinha], int, int]:
    relatorio = Relatorio(maximo)
    registros = list(registros_validos(tabela, importador, contexto, relatorio))
    return registros, relatorio.erros, relatorio.total, relatorio.lidas


def _em_blocos(registros: Iterator[R], tamanho: int) -> Iterator[list[R]]:
    bloco: list[R] = []
    for registro in registros:
        bloco.append(registro)
        if len(bloco) >= tamanho:
            yield bloco
            bloco = []
    if bloco:
        yield bloco


def _erros_de_modelo(exc: ValidationError, linha: Linha, contexto: Contexto) -> list[ErroLinha]:
    erros = []
    for erro in exc.errors():
        campo = str(erro["loc"][0]) if erro["loc"] else ""
        motivo = MENSAGENS_VALIDACAO.get(erro["type"], erro["msg"])
        limite = (erro.get("ctx") or {}).get("max_length")
        erros.append(
            ErroLinha(
                linha.numero,
                contexto.colunas.get(campo, campo),
                str(erro.get("input", ""))[:200],
                motivo + (f" (máximo {limite})" if limite else ""),
            )
        )
    return erros


async def _referencia(uow: UnidadeDeTrabalho) -> dict[str, str]:
    linhas = await uow.sessao.execute(select(Municipio.ibge6, Municipio.ibge7))
    return {ibge6: ibge7 for ibge6, ibge7 in linhas.all()}


class Celulas:
    """Lê os campos de uma linha acumulando os erros (linha, coluna como está no arquivo, valor, motivo)."""

    def __init__(self, linha: Linha, contexto: Contexto) -> None:
        self.linha = linha
        self.contexto = contexto
        self.erros: list[ErroLinha] = []

    def erro(self, campo: str, motivo: str) -> None:
        coluna = self.contexto.colunas.get(campo, campo)
        self.erros.append(
            ErroLinha(self.linha.numero, coluna, self.linha.valores.get(campo, "")[:200], motivo)
        )

    def ler(self, campo: str, conversor: Any, *, obrigatorio: bool = True, **limites: Any) -> Any:
        bruto = self.linha.valores.get(campo, "")
        try:
            valor = conversor(bruto, **limites)
        except ValueError as exc:
            self.erro(campo, str(exc))
            return None
        if valor in (None, "") and obrigatorio:
            self.erro(campo, "campo obrigatório vazio")
        return valor

    def inteiros(self, campos: Sequence[str]) -> dict[str, int | None]:
        """Contagens não negativas, opcionais: o caso comum (só dígitos) sem passar por `ler`, que custa
        em arquivos de milhões de células; vazio, aspas ou erro seguem o caminho completo."""
        lidos: dict[str, int | None] = {}
        for campo in campos:
            bruto = self.linha.valores.get(campo, "")
            if bruto.isascii() and bruto.isdigit() and len(bruto) <= valores.DIGITOS_MAXIMOS:
                lidos[campo] = int(bruto)
            else:
                lidos[campo] = self.ler(campo, valores.inteiro, obrigatorio=False)
        return lidos

    def municipio(self, campo: str) -> str | None:
        """IBGE (6 ou 7 dígitos) de um município que está na referência, normalizado para IBGE7."""
        codigo = self.ler(campo, valores.codigo_ibge)
        if codigo is None:
            return None
        ibge7 = self.contexto.ibge7(codigo)
        if ibge7 is None:
            self.erro(
                campo,
                "município não está na referência de municípios (carregue-a antes, ou corrija o código)",
            )
        return ibge7

    def periodo(self, *, com_mes: bool) -> tuple[int | None, int | None]:
        """Ano (e mês) da linha, que devem ser os do lote quando o lote os declara."""
        ano = self.ler("ano", valores.inteiro, minimo=2000, maximo=2100)
        mes = self.ler("mes", valores.inteiro, minimo=1, maximo=12) if com_mes else None
        if ano is not None and self.contexto.ano is not None and ano != self.contexto.ano:
            self.erro("ano", f"o lote é de {self.contexto.ano}; esta linha é de {ano}")
        if mes is not None and self.contexto.mes is not None and mes != self.contexto.mes:
            self.erro("mes", f"o lote é do mês {self.contexto.mes}; esta linha é do mês {mes}")
        return ano, mes

    def unidade(self, campo_id: str, campo_ibge: str) -> tuple[str | None, str | None]:
        """Identificador da unidade e IBGE7 do município, conferidos entre si e com a referência."""
        id_unidade = self.ler(campo_id, valores.id_unidade)
        codigo = self.ler(campo_ibge, valores.codigo_ibge)
        if codigo is None:
            return id_unidade, None
        ibge7 = self.contexto.ibge7(codigo)
        if ibge7 is None:
            self.erro(
                campo_ibge,
                "município não está na referência de municípios (carregue-a antes, ou corrija o código)",
            )
        elif id_unidade is not None and id_unidade[:6] != ibge7[:6]:
            self.erro(
                campo_id,
                f"os 6 primeiros dígitos ({id_unidade[:6]}) não são o município {ibge7[:6]} da linha",
            )
        return id_unidade, ibge7
