"""Apuração do prêmio dos CRAS: o `POST /api/v1/exercicios/2022/apuracoes` num serviço Premiação de pé,
com a leitura preenchida pelos eventos da Ingestão, no Ceará e em escala nacional."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

from bench.cenario import (
    Bancada,
    ServicoEmProcesso,
    evento_municipio,
    memoria_mb,
    nova_rodada,
    preencher_pelo_barramento,
)
from bench.relatorio import Linha, Resultado, numero, segundos
from services.ingestao.amostras.atendimentos import CABECALHO_RMA, CAMPOS_RMA, _linhas_rma, _linhas_sisc
from services.ingestao.amostras.modelo import Cras, Municipio
from services.ingestao.amostras.nacional import cras_nacionais, municipios_nacionais
from services.ingestao.amostras.universo import montar_ceara
from shared.db import agora
from shared.eventos.base import Evento
from shared.eventos.catalogo import CATALOGO
from shared.eventos.envelope import EventoRecebido, fonte_do_servico
from shared.eventos.esquemas import (
    CensoCrasRegistrado,
    IdcrasPublicado,
    RmaCrasRegistrado,
    SiscRegistrado,
)
from shared.http.seguranca import emitir_token

SERVICO = "premiacao"
EXERCICIO = 2022
ANOS = (2020, 2021)  # t−1 e t−2 do exercício 2022 (Portaria SPS nº 725/2022)
SEMENTE = 2026
REPETICOES = 5
META_CEARA_S = 0.2
META_NACIONAL_S = 3.0
META_MEMORIA_MB = 300.0
LOTE_TRATADORES = 5_000
# Na linha do RMA do gerador, os campos A.1–D.8 vêm depois das colunas de identificação.
INICIO_CAMPOS_RMA = len(CABECALHO_RMA) - len(CAMPOS_RMA)


@dataclass(frozen=True)
class Escala:
    nome: str
    municipios: list[Municipio]
    cras: list[Cras]
    # No Ceará os eventos passam pelo barramento e pelo consumidor do serviço; no país (≈660 mil eventos,
    # minutos pelo consumidor) os mesmos eventos vão direto aos tratadores do serviço, sem Kafka nem inbox.
    pelo_barramento: bool


def _escalas() -> tuple[Escala, Escala]:
    """O universo do gerador de amostras: o Ceará real (408 CRAS de 2023) e o país (8 600 CRAS)."""
    ceara = montar_ceara(SEMENTE)
    municipios = municipios_nacionais(SEMENTE, ceara)
    return (
        Escala("Ceará", ceara.municipios, ceara.cras_do_ano(2023), pelo_barramento=True),
        Escala("Nacional", municipios, cras_nacionais(SEMENTE, ceara, municipios), pelo_barramento=False),
    )


def _eventos(escala: Escala) -> Iterator[Evento]:
    """O que a Ingestão publicaria para os dois anos: municípios, Censo, IDCRAS, 12 meses de RMA, SISC.

    Todos os CRAS têm dados nos dois anos (o universo de 2023), para a escala ser a da meta.
    """
    for m in escala.municipios:
        yield evento_municipio(m, "bench")
    rng = random.Random(f"{SEMENTE}:premiacao")
    por_id = {c.identificador: c for c in escala.cras}
    for ano in ANOS:
        for c in escala.cras:
            yield CensoCrasRegistrado(
                id_cras=c.identificador, ibge7=c.municipio.ibge7, ano=ano, nome=c.nome, lote_id="bench"
            )
            niveis = _niveis(c, ano, rng)
            yield IdcrasPublicado(
                id_cras=c.identificador,
                ibge7=c.municipio.ibge7,
                ano=ano,
                idcras=(Decimal(sum(niveis)) / 3).quantize(Decimal("0.01")),
                estrutura_fisica=niveis[0],
                recursos_humanos=niveis[1],
                servicos=niveis[2],
                lote_id="bench",
            )
        # O RMA e o SISC do gerador da Ingestão: mesma escala, perfil etário, sazonalidade e pandemia.
        for linha in _linhas_rma(escala.cras, ano, random.Random(f"{SEMENTE}:rma:{ano}")):
            cras = por_id[str(linha[0])]
            yield RmaCrasRegistrado(
                id_cras=cras.identificador,
                ibge7=cras.municipio.ibge7,
                ano=ano,
                mes=int(str(linha[6])),
                valores={
                    campo: None if valor in ("", None) else int(str(valor))
                    for campo, valor in zip(CAMPOS_RMA, linha[INICIO_CAMPOS_RMA:], strict=True)
                },
                lote_id="bench",
            )
        for ano_, mes, id_cras, ibge7, faixa, usuarios, capacidade in _linhas_sisc(
            escala.cras, ano, random.Random(f"{SEMENTE}:sisc:{ano}")
        ):
            yield SiscRegistrado.model_validate(
                {
                    "id_cras": id_cras,
                    "ibge7": ibge7,
                    "ano": ano_,
                    "mes": mes,
                    "faixa_etaria": faixa,
                    "usuarios_atendidos": usuarios,
                    "capacidade_atendimento": capacidade,
                    "lote_id": "bench",
                }
            )


def _niveis(c: Cras, ano: int, rng: random.Random) -> tuple[int, int, int]:
    """Níveis das três dimensões do IDCRAS como o gerador os sorteia (sem a equipe: RH pela qualidade)."""
    p, tendencia = c.perfil, ano - ANOS[0]
    brutos = (
        2.9 + 0.7 * p.qualidade + p.efeito_estrutura + 0.15 * tendencia,
        2.6 + 0.5 * p.qualidade + p.efeito_rh,
        3.0 + 0.6 * p.qualidade + p.efeito_servicos + 0.1 * tendencia,
    )
    n = [min(5, max(1, round(b + rng.gauss(0, 0.45)))) for b in brutos]
    return n[0], n[1], n[2]


async def _aplicar_nos_tratadores(url_banco: str, eventos: Iterable[Evento]) -> int:
    """Os eventos pelos tratadores do próprio serviço, em lotes de um tipo: a leitura fica como o consumidor a deixaria."""
    from services.premiacao.consumers import TRATADORES
    from services.premiacao.models import Outbox
    from shared.db import criar_engine, criar_fabrica_sessoes
    from shared.outbox import UnidadeDeTrabalho

    engine = criar_engine(url_banco)
    fabrica = criar_fabrica_sessoes(engine)
    fonte, aplicados = fonte_do_servico("ingestao"), 0

    async def aplicar(lote: list[Evento]) -> None:
        recebidos = [
            EventoRecebido(
                ce_id=str(uuid.uuid4()),
                tipo=e.tipo(),
                fonte=fonte,
                momento=agora(),
                assunto=e.assunto(),
                correlation_id="bench",
                corpo=e,
                topico=CATALOGO.topico_de(type(e)).nome,
                particao=0,
                deslocamento=aplicados + i,
            )
            for i, e in enumerate(lote)
        ]
        async with UnidadeDeTrabalho(sessao=fabrica(), outbox=Outbox) as uow:
            await TRATADORES[type(lote[0])](uow, recebidos)
            await uow.commit()

    try:
        lote: list[Evento] = []
        for evento in eventos:
            if lote and (type(evento) is not type(lote[0]) or len(lote) >= LOTE_TRATADORES):
                await aplicar(lote)
                aplicados += len(lote)
                lote = []
            lote.append(evento)
        if lote:
            await aplicar(lote)
            aplicados += len(lote)
    finally:
        await engine.dispose()
    return aplicados


@dataclass
class Medidas:
    cras: int
    municipios: int
    eventos: int
    preenchimento_s: float
    post_s: list[float]
    rss_inicial_mb: float
    pico_mb: float
    resumo: dict[str, Any]
    leitura_s: float = 0.0
    classificar_s: float = 0.0


async def _medir_escala(bancada: Bancada, escala: Escala) -> Medidas:
    rodada = await nova_rodada(bancada, SERVICO)
    pasta, url_banco, valores = rodada.pasta, rodada.url_banco, rodada.valores
    t0 = time.perf_counter()
    if escala.pelo_barramento:
        eventos = await preencher_pelo_barramento(bancada, rodada, _eventos(escala))
    else:
        eventos = await _aplicar_nos_tratadores(url_banco, _eventos(escala))
    preenchimento_s = time.perf_counter() - t0
    # Sobe com a leitura já cheia (nada a consumir): o pico de memória é o da apuração, não o do consumo.
    servico = ServicoEmProcesso(SERVICO, valores, log=pasta / f"{SERVICO}.log")
    try:
        await servico.iniciar(timeout=bancada.parametros.prontidao_s)
        rss_inicial = memoria_mb(servico.pid, "VmRSS")
        token = emitir_token(servico.settings, sub="bench@suas-ce", papeis=["sps_gestor"])
        tempos, corpo = [], {}
        async with httpx.AsyncClient(
            base_url=servico.url, timeout=120, trust_env=False, headers={"Authorization": f"Bearer {token}"}
        ) as cliente:
            for _ in range(REPETICOES + 1):  # a primeira aquece importações, caches e o pool
                t = time.perf_counter()
                resposta = await cliente.post(f"/api/v1/exercicios/{EXERCICIO}/apuracoes")
                tempos.append(time.perf_counter() - t)
                if resposta.status_code != 201:
                    raise RuntimeError(f"POST da apuração: HTTP {resposta.status_code} {resposta.text[:500]}")
                corpo = resposta.json()
        pico = memoria_mb(servico.pid, "VmHWM")
    except Exception:
        servico.mostrar_log()
        raise
    finally:
        servico.parar()
    medidas = Medidas(
        cras=len(escala.cras),
        municipios=len(escala.municipios),
        eventos=eventos,
        preenchimento_s=preenchimento_s,
        post_s=tempos[1:],
        rss_inicial_mb=rss_inicial,
        pico_mb=pico,
        resumo=corpo["resumo"],
    )
    await _classificar_em_processo(url_banco, medidas)
    return medidas


async def _classificar_em_processo(url_banco: str, medidas: Medidas) -> None:
    """Referência: as mesmas entradas, lidas do mesmo banco, e só o `classificar` do domínio, neste processo."""
    from services.premiacao.apuracoes.resultado import montar_entradas
    from services.premiacao.apuracoes.service import momento_de_referencia
    from services.premiacao.dominio.classificacao import classificar
    from services.premiacao.leitura import repository as leitura
    from services.premiacao.regras.service import REGRAS
    from shared.db import criar_engine, criar_fabrica_sessoes

    engine = criar_engine(url_banco)
    try:
        async with criar_fabrica_sessoes(engine)() as sessao:
            regras = REGRAS.regras_de(await REGRAS.vigente(sessao=sessao, exercicio=EXERCICIO))
            leituras = []
            for _ in range(REPETICOES):
                t = time.perf_counter()
                dados = await leitura.dados_dos_anos(sessao, (regras.ano_t, regras.ano_t_menos_1))
                entradas = montar_entradas(dados, regras, momento_de_referencia(regras, agora()))
                leituras.append(time.perf_counter() - t)
    finally:
        await engine.dispose()
    tempos = []
    for _ in range(REPETICOES + 1):
        t = time.perf_counter()
        resultado = classificar(entradas, regras)
        tempos.append(time.perf_counter() - t)
    if len(resultado.premiados) != medidas.resumo["premiados"]:
        raise RuntimeError("o classificar em processo não premiou os mesmos CRAS que o serviço")
    medidas.leitura_s = statistics.median(leituras)
    medidas.classificar_s = statistics.median(tempos[1:])


async def apuracao_do_premio(bancada: Bancada) -> Resultado:
    ceara, nacional = await asyncio.to_thread(_escalas)
    ce = await _medir_escala(bancada, ceara)
    br = await _medir_escala(bancada, nacional)
    ce_post, br_post = statistics.median(ce.post_s), statistics.median(br.post_s)
    return Resultado(
        metodo=f"""
O que o usuário espera: `POST /api/v1/exercicios/{EXERCICIO}/apuracoes` (papel `sps_gestor`) num serviço
Premiação de pé, do envio ao fim da resposta 201. O serviço roda no seu processo, como implantado
(`suas-ce servir premiacao`: uvicorn, consumidor e relay), com um SQLite temporário migrado por `suas-ce migrar`
(regras de 2022 da semente) e configurado só pelo ambiente (`SUAS_PREMIACAO_DATABASE_URL`, `_KAFKA_*`, `_PORTA`,
`_AMBIENTE=teste`, token de desenvolvimento). A rota lê a leitura (Censo, IDCRAS, RMA e SISC de
{ANOS[0]} e {ANOS[1]}), monta as entradas, calcula a impressão digital, classifica em frações exatas, grava o
resumo e uma linha por CRAS, faz o commit e devolve a primeira página da classificação.

A leitura é preenchida antes da medida com o que a Ingestão publicaria: `MunicipioRegistrado` e, para cada CRAS e
ano, `CensoCrasRegistrado`, `IdcrasPublicado`, 12 `RmaCrasRegistrado` (A.1–D.8, o SCFV em D.1–D.8) e
`SiscRegistrado` (4 trimestres × 6 faixas). No Ceará ({numero(ce.eventos)} eventos) pelo barramento: a bancada
publica no Tansu, em cada tópico do catálogo com a chave e os cabeçalhos CloudEvents da produção, e espera o
consumidor do serviço aplicar todos (inbox). No nacional ({numero(br.eventos)} eventos, alguns minutos pelo
consumidor) os mesmos eventos passam direto pelos tratadores do serviço (`consumers.TRATADORES`), com o serviço
parado: a leitura fica igual, sem Kafka nem inbox. O universo e os valores são os do gerador de amostras
(`services/ingestao/amostras`): Ceará com os {ce.cras} CRAS de 2023 em {ce.municipios} municípios reais; nacional
com {numero(br.cras)} CRAS em {numero(br.municipios)} municípios (os de fora do Ceará sintéticos, com código IBGE
válido). Todos os CRAS têm dados nos dois anos.

O serviço é então (re)iniciado sem nada a consumir, para que o pico de memória seja o da apuração e não o do
consumo. Uma apuração de aquecimento e {REPETICOES} medidas; vale a mediana. A memória é o pico de RSS (`VmHWM`)
do processo do serviço desde que subiu de novo. Para referência, na bancada: a leitura com a montagem das
entradas (`dados_dos_anos` + `montar_entradas`) e só o `classificar` do domínio, com as mesmas entradas (aqui
com o coletor de ciclos ligado; a rota o desliga durante o cálculo síncrono).
""",
        linhas=[
            Linha(
                f"Ceará ({ce.cras} CRAS, 2 anos): POST da apuração",
                segundos(ce_post),
                f"≤ {META_CEARA_S * 1000:.0f} ms",
                ce_post <= META_CEARA_S,
            ),
            Linha(
                f"Nacional ({numero(br.cras)} CRAS, 2 anos): POST da apuração",
                segundos(br_post),
                f"≤ {META_NACIONAL_S:.0f} s",
                br_post <= META_NACIONAL_S,
            ),
            Linha(
                "Nacional: pico de memória do serviço",
                f"{numero(br.pico_mb)} MB",
                f"≤ {META_MEMORIA_MB:.0f} MB",
                br.pico_mb <= META_MEMORIA_MB,
            ),
            Linha(
                "POST: mínimo – máximo (Ceará / nacional)",
                f"{segundos(min(ce.post_s))} – {segundos(max(ce.post_s))} / "
                f"{segundos(min(br.post_s))} – {segundos(max(br.post_s))}",
            ),
            Linha(
                "Memória do serviço: RSS ao subir → pico (Ceará / nacional)",
                f"{numero(ce.rss_inicial_mb)} → {numero(ce.pico_mb)} MB / "
                f"{numero(br.rss_inicial_mb)} → {numero(br.pico_mb)} MB",
            ),
            Linha(
                "Referência: leitura + montagem das entradas (Ceará / nacional)",
                f"{segundos(ce.leitura_s)} / {segundos(br.leitura_s)}",
            ),
            Linha(
                "Referência: só o `classificar` (Ceará / nacional)",
                f"{segundos(ce.classificar_s)} / {segundos(br.classificar_s)}",
            ),
            Linha(
                "Aptos / inaptos / premiados (Ceará)",
                f"{ce.resumo['aptos']} / {ce.resumo['inaptos']} / {ce.resumo['premiados']}",
            ),
            Linha(
                "Aptos / inaptos / premiados (nacional)",
                f"{numero(br.resumo['aptos'])} / {numero(br.resumo['inaptos'])} / {br.resumo['premiados']}",
            ),
            Linha(
                "Preenchimento da leitura, fora da medida (Ceará pelo barramento / nacional pelos tratadores)",
                f"{numero(ce.eventos)} eventos em {segundos(ce.preenchimento_s)} / "
                f"{numero(br.eventos)} eventos em {segundos(br.preenchimento_s)}",
            ),
        ],
    )
