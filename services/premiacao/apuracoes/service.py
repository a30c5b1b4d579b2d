"""Apurar, ler, publicar, simular: a fronteira entre a leitura, o domínio e o resultado guardado."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from services.premiacao.apuracoes import comparacao, explicacao, exportacao, repository
from services.premiacao.apuracoes.models import Apuracao
from services.premiacao.apuracoes.resultado import impressao_digital, linhas, mesclar, montar_entradas, resumo
from services.premiacao.apuracoes.schemas import (
    ApuracaoResumo,
    ApuracaoSaida,
    Comparacao,
    ExplicacaoCras,
    LinhaClassificacao,
    PaginaClassificacao,
    Resumo,
    SimulacaoSaida,
)
from services.premiacao.dominio.classificacao import classificar
from services.premiacao.dominio.regras import RegrasPremio
from services.premiacao.leitura import repository as leitura
from services.premiacao.regras.service import REGRAS
from shared.coletor import sem_coleta_de_ciclos
from shared.db import agora
from shared.erros import Conflito, DadosInvalidos, ErroDominio, NaoEncontrado
from shared.eventos.esquemas import PremiadoPublicado, ResultadoPublicado
from shared.outbox import UnidadeDeTrabalho
from shared.regras import alteracoes

FUSO_CEARA = ZoneInfo("America/Fortaleza")


class SemDados(ErroDominio):
    status = 422
    codigo = "sem_dados"
    titulo = "Não há dados para apurar"


def momento_de_referencia(regras: RegrasPremio, agora_: datetime) -> datetime:
    """Fim do dia de referência no horário do Ceará; sem data, o momento da apuração [PREMISSA]."""
    if regras.data_referencia_plano_ativo is None:
        return agora_
    return datetime.combine(regras.data_referencia_plano_ativo, time.max, tzinfo=FUSO_CEARA)


async def _calcular(
    *, sessao: AsyncSession, regras: RegrasPremio
) -> tuple[str, Resumo, list[LinhaClassificacao]]:
    dados = await leitura.dados_dos_anos(sessao, (regras.ano_t, regras.ano_t_menos_1))
    with sem_coleta_de_ciclos():
        entradas = montar_entradas(dados, regras, momento_de_referencia(regras, agora()))
        if not entradas:
            raise SemDados(
                f"não há dados de CRAS para {regras.ano_t} nem {regras.ano_t_menos_1} (Censo SUAS, IDCRAS, RMA ou SISC); "
                "carregue os arquivos na Ingestão e tente de novo",
                exercicio=regras.exercicio,
            )
        resultado = classificar(entradas, regras)
        return impressao_digital(entradas), resumo(resultado, regras), linhas(resultado)


async def apurar(*, uow: UnidadeDeTrabalho, exercicio: int, autor: str) -> Apuracao:
    """Calcula e guarda imutável: impressão digital das entradas, versão das regras, quem e quando (Art. 7º)."""
    versao = await REGRAS.vigente(sessao=uow.sessao, exercicio=exercicio)
    regras = REGRAS.regras_de(versao)
    REGRAS.validar(regras, exercicio=exercicio)
    impressao, resumo_, classificacao = await _calcular(sessao=uow.sessao, regras=regras)
    apuracao = Apuracao(
        id=str(uuid.uuid4()),
        exercicio=exercicio,
        regras_versao=versao.versao,
        impressao_digital=impressao,
        criada_por=autor,
        situacao="calculada",
        resultado=resumo_.model_dump(mode="json"),
    )
    with sem_coleta_de_ciclos():
        linhas_cras = [
            {
                "apuracao_id": apuracao.id,
                "id_cras": linha.id_cras,
                "ordem": ordem,
                "ibge7": linha.ibge7,
                "apto": linha.apto,
                "premiado": linha.premiado,
                "linha": linha.model_dump(mode="json"),
            }
            for ordem, linha in enumerate(classificacao, start=1)
        ]
    await repository.inserir(uow.sessao, apuracao, linhas_cras)
    return apuracao


async def simular(*, sessao: AsyncSession, exercicio: int, trocas: dict[str, Any]) -> SimulacaoSaida:
    """Como uma apuração, com regras trocadas na requisição; nada se guarda."""
    vigentes = REGRAS.regras_de(await REGRAS.vigente(sessao=sessao, exercicio=exercicio))
    base = vigentes.model_dump(mode="json")
    try:
        regras = RegrasPremio.model_validate(mesclar(base, {**trocas, "exercicio": exercicio}))
    except ValidationError as exc:
        erros = [
            {"coluna": ".".join(str(p) for p in e["loc"]), "valor": e.get("input"), "motivo": e["msg"]}
            for e in exc.errors(include_url=False)
        ]
        raise DadosInvalidos(
            "as regras da simulação são inválidas: "
            + "; ".join(f"{e['coluna']}: {e['motivo']}" for e in erros),
            erros=erros,
        ) from None
    REGRAS.validar(regras, exercicio=exercicio)
    impressao, resumo_, classificacao = await _calcular(sessao=sessao, regras=regras)
    return SimulacaoSaida(
        exercicio=exercicio,
        impressao_digital=impressao,
        alteracoes=alteracoes(base, regras.model_dump(mode="json")),
        resumo=resumo_,
        classificacao=classificacao,
    )


async def obter(
    *, sessao: AsyncSession, exercicio: int, apuracao_id: str, so_publicadas: bool = False
) -> Apuracao:
    """Municípios e conselhos só veem resultados publicados; a equipe da SPS vê também as apurações de trabalho."""
    apuracao = await repository.obter(sessao, apuracao_id)
    if (
        apuracao is None
        or apuracao.exercicio != exercicio
        or (so_publicadas and apuracao.situacao != "publicada")
    ):
        raise NaoEncontrado(
            f"a apuração {apuracao_id} não existe no exercício {exercicio}", apuracao_id=apuracao_id
        )
    return apuracao


def resumo_de(apuracao: Apuracao) -> ApuracaoResumo:
    resumo_ = apuracao.resultado
    return ApuracaoResumo(
        id=apuracao.id,
        exercicio=apuracao.exercicio,
        situacao=apuracao.situacao,
        regras_versao=apuracao.regras_versao,
        impressao_digital=apuracao.impressao_digital,
        criada_em=apuracao.criada_em,
        criada_por=apuracao.criada_por,
        publicada_em=apuracao.publicada_em,
        publicada_por=apuracao.publicada_por,
        substituida_por=apuracao.substituida_por,
        premiados=resumo_["premiados"],
        valor_total_distribuido=Decimal(resumo_["valor_total_distribuido"]),
    )


async def listar(
    *, sessao: AsyncSession, exercicio: int, so_publicadas: bool = False
) -> list[ApuracaoResumo]:
    return [
        resumo_de(a)
        for a in await repository.listar(sessao, exercicio)
        if not so_publicadas or a.situacao == "publicada"
    ]


async def ler(
    *,
    sessao: AsyncSession,
    exercicio: int,
    apuracao_id: str,
    pagina: int,
    tamanho: int,
    ibge7: str | None,
    premiado: bool | None,
    apto: bool | None,
    so_publicadas: bool = False,
) -> ApuracaoSaida:
    apuracao = await obter(
        sessao=sessao, exercicio=exercicio, apuracao_id=apuracao_id, so_publicadas=so_publicadas
    )
    itens, total = await repository.linhas(
        sessao, apuracao_id, ibge7=ibge7, premiado=premiado, apto=apto, pagina=pagina, tamanho=tamanho
    )
    return ApuracaoSaida(
        **resumo_de(apuracao).model_dump(),
        resumo=Resumo.model_validate(apuracao.resultado),
        classificacao=PaginaClassificacao(
            itens=[LinhaClassificacao.model_validate(i) for i in itens],
            total=total,
            pagina=pagina,
            tamanho=tamanho,
        ),
    )


async def classificacao_completa(*, sessao: AsyncSession, apuracao_id: str) -> list[LinhaClassificacao]:
    itens, _ = await repository.linhas(sessao, apuracao_id)
    return [LinhaClassificacao.model_validate(i) for i in itens]


async def linha(*, sessao: AsyncSession, apuracao: Apuracao, id_cras: str) -> LinhaClassificacao:
    dados = await repository.linha(sessao, apuracao.id, id_cras)
    if dados is None:
        raise NaoEncontrado(
            f"o CRAS {id_cras} não está na apuração {apuracao.id} (nenhum dado dele nos anos da apuração)",
            id_cras=id_cras,
        )
    return LinhaClassificacao.model_validate(dados)


async def publicar(*, uow: UnidadeDeTrabalho, exercicio: int, apuracao_id: str, autor: str) -> Apuracao:
    """Publica (e a publicada anterior fica substituída por esta); o conteúdo não muda mais."""
    apuracao = await obter(sessao=uow.sessao, exercicio=exercicio, apuracao_id=apuracao_id)
    if apuracao.situacao == "publicada":
        raise Conflito(
            f"a apuração {apuracao_id} já foi publicada em {apuracao.publicada_em:%d/%m/%Y %H:%M} por "
            f"{apuracao.publicada_por}; para mudar o resultado, faça uma nova apuração e publique-a",
            apuracao_id=apuracao_id,
        )
    anterior = await repository.publicada_vigente(uow.sessao, exercicio)
    momento = agora()
    apuracao.situacao = "publicada"
    apuracao.publicada_em = momento
    apuracao.publicada_por = autor
    if anterior is not None:
        anterior.substituida_por = apuracao.id
    premiados, _ = await repository.linhas(uow.sessao, apuracao.id, premiado=True)
    uow.publicar(
        ResultadoPublicado(
            apuracao_id=apuracao.id,
            exercicio=exercicio,
            impressao_digital=apuracao.impressao_digital,
            regras_versao=apuracao.regras_versao,
            publicada_em=momento,
            substitui=anterior.id if anterior else None,
            premiados=tuple(
                PremiadoPublicado(
                    colocacao=p["colocacao_premio"],
                    id_cras=p["id_cras"],
                    ibge7=p["ibge7"],
                    valor=Decimal(p["valor_premio"]),
                )
                for p in premiados
            ),
            valor_total=Decimal(apuracao.resultado["valor_total_distribuido"]),
        )
    )
    return apuracao


def _linha_ou_nada(dados: dict[str, Any] | None) -> LinhaClassificacao | None:
    return None if dados is None else LinhaClassificacao.model_validate(dados)


async def explicar(
    *, sessao: AsyncSession, exercicio: int, apuracao_id: str, id_cras: str, so_publicadas: bool = False
) -> ExplicacaoCras:
    apuracao = await obter(
        sessao=sessao, exercicio=exercicio, apuracao_id=apuracao_id, so_publicadas=so_publicadas
    )
    alvo = await linha(sessao=sessao, apuracao=apuracao, id_cras=id_cras)
    anterior = (
        await repository.linha_na_ordem(sessao, apuracao_id, alvo.posicao - 1)
        if alvo.posicao and alvo.desempate_decisivo
        else None
    )
    do_municipio = (
        await repository.linha(sessao, apuracao_id, alvo.premiado_do_municipio)
        if alvo.premiado_do_municipio
        else None
    )
    texto = explicacao.explicar(
        alvo,
        Resumo.model_validate(apuracao.resultado),
        anterior=_linha_ou_nada(anterior),
        premiado_do_municipio=_linha_ou_nada(do_municipio),
        ultimo_premiado=_linha_ou_nada(await repository.ultimo_premiado(sessao, apuracao_id)),
    )
    return ExplicacaoCras(apuracao_id=apuracao_id, id_cras=id_cras, texto=texto, linha=alvo)


async def comparar(
    *, sessao: AsyncSession, exercicio: int, apuracao_id: str, outra_id: str, so_publicadas: bool = False
) -> Comparacao:
    a = await obter(sessao=sessao, exercicio=exercicio, apuracao_id=apuracao_id, so_publicadas=so_publicadas)
    b = await obter(sessao=sessao, exercicio=exercicio, apuracao_id=outra_id, so_publicadas=so_publicadas)
    return comparacao.comparar(
        apuracao_id=a.id,
        outra_id=b.id,
        impressoes=(a.impressao_digital, b.impressao_digital),
        resumos=(Resumo.model_validate(a.resultado), Resumo.model_validate(b.resultado)),
        classificacoes=(
            await classificacao_completa(sessao=sessao, apuracao_id=a.id),
            await classificacao_completa(sessao=sessao, apuracao_id=b.id),
        ),
    )


async def exportar(
    *, sessao: AsyncSession, exercicio: int, apuracao_id: str, formato: str, so_publicadas: bool = False
) -> bytes:
    apuracao = await obter(
        sessao=sessao, exercicio=exercicio, apuracao_id=apuracao_id, so_publicadas=so_publicadas
    )
    gerar = exportacao.exportar_xlsx if formato == "xlsx" else exportacao.exportar_csv
    return gerar(
        Resumo.model_validate(apuracao.resultado),
        await classificacao_completa(sessao=sessao, apuracao_id=apuracao_id),
        regras_versao=apuracao.regras_versao,
        impressao_digital=apuracao.impressao_digital,
    )
