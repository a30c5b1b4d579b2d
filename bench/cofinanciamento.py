"""Cálculo do cofinanciamento: o `POST /api/v1/exercicios/2022/calculos` num serviço Cofinanciamento de pé,
com a leitura preenchida pelos eventos da Ingestão, no Ceará e em escala nacional, e a exportação da memória
de cálculo do Estado (XLSX e CSV)."""

from __future__ import annotations

import asyncio
import csv
import random
import statistics
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from bench.cenario import (
    Bancada,
    Leitor,
    ServicoEmProcesso,
    esperar_contagem,
    evento_municipio,
    memoria_mb,
    nova_rodada,
    preencher_pelo_barramento,
)
from bench.relatorio import Linha, Resultado, numero, segundos
from services.ingestao.amostras import censo
from services.ingestao.amostras.modelo import Cras, Municipio
from services.ingestao.amostras.municipais import escrever_indicadores, vulnerabilidades
from services.ingestao.amostras.nacional import cras_nacionais, municipios_nacionais
from services.ingestao.amostras.universo import montar_ceara
from services.ingestao.leitura.mapas import parametro
from shared.eventos.base import Evento
from shared.eventos.esquemas import (
    CensoCrasRegistrado,
    ConselhosRegistrados,
    IndicadorMunicipalRegistrado,
    UnidadeRegistrada,
)
from shared.http.seguranca import emitir_token

SERVICO = "cofinanciamento"
EXERCICIO = 2022
ANO_CENSO = 2022  # o Censo SUAS mais recente até o exercício: é o que o cálculo usa
ANOS_PROTECAO_ESPECIAL = (2022, 2023)  # os do gerador (`gerar_ceara`): a ordem dos sorteios é a dele
SEMENTE = 2026
REPETICOES = 5
REPETICOES_EXPORTACAO = 3  # no Ceará (a meta); no país, uma (referência, sem meta)
FORTALEZA = "2304400"
META_CEARA_S = 1.0
META_NACIONAL_S = 10.0
META_EXPORTACAO_S = 5.0
COBERTURA = Decimal("0.70")  # orçamento da média e da alta: 70% da soma dos pisos das unidades elegíveis
ESPECIAIS = ("piso_fixo_media_complexidade", "piso_alta_complexidade")
# Indicadores que as seleções de 2022 pedem e o gerador de amostras não escreve (ele escreve ivmc,
# cemaris_violacao_criancas, ruptura_vinculos e demanda_servicos).
PROB_ACOLHIMENTO_ADEQUADO = 0.85
PROB_COMPROMISSO_CONSELHOS = 0.5
LOTE = "bench"


@dataclass(frozen=True)
class Escala:
    nome: str
    municipios: list[Municipio]
    cras: list[Cras]
    creas: list[censo.Unidade]
    centros_pop: list[censo.Unidade]
    acolhimento: list[censo.Unidade]
    conselhos: dict[str, tuple[int, ...]]
    indicadores: list[tuple[str, str, str, str]]  # indicador, ibge7, valor, fonte
    repeticoes_exportacao: int

    def unidades(self) -> int:
        return len(self.creas) + len(self.centros_pop) + len(self.acolhimento)


def _protecao_especial(
    rng: random.Random, municipios: Sequence[Municipio], usados: set[str], anos: Sequence[int]
) -> tuple[list[censo.Unidade], list[censo.Unidade], list[censo.Unidade], dict[str, tuple[int, ...]]]:
    """CREAS, Centro Pop, acolhimento e conselhos pelos planejadores do gerador, na ordem de `gerar_ceara`;
    só as unidades que já existem no Censo de `ANO_CENSO`."""
    creas = censo.planejar_creas(rng, municipios, usados)
    centros_pop = censo.planejar_centros_pop(rng, municipios, usados)
    acolhimento = censo.planejar_acolhimento(rng, municipios, usados)
    conselhos = censo.sortear_conselhos(rng, municipios, anos)[ANO_CENSO]

    def do_ano(unidades: list[censo.Unidade]) -> list[censo.Unidade]:
        return [u for u in unidades if u.desde <= ANO_CENSO]

    return do_ano(creas), do_ano(centros_pop), do_ano(acolhimento), conselhos


def _indicadores(
    pasta: Path, municipios: Sequence[Municipio], semente: int, nome: str
) -> list[tuple[str, str, str, str]]:
    """Os indicadores do gerador (o mesmo CSV de `gerar_ceara`, relido) e os que as seleções de 2022 pedem a mais."""
    vulnerabilidade = vulnerabilidades(municipios, semente)
    caminho = pasta / f"indicadores_{nome}_{ANO_CENSO}.csv"
    escrever_indicadores(caminho, municipios, vulnerabilidade, ANO_CENSO, semente)
    with caminho.open(encoding="utf-8", newline="") as arquivo:
        linhas = [(x["indicador"], x["ibge7"], x["valor"], x["fonte"]) for x in csv.DictReader(arquivo)]
    rng = random.Random(f"{semente}:indicadores-cofinanciamento:{ANO_CENSO}")
    for m in municipios:
        v = vulnerabilidade[m.ibge7]
        linhas += [
            (
                "ruptura_vinculos_criancas",
                m.ibge7,
                f"{max(0.0, 4 + 1.5 * v + rng.gauss(0, 0.8)):.2f}",
                "SPS-CE",
            ),
            ("acolhimento_adequado", m.ibge7, str(int(rng.random() < PROB_ACOLHIMENTO_ADEQUADO)), "SPS-CE"),
            ("compromisso_conselhos", m.ibge7, str(int(rng.random() < PROB_COMPROMISSO_CONSELHOS)), "SPS-CE"),
        ]
    return linhas


def escalas(pasta: Path) -> tuple[Escala, Escala]:
    """O Ceará como `gerar_ceara` o escreve (184 municípios reais, CRAS reais do Censo 2022) e o país: os
    outros 5 386 municípios e os CRAS de `cras_nacionais`, com os mesmos planejadores aplicados a eles de uma vez."""
    ceara = montar_ceara(SEMENTE)
    # Ceará: exatamente os sorteios de `gerar_ceara` (mesma semente, mesma ordem, mesmos identificadores).
    rng = random.Random(f"{SEMENTE}:protecao-especial")
    creas, pop, acolhimento, conselhos = _protecao_especial(
        rng, ceara.municipios, ceara.identificadores, ANOS_PROTECAO_ESPECIAL
    )
    indicadores = _indicadores(pasta, ceara.municipios, SEMENTE, "ce")
    cras_ce = ceara.cras_do_ano(ANO_CENSO)
    municipios = municipios_nacionais(SEMENTE, ceara)
    cras = [c for c in cras_nacionais(SEMENTE, ceara, municipios) if c.desde <= ANO_CENSO]
    outros = [m for m in municipios if m.uf != "CE"]
    usados = ceara.identificadores | {c.identificador for c in cras}
    rng_br = random.Random(f"{SEMENTE}:protecao-especial-nacional")
    creas_br, pop_br, acolhimento_br, conselhos_br = _protecao_especial(rng_br, outros, usados, (ANO_CENSO,))
    indicadores_br = _indicadores(pasta, outros, SEMENTE + 1, "br")
    return (
        Escala(
            "Ceará",
            ceara.municipios,
            cras_ce,
            creas,
            pop,
            acolhimento,
            conselhos,
            indicadores,
            REPETICOES_EXPORTACAO,
        ),
        Escala(
            "Nacional",
            municipios,
            cras,
            creas + creas_br,
            pop + pop_br,
            acolhimento + acolhimento_br,
            {**conselhos, **conselhos_br},
            indicadores + indicadores_br,
            1,
        ),
    )


def eventos(escala: Escala) -> Iterator[Evento]:
    """O que a Ingestão publicaria ao carregar esses arquivos: municípios, Censo (CRAS, CREAS, Centro Pop,
    acolhimento, conselhos) e indicadores municipais."""
    familias_q2: dict[str, int] = parametro("censo_cras", "capacidade_q2")
    for m in escala.municipios:
        yield evento_municipio(m, LOTE)
    for c in escala.cras:
        yield CensoCrasRegistrado(
            id_cras=c.identificador,
            ibge7=c.municipio.ibge7,
            ano=ANO_CENSO,
            nome=c.nome,
            data_implantacao=c.implantacao,
            localizacao=c.perfil.localizacao,
            familias_referenciadas=familias_q2[str(c.perfil.capacidade)],
            dias_semana=c.perfil.dias_semana,
            horas_dia=c.perfil.horas_dia,
            lote_id=LOTE,
        )
    for u in escala.creas:
        yield _unidade(u, "creas", oferta_paefi=u.extras[0] == 1)
    for u in escala.centros_pop:
        yield _unidade(u, "centro_pop")
    for u in escala.acolhimento:
        modalidade, publico, vagas = u.extras
        yield _unidade(u, "acolhimento", modalidade_acolhimento=modalidade, publico=publico, capacidade=vagas)
    for ibge7, situacao in escala.conselhos.items():
        yield ConselhosRegistrados(
            ibge7=ibge7, ano=ANO_CENSO, **dict(zip(censo.CONSELHOS, situacao, strict=True)), lote_id=LOTE
        )
    for indicador, ibge7, valor, fonte in escala.indicadores:
        yield IndicadorMunicipalRegistrado(
            indicador=indicador, ibge7=ibge7, ano=ANO_CENSO, valor=Decimal(valor), fonte=fonte, lote_id=LOTE
        )


def _unidade(u: censo.Unidade, tipo: str, **extras: Any) -> UnidadeRegistrada:
    return UnidadeRegistrada.model_validate(
        {
            "id_unidade": u.identificador,
            "tipo_unidade": tipo,
            "ibge7": u.municipio.ibge7,
            "ano": ANO_CENSO,
            "nome": u.nome,
            "lote_id": LOTE,
            **extras,
        }
    )


@dataclass
class Medidas:
    escala: str
    municipios: int
    cras: int
    unidades: int
    eventos: int
    preenchimento_s: float
    orcamentos: dict[str, Decimal] = field(default_factory=dict)
    elegiveis: dict[str, int] = field(default_factory=dict)
    post_s: list[float] = field(default_factory=list)
    repetido_s: float = 0.0
    csv_s: list[float] = field(default_factory=list)
    xlsx_s: list[float] = field(default_factory=list)
    csv_mb: float = 0.0
    xlsx_mb: float = 0.0
    rss_inicial_mb: float = 0.0
    pico_calculo_mb: float = 0.0
    pico_mb: float = 0.0
    linhas_unidades: int = 0
    memoria_guardada_mb: float = 0.0
    resposta: dict[str, Any] = field(default_factory=dict)
    leitura_s: float = 0.0
    calcular_s: float = 0.0

    def total(self, componente: str) -> dict[str, Any]:
        totais: dict[str, Any] = next(
            c["total"] for c in self.resposta["componentes"] if c["componente"] == componente
        )
        return totais


async def _entradas_e_regras(url_banco: str) -> tuple[Any, Any, float]:
    """As entradas do cálculo lidas do banco do serviço (mediana de 3 leituras) e as regras vigentes de 2022."""
    from services.cofinanciamento.leitura import repository as leitura
    from services.cofinanciamento.regras.service import REGRAS
    from shared.db import criar_engine, criar_fabrica_sessoes

    engine = criar_engine(url_banco)
    try:
        async with criar_fabrica_sessoes(engine)() as sessao:
            regras = REGRAS.regras_de(await REGRAS.vigente(sessao=sessao, exercicio=EXERCICIO))
            tempos = []
            for _ in range(3):
                t = time.perf_counter()
                entradas = await leitura.entradas(
                    sessao, ano_censo=ANO_CENSO, ano_indicadores=EXERCICIO, suspensos=frozenset()
                )
                tempos.append(time.perf_counter() - t)
    finally:
        await engine.dispose()
    return entradas, regras, statistics.median(tempos)


async def _orcamentos(url_banco: str, medidas: Medidas) -> None:
    """Orçamento da média e da alta complexidade: `COBERTURA` da soma dos pisos das unidades elegíveis, que o
    próprio domínio dá com as mesmas entradas e as regras de 2022 sem limite de orçamento."""
    from services.cofinanciamento.dominio.calculo import calcular
    from services.cofinanciamento.dominio.regras import Componente

    entradas, regras, _ = await _entradas_e_regras(url_banco)
    coberturas = regras.coberturas
    sem_limite = regras.model_copy(
        update={
            "coberturas": coberturas.model_copy(
                update={
                    c: getattr(coberturas, c).model_copy(update={"sem_orcamento": "sem_limite"})
                    for c in ESPECIAIS
                }
            )
        }
    )
    resultado = await asyncio.to_thread(calcular, entradas, sem_limite)
    for componente in ESPECIAIS:
        cobertas = [u for u in resultado.unidades_de(Componente(componente)) if u.situacao == "coberto"]
        soma = sum((u.valor_mensal for u in cobertas), Decimal(0))
        medidas.orcamentos[componente] = (soma * COBERTURA).quantize(Decimal("0.01"))
        medidas.elegiveis[componente] = len(cobertas)


async def _regras_com_orcamento(cliente: httpx.AsyncClient, orcamentos: dict[str, Decimal]) -> None:
    """Nova versão das regras de 2022 pela API (gestor da SPS), com o orçamento da média e da alta."""
    url = f"/api/v1/exercicios/{EXERCICIO}/regras"
    resposta = await cliente.get(url)
    resposta.raise_for_status()
    regras = resposta.json()["regras"]
    for componente, valor in orcamentos.items():
        regras["coberturas"][componente]["orcamento_mensal"] = str(valor)
        regras["coberturas"][componente]["fonte_orcamento"] = (
            f"bench: {COBERTURA:.0%} da soma dos pisos das unidades elegíveis"
        )
    resposta = await cliente.put(url, json=regras)
    if resposta.status_code != 200:
        raise RuntimeError(f"PUT das regras: HTTP {resposta.status_code} {resposta.text[:500]}")


async def _cronometrar(
    cliente: httpx.AsyncClient, metodo: str, url: str, **kwargs: Any
) -> tuple[float, httpx.Response]:
    t = time.perf_counter()
    resposta = await cliente.request(metodo, url, **kwargs)
    return time.perf_counter() - t, resposta


async def _calcular_pela_api(
    cliente: httpx.AsyncClient, leitor: Leitor, servico: ServicoEmProcesso, timeout: float, medidas: Medidas
) -> str:
    """Os POST, um mês por repetição (o primeiro aquece), e o repetido; devolve a rota do último cálculo."""
    url = f"/api/v1/exercicios/{EXERCICIO}/calculos"
    tempos = []
    # Mesmas entradas e regras no mesmo mês devolvem o cálculo guardado (200): cada repetição é um mês novo,
    # com impressão digital nova, e calcula de verdade.
    for mes in range(1, REPETICOES + 2):
        segundos, resposta = await _cronometrar(cliente, "POST", url, json={"mes": mes})
        if resposta.status_code != 201:
            raise RuntimeError(f"POST do cálculo: HTTP {resposta.status_code} {resposta.text[:500]}")
        tempos.append(segundos)
        medidas.resposta = resposta.json()
        # O relay publica um evento por município: a próxima medida começa com o outbox vazio.
        sql = "SELECT count(*) FROM outbox WHERE publicado_em IS NULL"
        await esperar_contagem(leitor, servico, sql, 0, timeout=timeout)
    medidas.post_s = tempos[1:]
    medidas.repetido_s, resposta = await _cronometrar(cliente, "POST", url, json={"mes": REPETICOES + 1})
    if resposta.status_code != 200 or resposta.json()["id"] != medidas.resposta["id"]:
        raise RuntimeError(f"o POST repetido não devolveu o cálculo guardado: HTTP {resposta.status_code}")
    return f"{url}/{medidas.resposta['id']}"


async def _exportar_pela_api(
    cliente: httpx.AsyncClient, calculo: str, repeticoes: int, medidas: Medidas
) -> None:
    """Memória de cálculo do Estado em CSV e XLSX; aquece com a de um município (importações, estilos)."""
    for formato in ("csv", "xlsx"):
        rotas = [f"{calculo}/municipios/{FORTALEZA}/memoria.{formato}"]
        rotas += [f"{calculo}/memoria.{formato}"] * repeticoes
        tempos = []
        for rota in rotas:
            segundos, resposta = await _cronometrar(cliente, "GET", rota)
            if resposta.status_code != 200:
                raise RuntimeError(f"{rota}: HTTP {resposta.status_code} {resposta.text[:500]}")
            tempos.append(segundos)
        setattr(medidas, f"{formato}_s", tempos[1:])
        setattr(medidas, f"{formato}_mb", len(resposta.content) / 1e6)


async def _medir_servico(
    bancada: Bancada, escala: Escala, valores: dict[str, Any], pasta: Path, medidas: Medidas
) -> None:
    """Sobe o serviço com a leitura cheia (nada a consumir: o pico de memória é o do cálculo, não o do consumo),
    grava as regras com orçamento e mede os cálculos e as exportações pela API."""
    leitor = Leitor(pasta / f"{SERVICO}.db")
    servico = ServicoEmProcesso(SERVICO, valores, log=pasta / f"{SERVICO}.log")
    try:
        await servico.iniciar(timeout=bancada.parametros.prontidao_s)
        medidas.rss_inicial_mb = memoria_mb(servico.pid, "VmRSS")
        token = emitir_token(servico.settings, sub="bench@suas-ce", papeis=["sps_gestor"])
        async with httpx.AsyncClient(
            base_url=servico.url, timeout=600, trust_env=False, headers={"Authorization": f"Bearer {token}"}
        ) as cliente:
            await _regras_com_orcamento(cliente, medidas.orcamentos)
            calculo = await _calcular_pela_api(
                cliente, leitor, servico, bancada.parametros.timeout_s, medidas
            )
            medidas.pico_calculo_mb = memoria_mb(servico.pid, "VmHWM")
            await _exportar_pela_api(cliente, calculo, escala.repeticoes_exportacao, medidas)
        medidas.pico_mb = memoria_mb(servico.pid, "VmHWM")
    except Exception:
        servico.mostrar_log()
        raise
    finally:
        servico.parar()
    linhas, tamanho = (
        await leitor.consultar(
            "SELECT count(*), sum(length(memoria)) FROM calculo_unidade WHERE calculo_id = "
            "(SELECT id FROM calculo ORDER BY criado_em DESC, id DESC LIMIT 1)"
        )
    )[0]
    medidas.linhas_unidades, medidas.memoria_guardada_mb = int(linhas), int(tamanho) / 1e6


async def _calcular_em_processo(url_banco: str, medidas: Medidas) -> None:
    """Referência: as mesmas entradas, lidas do mesmo banco, e só o `calcular` do domínio, neste processo."""
    from services.cofinanciamento.dominio.calculo import calcular

    entradas, regras, medidas.leitura_s = await _entradas_e_regras(url_banco)
    tempos = []
    for _ in range(3):
        t = time.perf_counter()
        resultado = calcular(entradas, regras)
        tempos.append(time.perf_counter() - t)
    if str(resultado.valor_mensal_total) != medidas.resposta["valor_mensal_total"]:
        raise RuntimeError("o calcular em processo não deu o mesmo total que o serviço")
    medidas.calcular_s = statistics.median(tempos)


async def _medir_escala(bancada: Bancada, escala: Escala) -> Medidas:
    rodada = await nova_rodada(bancada, SERVICO)
    pasta, url_banco, valores = rodada.pasta, rodada.url_banco, rodada.valores
    t0 = time.perf_counter()
    publicados = await preencher_pelo_barramento(bancada, rodada, eventos(escala))
    medidas = Medidas(
        escala=escala.nome,
        municipios=len(escala.municipios),
        cras=len(escala.cras),
        unidades=escala.unidades(),
        eventos=publicados,
        preenchimento_s=time.perf_counter() - t0,
    )
    await _orcamentos(url_banco, medidas)
    await _medir_servico(bancada, escala, valores, pasta, medidas)
    await _calcular_em_processo(url_banco, medidas)
    return medidas


def _mediana(tempos: Sequence[float]) -> float:
    return statistics.median(tempos)


def _com_pior(tempos: Sequence[float]) -> str:
    return f"{segundos(_mediana(tempos))} (pior {segundos(max(tempos))})"


def _cobertura(m: Medidas, componente: str) -> str:
    t = m.total(componente)
    texto = f"R$ {numero(float(m.orcamentos[componente]))} → {numero(t['cobertas'])} cobertas, "
    texto += f"{numero(t['aguardando'])} aguardando"
    return texto + (f", {numero(t['inelegiveis'])} inelegíveis" if t["inelegiveis"] else "")


async def calculo_do_cofinanciamento(bancada: Bancada) -> Resultado:
    ceara, nacional = await asyncio.to_thread(escalas, bancada.pasta)
    ce = await _medir_escala(bancada, ceara)
    br = await _medir_escala(bancada, nacional)
    ce_post, br_post = _mediana(ce.post_s), _mediana(br.post_s)
    ce_xlsx, ce_csv = _mediana(ce.xlsx_s), _mediana(ce.csv_s)
    blocos = ce.resposta["blocos"]
    return Resultado(
        metodo=f"""
O que o usuário espera: `POST /api/v1/exercicios/{EXERCICIO}/calculos` com `{{"mes": m}}` (papel `sps_gestor`) num
serviço Cofinanciamento de pé, do envio ao fim da resposta 201; e a memória de cálculo do Estado,
`GET …/calculos/{{id}}/memoria.xlsx` e `…/memoria.csv`, do envio ao último byte. O serviço roda no seu processo,
como implantado (`suas-ce servir cofinanciamento`: uvicorn, consumidor e relay), com um SQLite temporário migrado
por `suas-ce migrar` e configurado só pelo ambiente, como na apuração do prêmio. A rota lê a leitura (municípios;
CRAS, CREAS, Centro Pop, acolhimento e conselhos do Censo SUAS {ANO_CENSO}; o indicador mais recente até
{EXERCICIO}), serializa as entradas e calcula a impressão digital (SHA-256), procura um cálculo igual, calcula os
quatro componentes dos três blocos (pisos, prioridade dos municípios, cobertura dentro do orçamento, totais), grava
o cálculo, uma linha por município e uma por unidade e componente (com a memória de cálculo em JSON), publica
`cofinanciamento_calculado.v1` por município no outbox, faz o commit e devolve a primeira página (50 municípios).

Regras: as de {EXERCICIO} da semente, mais uma versão gravada pela API (`PUT …/regras`, `sps_gestor`) com o
orçamento mensal da média e da alta complexidade, que em {EXERCICIO} está vazio (sem ele esses componentes dão
`parametro_ausente` e a cobertura nem é percorrida). O orçamento de cada um é {COBERTURA:.0%} da soma dos pisos
das unidades elegíveis, que o próprio domínio dá com as mesmas entradas e as regras sem limite: a fila de
prioridade é percorrida e para no meio, com unidades cobertas e aguardando. O Piso Básico Variável fica como em
{EXERCICIO} (valor por família não fixado: parâmetro ausente, calculado e explicado por CRAS).

Cada repetição pede um **mês diferente**: mesmas entradas, regras e mês devolvem o cálculo já guardado (200, sem
calcular nem publicar), então cada mês novo tem impressão digital nova e calcula de verdade. Um POST de
aquecimento (mês 1) e {REPETICOES} medidas (meses 2 a {REPETICOES + 1}); vale a mediana, e o pior vai ao lado.
Entre um e outro a bancada espera o relay publicar os eventos do cálculo (outbox vazio), para a medida seguinte não
disputar a CPU com ele. Depois, o mesmo mês de novo, que volta 200 com o cálculo guardado. Exportações: aquecidas
com a memória de Fortaleza (`…/municipios/{FORTALEZA}/memoria.xlsx|csv`), depois a do Estado, {REPETICOES_EXPORTACAO}
vezes no Ceará (a meta) e uma no país (referência, sem meta). Memória: o RSS ao subir e o pico de RSS (`VmHWM`) do
processo do serviço depois dos cálculos e depois das exportações. Para referência, na bancada, com o mesmo banco:
a leitura das entradas (`leitura.entradas`) e só o `calcular` do domínio.

A leitura é preenchida antes, pelo barramento nas duas escalas: a bancada publica no Tansu o que a Ingestão
publicaria, com a chave e os cabeçalhos CloudEvents da produção (`MunicipioRegistrado`, `CensoCrasRegistrado`,
`UnidadeRegistrada`, `ConselhosRegistrados`, `IndicadorMunicipalRegistrado`), e espera o consumidor do serviço
aplicar tudo (inbox); o serviço é então reiniciado sem nada a consumir. O universo é o do gerador de amostras
(`services/ingestao/amostras`). Ceará: `montar_ceara` ({ce.municipios} municípios reais, os {numero(ce.cras)} CRAS
do Censo {ANO_CENSO}) e CREAS, Centro Pop, acolhimento (com a capacidade em vagas) e conselhos pelos planejadores de
`censo` com a mesma semente e a mesma ordem de `gerar_ceara`, isto é, os arquivos de amostra do `make run`
({numero(ce.unidades)} unidades da proteção especial). País: `municipios_nacionais` e `cras_nacionais`
({numero(br.municipios)} municípios, {numero(br.cras)} CRAS no Censo {ANO_CENSO}); fora do Ceará, os mesmos
planejadores aplicados de uma vez aos outros {numero(br.municipios - ce.municipios)} municípios, com outra semente
(CREAS a partir do Pequeno II e mais nos maiores; Centro Pop nos grandes; acolhimento concentrado nas metrópoles e
nos grandes e médios; o complemento do Ceará até 113 CREAS não se aplica), em {numero(br.unidades)} unidades.
Indicadores: os de `escrever_indicadores` (ivmc, cemaris_violacao_criancas, ruptura_vinculos, demanda_servicos),
relidos do CSV que ele grava, e os que as seleções de {EXERCICIO} pedem e o gerador não escreve, sorteados da mesma
vulnerabilidade por município: ruptura_vinculos_criancas, acolhimento_adequado (1 em
{PROB_ACOLHIMENTO_ADEQUADO:.0%} dos municípios) e compromisso_conselhos (1 em {PROB_COMPROMISSO_CONSELHOS:.0%}).
""",
        linhas=[
            Linha(
                f"Ceará ({ce.municipios} municípios, {numero(ce.cras)} CRAS, {numero(ce.unidades)} unidades da PSE): "
                "POST do cálculo, mediana (pior)",
                _com_pior(ce.post_s),
                f"≤ {META_CEARA_S:.0f} s",
                ce_post <= META_CEARA_S,
            ),
            Linha(
                f"Nacional ({numero(br.municipios)} municípios, {numero(br.cras)} CRAS, "
                f"{numero(br.unidades)} unidades da PSE): POST do cálculo, mediana (pior)",
                _com_pior(br.post_s),
                f"≤ {META_NACIONAL_S:.0f} s",
                br_post <= META_NACIONAL_S,
            ),
            Linha(
                f"Ceará: memória de cálculo do Estado em XLSX ({numero(ce.linhas_unidades)} linhas, "
                f"{numero(ce.xlsx_mb, 1)} MB), mediana (pior)",
                _com_pior(ce.xlsx_s),
                f"≤ {META_EXPORTACAO_S:.0f} s",
                ce_xlsx <= META_EXPORTACAO_S,
            ),
            Linha(
                f"Ceará: memória de cálculo do Estado em CSV ({numero(ce.csv_mb, 1)} MB), mediana (pior)",
                _com_pior(ce.csv_s),
                f"≤ {META_EXPORTACAO_S:.0f} s",
                ce_csv <= META_EXPORTACAO_S,
            ),
            Linha(
                f"Nacional: memória do Estado em XLSX / CSV ({numero(br.linhas_unidades)} linhas; "
                f"{numero(br.xlsx_mb, 1)} / {numero(br.csv_mb, 1)} MB), uma medida",
                f"{segundos(br.xlsx_s[0])} / {segundos(br.csv_s[0])}",
            ),
            Linha(
                "POST repetido, mesmo mês (200 com o cálculo guardado): Ceará / nacional",
                f"{segundos(ce.repetido_s)} / {segundos(br.repetido_s)}",
            ),
            Linha(
                "Memória do serviço: RSS ao subir → pico nos cálculos → pico com as exportações (Ceará)",
                f"{numero(ce.rss_inicial_mb)} → {numero(ce.pico_calculo_mb)} → {numero(ce.pico_mb)} MB",
            ),
            Linha(
                "Memória do serviço: RSS ao subir → pico nos cálculos → pico com as exportações (nacional)",
                f"{numero(br.rss_inicial_mb)} → {numero(br.pico_calculo_mb)} → {numero(br.pico_mb)} MB",
            ),
            Linha(
                "Referência: leitura das entradas / só o `calcular` do domínio (Ceará)",
                f"{segundos(ce.leitura_s)} / {segundos(ce.calcular_s)}",
            ),
            Linha(
                "Referência: leitura das entradas / só o `calcular` do domínio (nacional)",
                f"{segundos(br.leitura_s)} / {segundos(br.calcular_s)}",
            ),
            Linha(
                "Gravado por cálculo: linhas de unidade × componente e o JSON das memórias (Ceará / nacional)",
                f"{numero(ce.linhas_unidades)} linhas, {numero(ce.memoria_guardada_mb, 1)} MB / "
                f"{numero(br.linhas_unidades)} linhas, {numero(br.memoria_guardada_mb)} MB",
            ),
            Linha("Média complexidade, orçamento → fila (Ceará)", _cobertura(ce, ESPECIAIS[0])),
            Linha("Média complexidade, orçamento → fila (nacional)", _cobertura(br, ESPECIAIS[0])),
            Linha("Alta complexidade, orçamento → fila (Ceará)", _cobertura(ce, ESPECIAIS[1])),
            Linha("Alta complexidade, orçamento → fila (nacional)", _cobertura(br, ESPECIAIS[1])),
            Linha(
                "Ceará, total mensal por bloco: básica / especial / benefícios eventuais",
                " / ".join(
                    f"R$ {numero(float(blocos[b]))}"
                    for b in ("protecao_social_basica", "protecao_social_especial", "beneficios_eventuais")
                ),
            ),
            Linha(
                "Preenchimento da leitura pelo barramento, fora da medida (Ceará / nacional)",
                f"{numero(ce.eventos)} eventos em {segundos(ce.preenchimento_s)} / "
                f"{numero(br.eventos)} eventos em {segundos(br.preenchimento_s)}",
            ),
        ],
        notas=NOTAS,
    )


NOTAS = [
    "Para onde vai o tempo do POST nacional (cronômetro por fase e cProfile, fora do bench, no mesmo banco): "
    "≈ 15% na leitura das entradas (≈ 62 mil linhas carregadas como objetos do ORM; uma consulta só de colunas, "
    "sem entidades, custaria bem menos); ≈ 25% no `calcular` do domínio, cerca de um terço dele formatando "
    "números à brasileira (`shared.formatos.numero_br`, ≈ 370 mil chamadas, para as fórmulas e textos de cada "
    "unidade); ≈ 10% montando as linhas (`para_json` e `Memoria.texto`); ≈ 40% gravando (INSERT e commit): o "
    "JSON da memória de cada unidade tem ≈ 10 kB, dos quais um terço são as premissas e outro terço o texto, "
    "que as repete. São ≈ 200 MB por cálculo nacional (a linha 'Gravado por cálculo'), serializados pelo `json` "
    "da biblioteca padrão e escritos no banco a cada mês calculado. Guardar as premissas uma vez por cálculo (já "
    "estão em `calculo.premissas`) e montar o texto na leitura reduziria o gravado a cerca de um terço; um "
    "serializador JSON mais rápido (orjson) no engine também ajudaria.",
    "O cálculo e a montagem das linhas rodam numa thread, sem o coletor de ciclos, e o que vive durante a leitura "
    "e a gravação não é revarrido (`gc.freeze`): com o coletor revarrendo tudo, o POST nacional levava ≈ 1 s a "
    "mais pelo HTTP (≈ 2 s a mais medido em processo). A exportação monta a planilha numa thread; a XLSX conta as "
    "linhas em vez de pedir `max_row` ao openpyxl a cada linha, o que era quadrático: a memória nacional em XLSX "
    "levava perto de 10 minutos, com o laço de eventos travado (o consumidor perdia o broker), e a do Ceará ≈ 0,8 s.",
    "Memória: o pico nacional vem de ter tudo vivo ao mesmo tempo — as entradas, o resultado do domínio e as "
    "≈ 21 mil linhas de unidade com a memória de cálculo em dicionários Python antes do INSERT; na exportação, as "
    "mesmas linhas lidas do banco com o JSON inteiro (texto e premissas incluídos, que a planilha não usa) e a "
    "planilha montada. Gravar as unidades em blocos de alguns milhares e exportar lendo só os campos usados, em "
    "blocos (`yield_per`), baixariam o pico.",
    "O POST repetido não é de graça: para saber que o cálculo já existe, a rota lê e serializa as entradas e "
    "calcula a impressão digital de novo (a linha 'POST repetido').",
]
