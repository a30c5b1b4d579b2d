"""Linha de comando `suas-ce`: servir, migrar, tokens, reenvio de eventos, AsyncAPI, manifestos, amostras, rodar tudo."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import services
from shared.settings import RAIZ_PROJETO, ConfiguracaoInvalida, ServiceSettings

# Quanto o uvicorn espera as requisições em curso ao receber SIGTERM; depois vêm o lote do consumidor
# e o do relay. O terminationGracePeriodSeconds do Kubernetes tem de cobrir tudo (tests/test_k8s.py).
DRENAGEM_HTTP_S = 20


def _settings(nome: str) -> ServiceSettings:
    return services.definicao(nome).settings.carregar()


def servir(args: argparse.Namespace) -> None:
    import uvicorn

    from shared.contexto import configurar_logs
    from shared.http.app import criar_app

    definicao = services.definicao(args.servico)
    settings = definicao.settings.carregar()
    configurar_logs(definicao.nome, settings.log_nivel)
    uvicorn.run(
        criar_app(definicao, settings),
        host=settings.host,
        port=settings.porta,
        log_config=None,
        timeout_graceful_shutdown=DRENAGEM_HTTP_S,
        proxy_headers=True,
    )


def migrar(args: argparse.Namespace) -> None:
    from shared.migracoes import migrar as executar

    for nome in services.NOMES if args.servico == "todos" else (args.servico,):
        settings = _settings(nome)
        executar(services.definicao(nome), settings.database_url, args.revisao)
        print(f"{nome}: banco na revisão {args.revisao}")


def esperar_migracoes(args: argparse.Namespace) -> None:
    """Espera o banco chegar ao head das migrações desta imagem (initContainer do Kubernetes); não migra."""
    import time

    from shared.migracoes import revisoes

    definicao = services.definicao(args.servico)
    settings = definicao.settings.carregar()
    limite = time.monotonic() + args.limite
    while True:
        try:
            atuais, heads = revisoes(definicao, settings.database_url)
            situacao = f"banco em {sorted(atuais) or 'nenhuma revisão'}, esperado {sorted(heads)}"
            if atuais == heads:
                print(f"{definicao.nome}: {situacao}")
                return
        except Exception as exc:  # banco ainda subindo: espera como espera a migração
            situacao = f"banco inacessível ({type(exc).__name__})"
        if time.monotonic() >= limite:
            print(f"{definicao.nome}: desisti após {args.limite:.0f} s — {situacao}", file=sys.stderr)
            raise SystemExit(1)
        print(f"{definicao.nome}: aguardando a migração — {situacao}", flush=True)
        time.sleep(args.intervalo)


def token(args: argparse.Namespace) -> None:
    from shared.http.seguranca import emitir_token

    print(
        emitir_token(
            _settings(args.servico),
            sub=args.sub,
            papeis=args.papel,
            ibge7=args.ibge7,
            conselho=args.conselho,
            nome=args.nome,
            validade=timedelta(hours=args.horas),
        )
    )


def reenviar(args: argparse.Namespace) -> None:
    from shared.db import criar_engine, criar_fabrica_sessoes
    from shared.metricas import Metricas
    from shared.outbox import RelayOutbox

    definicao = services.definicao(args.servico)
    settings = definicao.settings.carregar()
    desde = datetime.fromisoformat(args.desde)
    desde = desde if desde.tzinfo else desde.replace(tzinfo=UTC)

    async def _executar() -> int:
        engine = criar_engine(settings.database_url)
        try:
            relay = RelayOutbox(
                settings=settings,
                fabrica_sessoes=criar_fabrica_sessoes(engine),
                outbox=definicao.outbox,
                metricas=Metricas(definicao.nome),
            )
            return await relay.reenviar(desde=desde, topicos=set(args.topico) or None)
        finally:
            await engine.dispose()

    print(f"{asyncio.run(_executar())} evento(s) reenviado(s) de {definicao.nome} desde {desde.isoformat()}")


def importar(args: argparse.Namespace) -> None:
    """O mesmo caminho do upload HTTP; os eventos ficam no outbox e o relay do serviço os publica."""
    from typing import BinaryIO

    from services.ingestao.lotes.importacao import Envio
    from services.ingestao.lotes.importacao import importar as executar
    from services.ingestao.lotes.tipos import IMPORTADORES
    from services.ingestao.settings import Settings
    from shared.contexto import correlation_id, novo_correlation_id
    from shared.db import criar_engine, criar_fabrica_sessoes
    from shared.erros import DadosInvalidos
    from shared.outbox import UnidadeDeTrabalho

    definicao = services.definicao("ingestao")
    settings = Settings.carregar()
    correlation_id.set(novo_correlation_id())

    async def _executar(arquivo: BinaryIO) -> int:
        engine = criar_engine(settings.database_url)
        try:
            uow = UnidadeDeTrabalho(sessao=criar_fabrica_sessoes(engine)(), outbox=definicao.outbox)
            async with uow:
                envio = Envio(
                    importador=IMPORTADORES[args.tipo],
                    arquivo=arquivo,
                    nome_arquivo=Path(args.arquivo).name,
                    enviado_por=args.por,
                    ano=args.ano,
                    mes=args.mes,
                    parcial=args.parcial,
                )
                lote, novo = await executar(uow=uow, settings=settings, envio=envio)
                await uow.commit()
        except DadosInvalidos as exc:
            print(f"recusado: {exc.detalhe}", file=sys.stderr)
            for erro in exc.extras.get("erros", [])[:50]:
                if "linha" in erro:
                    onde = f"linha {erro['linha']}, coluna {erro['coluna']!r}, valor {erro['valor']!r}"
                else:
                    onde = f"{erro.get('origem', '')} {erro.get('campo', '')}".strip()
                print(f"  {onde}: {erro['motivo']}", file=sys.stderr)
            return 1
        finally:
            await engine.dispose()
        situacao = "novo" if novo else "já recebido antes"
        print(
            f"lote {lote.id} ({situacao}): {lote.linhas_validas} de {lote.linhas_lidas} linha(s) válida(s), "
            f"{lote.registros_alterados} registro(s) novo(s) ou alterado(s)"
        )
        return 0

    with Path(args.arquivo).open("rb") as arquivo:
        raise SystemExit(asyncio.run(_executar(arquivo)))


def asyncapi(args: argparse.Namespace) -> None:
    from shared.eventos.asyncapi import gerar_asyncapi

    pasta = Path(args.saida)
    pasta.mkdir(parents=True, exist_ok=True)
    for nome in services.NOMES:
        destino = pasta / f"{nome}.json"
        destino.write_text(
            json.dumps(gerar_asyncapi(nome), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"escrito {destino}")


def k8s(args: argparse.Namespace) -> None:
    from shared.k8s import escrever_gerados

    for destino in escrever_gerados(Path(args.saida)):
        print(f"escrito {destino}")


def gerar_dados(args: argparse.Namespace) -> None:
    import time

    from services.ingestao.amostras import gerar_ceara, gerar_nacional

    saida = Path(args.saida)
    inicio = time.perf_counter()
    arquivos = gerar_ceara(saida / "ceara", semente=args.semente)
    if args.nacional:
        arquivos += gerar_nacional(saida / "nacional", semente=args.semente)
    print(f"{'tipo':<18} {'ano':>4} {'linhas':>8} {'KiB':>8}  arquivo")
    for arquivo in arquivos:
        kib = arquivo.caminho.stat().st_size / 1024
        print(
            f"{arquivo.tipo:<18} {arquivo.ano or '-':>4} {arquivo.linhas:>8} {kib:>8.0f}  {arquivo.caminho}"
        )
    print(f"{len(arquivos)} arquivo(s) em {time.perf_counter() - inicio:.1f} s (semente {args.semente})")


def rodar(args: argparse.Namespace) -> None:
    from services.local import rodar_tudo

    rodar_tudo(porta_broker=args.porta_broker)


def _registrar_implantacao(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], servicos: list[str]
) -> None:
    """A espera do initContainer do Kubernetes pelas migrações."""
    p = sub.add_parser(
        "esperar-migracoes", help="espera o banco do serviço chegar ao head das migrações (não migra)"
    )
    p.add_argument("servico", choices=servicos)
    p.add_argument("--limite", type=float, default=600, help="segundos até desistir (sai com código 1)")
    p.add_argument("--intervalo", type=float, default=5, help="segundos entre as consultas")
    p.set_defaults(func=esperar_migracoes)


def _registrar_gerados(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Artefatos versionados que derivam do catálogo de eventos (um teste confere cada um)."""
    p = sub.add_parser("asyncapi", help="gera os documentos AsyncAPI 3.0 dos serviços")
    p.add_argument("--saida", default=str(RAIZ_PROJETO / "docs" / "asyncapi"))
    p.set_defaults(func=asyncapi)

    p = sub.add_parser("k8s", help="gera os manifestos Kubernetes que derivam do catálogo de eventos")
    p.add_argument("--saida", default=str(RAIZ_PROJETO / "deploy" / "k8s"))
    p.set_defaults(func=k8s)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="suas-ce", description="SUAS-CE — comandos de operação")
    sub = parser.add_subparsers(dest="comando", required=True)
    servicos = list(services.NOMES)

    p = sub.add_parser("servir", help="inicia um serviço (HTTP, relay do outbox e consumidor)")
    p.add_argument("servico", choices=servicos)
    p.set_defaults(func=servir)

    p = sub.add_parser("migrar", help="aplica as migrações Alembic ao banco do serviço")
    p.add_argument("servico", choices=[*servicos, "todos"])
    p.add_argument("--revisao", default="head")
    p.set_defaults(func=migrar)

    _registrar_implantacao(sub, servicos)

    p = sub.add_parser("token", help="emite um token local (HS256) para desenvolvimento e testes")
    p.add_argument(
        "--papel",
        action="append",
        required=True,
        choices=["sps_gestor", "sps_tecnico", "municipio", "conselho", "sistema", "leitura"],
    )
    p.add_argument("--sub", default="dev@sps.ce.gov.br")
    p.add_argument("--nome")
    p.add_argument("--ibge7")
    p.add_argument("--conselho", choices=["cmas", "cib", "ceas"])
    p.add_argument("--horas", type=float, default=8)
    p.add_argument("--servico", choices=servicos, default="ingestao", help="de qual serviço ler o segredo")
    p.set_defaults(func=token)

    p = sub.add_parser("reenviar", help="republica os eventos de um serviço desde uma data (reconstrução)")
    p.add_argument("servico", choices=servicos)
    p.add_argument("--desde", required=True, help="data ou data-hora ISO, ex.: 2026-01-01")
    p.add_argument("--topico", action="append", default=[], help="só estes tópicos (nome lógico)")
    p.set_defaults(func=reenviar)

    from services.ingestao.lotes.tipos import IMPORTADORES

    p = sub.add_parser(
        "importar", help="importa um arquivo do MDS/IBGE/SPS pela linha de comando (como o upload)"
    )
    p.add_argument("tipo", choices=sorted(IMPORTADORES))
    p.add_argument("arquivo", help="CSV ou XLSX")
    p.add_argument("--ano", type=int, help="ano de referência (obrigatório para os tipos anuais e mensais)")
    p.add_argument("--mes", type=int, help="mês de referência (arquivos mensais)")
    p.add_argument("--parcial", action="store_true", help="aceitar só as linhas válidas")
    p.add_argument("--por", default="cli", help="quem envia (registrado no lote)")
    p.set_defaults(func=importar)

    _registrar_gerados(sub)

    p = sub.add_parser(
        "gerar-dados", help="escreve amostras nos formatos reais (Censo SUAS, IDCRAS, RMA, SISC…) do Ceará"
    )
    p.add_argument(
        "--saida",
        default=str(RAIZ_PROJETO / "var" / "amostras"),
        help="destino: o Ceará vai para ceara/, o nacional para nacional/",
    )
    p.add_argument("--semente", type=int, default=2026, help="a mesma semente gera os mesmos arquivos")
    p.add_argument(
        "--nacional", action="store_true", help="também o conjunto nacional (≈8 600 CRAS) para benchmarks"
    )
    p.set_defaults(func=gerar_dados)

    p = sub.add_parser("rodar", help="sobe broker, migra e inicia os quatro serviços (make run)")
    p.add_argument("--porta-broker", type=int, default=9092)
    p.set_defaults(func=rodar)

    args = parser.parse_args(argv)
    try:
        args.func(args)
    except ConfiguracaoInvalida as exc:
        print(f"erro: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
