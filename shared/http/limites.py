"""Limite de tamanho do corpo das requisições (413), antes de a aplicação ler tudo."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.contexto import correlation_id_atual
from shared.http.problemas import MEDIA_TYPE, TIPO_BASE


def _mensagem(limite: int) -> str:
    return f"o corpo da requisição passa do limite de {limite:,} bytes".replace(",", ".")


class CorpoGrandeDemais(HTTPException):
    """HTTPException para que o FastAPI não a troque por um 400 ao ler o corpo."""

    def __init__(self, limite: int) -> None:
        super().__init__(413, _mensagem(limite))


class LimiteCorpo:
    """Recusa corpos acima do limite: pelo Content-Length, ou contando os bytes em streaming."""

    def __init__(
        self, app: ASGIApp, *, limite: int, limite_upload: int, prefixos_upload: tuple[str, ...]
    ) -> None:
        self.app = app
        self.limite = limite
        self.limite_upload = limite_upload
        self.prefixos_upload = prefixos_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        caminho: str = scope["path"]
        limite = self.limite_upload if caminho.startswith(self.prefixos_upload) else self.limite
        declarado = dict(scope["headers"]).get(b"content-length")
        if declarado is not None and declarado.isdigit() and int(declarado) > limite:
            await _responder_413(send, limite, caminho)
            return
        recebido = 0
        resposta_iniciada = False

        async def receber() -> Message:
            nonlocal recebido
            mensagem = await receive()
            if mensagem["type"] == "http.request":
                recebido += len(mensagem.get("body", b""))
                if recebido > limite:
                    raise CorpoGrandeDemais(limite)
            return mensagem

        async def enviar(mensagem: Message) -> None:
            nonlocal resposta_iniciada
            if mensagem["type"] == "http.response.start":
                resposta_iniciada = True
            await send(mensagem)

        try:
            await self.app(scope, receber, enviar)
        except CorpoGrandeDemais:
            if not resposta_iniciada:
                await _responder_413(send, limite, caminho)


async def _responder_413(send: Send, limite: int, caminho: str) -> None:
    corpo = json.dumps(
        {
            "type": TIPO_BASE + "413",
            "title": "Conteúdo grande demais",
            "status": 413,
            "detail": _mensagem(limite),
            "instance": caminho,
            "limite_bytes": limite,
            "correlation_id": correlation_id_atual(),
        },
        ensure_ascii=False,
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", MEDIA_TYPE.encode()),
                (b"content-length", str(len(corpo)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": corpo})
