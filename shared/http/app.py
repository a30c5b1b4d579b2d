"""Fábrica de apps FastAPI: a mesma para os quatro serviços."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.contexto import correlation_id, novo_correlation_id
from shared.eventos.asyncapi import gerar_asyncapi
from shared.http.limites import LimiteCorpo
from shared.http.problemas import MEDIA_TYPE, registrar_tratadores
from shared.http.seguranca import UsuarioDep
from shared.servico import DefinicaoServico, Runtime
from shared.settings import ServiceSettings

log = logging.getLogger("suas.http")
PREFIXO_API = "/api/v1"
CORRELATION_VALIDO = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
ESQUEMA_PROBLEMA = {
    "description": "Erro no formato application/problem+json (RFC 9457)",
    "content": {
        MEDIA_TYPE: {
            "schema": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "integer"},
                    "detail": {"type": "string"},
                    "instance": {"type": "string"},
                    "correlation_id": {"type": "string"},
                    "erros": {"type": "array", "items": {"type": "object"}},
                },
            }
        }
    },
}


class Correlacao:
    """Correlation id (do cabeçalho X-Correlation-ID ou novo), log de acesso e métrica de latência."""

    def __init__(self, app: ASGIApp, *, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        recebido = dict(scope["headers"]).get(b"x-correlation-id", b"").decode("latin-1")
        cid = recebido if CORRELATION_VALIDO.match(recebido) else novo_correlation_id()
        token = correlation_id.set(cid)
        inicio = time.perf_counter()
        status = 500

        async def enviar(mensagem: Message) -> None:
            nonlocal status
            if mensagem["type"] == "http.response.start":
                status = mensagem["status"]
                mensagem.setdefault("headers", []).append((b"x-correlation-id", cid.encode()))
            await send(mensagem)

        try:
            await self.app(scope, receive, enviar)
        finally:
            duracao = time.perf_counter() - inicio
            rota = getattr(scope.get("route"), "path", None)
            if rota is None:
                rota = "nao_mapeada"  # 404: o caminho cru explodiria a cardinalidade da métrica
            elif scope["path"].startswith(PREFIXO_API) and not rota.startswith(PREFIXO_API):
                rota = PREFIXO_API + rota  # o FastAPI guarda a rota relativa ao router incluído
            self.runtime.metricas.http_latencia.labels(scope["method"], rota, str(status)).observe(duracao)
            if rota not in {"/livez", "/readyz", "/metrics"}:
                log.info(
                    "%s %s %d",
                    scope["method"],
                    scope["path"],
                    status,
                    extra={"dados": {"status": status, "duracao_ms": round(duracao * 1000, 1), "rota": rota}},
                )
            correlation_id.reset(token)


def criar_app(definicao: DefinicaoServico, settings: ServiceSettings) -> FastAPI:
    runtime = Runtime(definicao, settings)

    @asynccontextmanager
    async def ciclo_de_vida(_app: FastAPI) -> AsyncIterator[None]:
        await runtime.iniciar()
        try:
            yield
        finally:
            await runtime.parar()

    app = FastAPI(
        title=definicao.titulo,
        description=definicao.descricao,
        version="1.0.0",
        openapi_tags=list(definicao.tags),
        lifespan=ciclo_de_vida,
        responses={401: ESQUEMA_PROBLEMA, 403: ESQUEMA_PROBLEMA, 422: ESQUEMA_PROBLEMA},
        contact={"name": "Secretaria da Proteção Social do Ceará (SPS)"},
        license_info={"name": "Uso público — Governo do Estado do Ceará"},
    )
    app.state.runtime = runtime
    registrar_tratadores(app)
    app.add_middleware(
        LimiteCorpo,
        limite=settings.limite_corpo_bytes,
        limite_upload=settings.limite_upload_bytes,
        prefixos_upload=definicao.prefixos_upload,
    )
    app.add_middleware(Correlacao, runtime=runtime)

    @app.get("/livez", include_in_schema=False)
    async def livez() -> dict[str, str]:
        return {"status": "vivo"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        verificacoes = await runtime.verificacoes()
        pronto = all(verificacoes.values())
        return JSONResponse(
            {"status": "pronto" if pronto else "indisponivel", "verificacoes": verificacoes},
            status_code=200 if pronto else 503,
        )

    @app.get("/metrics", include_in_schema=False)
    async def metricas(_usuario: UsuarioDep) -> Response:
        return Response(generate_latest(runtime.metricas.registro), media_type=CONTENT_TYPE_LATEST)

    asyncapi = gerar_asyncapi(definicao.nome)

    @app.get("/asyncapi.json", include_in_schema=False)
    async def documento_asyncapi() -> dict[str, Any]:
        return asyncapi

    for router in definicao.routers:
        app.include_router(router, prefix=PREFIXO_API)
    return app
