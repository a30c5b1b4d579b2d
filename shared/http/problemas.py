"""Um só formato de erro para todos os serviços: RFC 9457 (application/problem+json), em pt-BR."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.contexto import correlation_id_atual
from shared.erros import ErroDominio

log = logging.getLogger(__name__)
MEDIA_TYPE = "application/problem+json"
TIPO_BASE = "https://suas.sps.ce.gov.br/problemas/"

TITULOS = {
    400: "Requisição malformada",
    401: "Autenticação necessária",
    403: "Acesso negado",
    404: "Recurso não encontrado",
    405: "Método não permitido",
    409: "Conflito com o estado atual",
    412: "Versão desatualizada",
    413: "Conteúdo grande demais",
    415: "Tipo de conteúdo não suportado",
    422: "Dados inválidos",
    500: "Erro interno",
    503: "Serviço indisponível",
}

# Mensagens do pydantic reescritas para quem preenche o formulário, não para quem programa.
MENSAGENS_VALIDACAO = {
    "missing": "campo obrigatório ausente",
    "string_type": "deve ser um texto",
    "int_type": "deve ser um número inteiro",
    "int_parsing": "deve ser um número inteiro",
    "float_parsing": "deve ser um número",
    "decimal_parsing": "deve ser um número decimal",
    "decimal_type": 'deve ser um número decimal escrito como texto (ex.: "1234.56"), nunca ponto flutuante',
    "decimal_max_places": "casas decimais demais",
    "decimal_max_digits": "dígitos demais",
    "decimal_whole_digits": "dígitos demais na parte inteira",
    "too_short": "itens de menos",
    "too_long": "itens demais",
    "bool_parsing": "deve ser verdadeiro ou falso",
    "date_parsing": "deve ser uma data no formato AAAA-MM-DD",
    "date_from_datetime_parsing": "deve ser uma data no formato AAAA-MM-DD",
    "datetime_parsing": "deve ser uma data-hora ISO 8601",
    "string_pattern_mismatch": "formato inválido",
    "string_too_short": "texto curto demais",
    "string_too_long": "o texto é longo demais",
    "greater_than_equal": "valor abaixo do mínimo permitido",
    "less_than_equal": "valor acima do máximo permitido",
    "greater_than": "valor abaixo do mínimo permitido",
    "less_than": "valor acima do máximo permitido",
    "literal_error": "valor não permitido",
    "enum": "valor não permitido",
    "json_invalid": "JSON malformado",
    "model_attributes_type": "deve ser um objeto JSON",
    "dict_type": "deve ser um objeto JSON",
    "list_type": "deve ser uma lista",
    "extra_forbidden": "campo não reconhecido",
    "uuid_parsing": "deve ser um identificador UUID",
}
ORIGENS = {
    "body": "corpo",
    "query": "parâmetro",
    "path": "caminho",
    "header": "cabeçalho",
    "cookie": "cookie",
}


def problema(
    status: int,
    detalhe: str,
    *,
    codigo: str | None = None,
    titulo: str | None = None,
    instancia: str | None = None,
    cabecalhos: dict[str, str] | None = None,
    **extras: Any,
) -> JSONResponse:
    corpo: dict[str, Any] = {
        "type": TIPO_BASE + (codigo or str(status)),
        "title": titulo or TITULOS.get(status, "Erro"),
        "status": status,
        "detail": detalhe,
        "correlation_id": correlation_id_atual(),
    }
    if instancia:
        corpo["instance"] = instancia
    corpo.update(extras)
    return JSONResponse(corpo, status_code=status, media_type=MEDIA_TYPE, headers=cabecalhos)


def _erro_validacao(erro: Any) -> dict[str, Any]:
    loc = list(erro.get("loc", ()))
    origem = ORIGENS.get(str(loc[0]), str(loc[0])) if loc else ""
    campo = ".".join(str(p) for p in loc[1:]) or origem
    mensagem = MENSAGENS_VALIDACAO.get(erro.get("type", ""), erro.get("msg", "valor inválido"))
    ctx = erro.get("ctx") or {}
    for limite in (
        "ge",
        "le",
        "gt",
        "lt",
        "min_length",
        "max_length",
        "pattern",
        "expected",
        "decimal_places",
        "max_digits",
    ):
        if limite in ctx:
            mensagem += f" ({limite}: {ctx[limite]})"
    item: dict[str, Any] = {"campo": campo, "origem": origem, "motivo": mensagem}
    if "input" in erro and erro.get("type") != "missing" and not isinstance(erro["input"], dict | list):
        item["valor"] = erro["input"]
    return item


def registrar_tratadores(app: FastAPI) -> None:
    @app.exception_handler(ErroDominio)
    async def _dominio(request: Request, exc: ErroDominio) -> JSONResponse:
        return problema(
            exc.status,
            exc.detalhe,
            codigo=exc.codigo,
            titulo=exc.titulo,
            instancia=request.url.path,
            cabecalhos=exc.cabecalhos,
            **exc.extras,
        )

    @app.exception_handler(RequestValidationError)
    async def _validacao(request: Request, exc: RequestValidationError) -> JSONResponse:
        erros = [_erro_validacao(e) for e in exc.errors()]
        resumo = "; ".join(f"{e['campo']}: {e['motivo']}" for e in erros[:5])
        return problema(
            422,
            f"A requisição tem {len(erros)} problema(s): {resumo}",
            codigo="dados_invalidos",
            instancia=request.url.path,
            erros=erros,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detalhe = exc.detail if isinstance(exc.detail, str) else TITULOS.get(exc.status_code, "Erro")
        detalhe = DETALHES_EM_INGLES.get(detalhe, detalhe)
        return problema(
            exc.status_code,
            detalhe,
            instancia=request.url.path,
            cabecalhos=dict(exc.headers) if exc.headers else None,
        )

    @app.exception_handler(Exception)
    async def _inesperado(request: Request, exc: Exception) -> JSONResponse:
        log.error("erro inesperado", exc_info=exc)
        return problema(500, "Erro interno. Informe o correlation_id ao suporte.", instancia=request.url.path)


# Textos do Starlette/FastAPI (em inglês) que chegam a quem chama: trocados por pt-BR.
DETALHES_EM_INGLES = {
    "Not Found": "não há nada neste endereço; veja a documentação em /docs",
    "Method Not Allowed": "este endereço não aceita este método HTTP",
    "Bad Request": "requisição malformada",
    "Invalid multipart data.": "o corpo multipart/form-data está malformado",
    "There was an error parsing the body": "não foi possível ler o corpo da requisição",
    "Missing boundary in multipart.": "falta o boundary no Content-Type multipart/form-data",
}
