"""RS256 com chaves públicas num JWKS (o provedor de identidade do Estado), por configuração."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CHAVE = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OUTRA_CHAVE = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def jwks_url():
    publica = json.loads(RSAAlgorithm.to_jwk(CHAVE.public_key()))
    corpo = json.dumps({"keys": [publica | {"kid": "sps-2026", "use": "sig", "alg": "RS256"}]}).encode()

    class Tratador(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(corpo)

        def log_message(self, *args):
            pass

    servidor = ThreadingHTTPServer(("127.0.0.1", 0), Tratador)
    threading.Thread(target=servidor.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{servidor.server_address[1]}/.well-known/jwks.json"
    servidor.shutdown()


def assinar(chave, **claims) -> str:
    agora = datetime.now(UTC)
    base = {
        "sub": "gestor@sps.ce.gov.br",
        "papeis": ["leitura"],
        "iss": "idp.ce.gov.br",
        "aud": "suas-ce",
        "iat": agora,
        "exp": agora + timedelta(minutes=5),
    }
    return jwt.encode(base | claims, chave, algorithm="RS256", headers={"kid": "sps-2026"})


async def test_rs256_via_jwks_aceita_o_emissor_e_recusa_outra_chave(servicos, jwks_url):
    premiacao = await servicos.iniciar(
        "premiacao", jwt_algoritmo="RS256", jwt_jwks_url=jwks_url, jwt_emissor="idp.ce.gov.br"
    )
    valido = {"Authorization": f"Bearer {assinar(CHAVE)}"}
    assert (await premiacao.cliente.get("/api/v1/municipios", headers=valido)).status_code == 200

    forjado = {"Authorization": f"Bearer {assinar(OUTRA_CHAVE)}"}
    resposta = await premiacao.cliente.get("/api/v1/municipios", headers=forjado)
    assert resposta.status_code == 401 and "assinatura do token inválida" in resposta.json()["detail"]

    local = {"Authorization": "Bearer " + jwt.encode({"sub": "x", "papeis": ["leitura"]}, "s" * 40, "HS256")}
    assert (await premiacao.cliente.get("/api/v1/municipios", headers=local)).status_code == 401
