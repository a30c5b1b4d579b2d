"""OAuth2 bearer JWT: papéis, escopo por município/conselho, HS256 local ou RS256 via JWKS."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ValidationError, model_validator

from shared.erros import ErroDominio, Proibido
from shared.http.problemas import MENSAGENS_VALIDACAO
from shared.settings import ServiceSettings


class Papel(StrEnum):
    sps_gestor = "sps_gestor"
    sps_tecnico = "sps_tecnico"
    municipio = "municipio"
    conselho = "conselho"
    sistema = "sistema"
    leitura = "leitura"


class Conselho(StrEnum):
    cmas = "cmas"
    cib = "cib"
    ceas = "ceas"


class NaoAutenticado(ErroDominio):
    status = 401
    codigo = "nao_autenticado"
    titulo = "Autenticação necessária"

    def __init__(self, detalhe: str) -> None:
        super().__init__(detalhe)
        self.cabecalhos = {"WWW-Authenticate": 'Bearer realm="suas-ce"'}


class Usuario(BaseModel):
    """Quem faz a requisição, como o token diz."""

    sub: str
    nome: str | None = None
    papeis: frozenset[Papel]
    ibge7: str | None = None
    conselho: Conselho | None = None

    @model_validator(mode="after")
    def _escopo_coerente(self) -> Usuario:
        if not self.papeis:
            raise ValueError("o token não tem papéis")
        if Papel.municipio in self.papeis and not self.ibge7:
            raise ValueError("papel municipio exige o ibge7 do município")
        if Papel.conselho in self.papeis:
            if self.conselho is None:
                raise ValueError("papel conselho exige o conselho (cmas, cib ou ceas)")
            if self.conselho is Conselho.cmas and not self.ibge7:
                raise ValueError("conselho cmas exige o ibge7 do município")
        return self

    def pode_agir_por(self, ibge7: str) -> bool:
        return self.ibge7 == ibge7


def emitir_token(
    settings: ServiceSettings,
    *,
    sub: str,
    papeis: list[str],
    ibge7: str | None = None,
    conselho: str | None = None,
    nome: str | None = None,
    validade: timedelta = timedelta(hours=8),
) -> str:
    """Token local (HS256) para desenvolvimento e testes."""
    agora = datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": sub,
        "papeis": papeis,
        "iss": settings.jwt_emissor,
        "aud": settings.jwt_audiencia,
        "iat": agora,
        "nbf": agora,
        "exp": agora + validade,
        "jti": uuid.uuid4().hex,
    }
    for nome_claim, valor in (("ibge7", ibge7), ("conselho", conselho), ("nome", nome)):
        if valor:
            claims[nome_claim] = valor
    return jwt.encode(claims, settings.jwt_segredo.get_secret_value(), algorithm="HS256")


class VerificadorTokens:
    def __init__(self, settings: ServiceSettings) -> None:
        self._settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwt_jwks_url) if settings.jwt_algoritmo == "RS256" else None

    @property
    def busca_chaves_na_rede(self) -> bool:
        return self._jwks is not None

    def verificar(self, token: str) -> Usuario:
        s = self._settings
        try:
            if self._jwks is not None:
                chave: Any = self._jwks.get_signing_key_from_jwt(token).key
            else:
                chave = s.jwt_segredo.get_secret_value()
            claims = jwt.decode(
                token,
                chave,
                algorithms=[s.jwt_algoritmo],
                audience=s.jwt_audiencia,
                issuer=s.jwt_emissor,
                options={"require": ["exp", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise NaoAutenticado(_motivo_token(exc, s.jwt_algoritmo)) from None
        try:
            return Usuario.model_validate(claims)
        except ValidationError as exc:
            motivos = "; ".join(
                (".".join(map(str, e["loc"])) + ": " if e["loc"] else "")
                + MENSAGENS_VALIDACAO.get(e["type"], e["msg"].removeprefix("Value error, "))
                for e in exc.errors()
            )
            raise NaoAutenticado(f"token sem as informações necessárias: {motivos}") from None


MOTIVOS_TOKEN: tuple[tuple[type[Exception], str], ...] = (
    (jwt.ExpiredSignatureError, "token expirado; obtenha um novo"),
    (jwt.InvalidAudienceError, "token emitido para outro destinatário (aud)"),
    (jwt.InvalidIssuerError, "token de um emissor não reconhecido (iss)"),
    (jwt.PyJWKClientError, "não foi possível obter a chave pública do emissor"),
    (jwt.InvalidSignatureError, "assinatura do token inválida"),
    (jwt.ImmatureSignatureError, "token ainda não é válido (nbf/iat no futuro)"),
    (jwt.DecodeError, "token inválido: não é um JWT bem formado"),
)


def _motivo_token(exc: jwt.PyJWTError, algoritmo: str) -> str:
    """Os textos do PyJWT vêm em inglês; quem recebe o 401 lê em pt-BR."""
    if isinstance(exc, jwt.MissingRequiredClaimError):
        return f"token inválido: falta a claim {exc.claim!r}"
    if isinstance(exc, jwt.InvalidAlgorithmError):
        return f"token inválido: algoritmo não aceito (use {algoritmo})"
    for tipo, motivo in MOTIVOS_TOKEN:
        if isinstance(exc, tipo):
            return motivo
    return f"token inválido ({type(exc).__name__})"


_bearer = HTTPBearer(auto_error=False, description="Token JWT (OAuth2 bearer) emitido para o SUAS-CE")


async def usuario_atual(
    request: Request,
    credenciais: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Usuario:
    if credenciais is None or credenciais.scheme.lower() != "bearer":
        raise NaoAutenticado("envie o cabeçalho Authorization: Bearer <token>")
    verificador: VerificadorTokens = request.app.state.runtime.verificador
    if verificador.busca_chaves_na_rede:
        # O cliente JWKS faz HTTP bloqueante (com cache): fora do laço de eventos.
        return await asyncio.to_thread(verificador.verificar, credenciais.credentials)
    return verificador.verificar(credenciais.credentials)


UsuarioDep = Annotated[Usuario, Depends(usuario_atual)]


def exigir_papeis(*papeis: Papel) -> Any:
    """Dependência: o usuário precisa ter ao menos um destes papéis."""
    aceitos = frozenset(papeis)
    nomes = ", ".join(sorted(aceitos))

    async def _verificar(usuario: UsuarioDep) -> Usuario:
        if not usuario.papeis & aceitos:
            raise Proibido(
                f"esta operação exige um dos papéis: {nomes}; o seu token tem: {', '.join(sorted(usuario.papeis))}",
                papeis_exigidos=sorted(aceitos),
            )
        return usuario

    return Depends(_verificar)
