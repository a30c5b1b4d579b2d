"""Configuração validada na partida: produção sem segredo ou com SQLite não sobe, e diz o que falta."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import services
from shared.settings import ConfiguracaoInvalida

SEGREDO_BOM = "s" * 40


@pytest.mark.parametrize("nome", services.NOMES)
def test_producao_sem_segredo_nem_postgres_lista_as_variaveis(nome, monkeypatch):
    for chave in list(os.environ):
        if chave.startswith("SUAS_"):
            monkeypatch.delenv(chave)
    prefixo = f"SUAS_{nome.upper()}_"
    monkeypatch.setenv(prefixo + "AMBIENTE", "producao")
    with pytest.raises(ConfiguracaoInvalida) as erro:
        services.definicao(nome).settings.carregar()
    assert prefixo + "JWT_SEGREDO" in str(erro.value)
    assert prefixo + "DATABASE_URL" in str(erro.value)

    monkeypatch.setenv(prefixo + "JWT_SEGREDO", SEGREDO_BOM)
    monkeypatch.setenv(prefixo + "DATABASE_URL", "postgresql+asyncpg://suas@db/suas")
    settings = services.definicao(nome).settings.carregar()
    assert settings.jwt_segredo.get_secret_value() == SEGREDO_BOM


def test_valor_invalido_diz_a_variavel():
    with pytest.raises(ConfiguracaoInvalida, match="SUAS_PREMIACAO_PORTA"):
        services.definicao("premiacao").settings.carregar(porta="abc")
    with pytest.raises(ConfiguracaoInvalida, match="jwt_jwks_url"):
        services.definicao("premiacao").settings.carregar(jwt_algoritmo="RS256")


def test_processo_nao_sobe_em_producao_sem_segredo_e_sai_com_mensagem_clara():
    ambiente = {k: v for k, v in os.environ.items() if not k.startswith("SUAS_")}
    ambiente["SUAS_INGESTAO_AMBIENTE"] = "producao"
    resultado = subprocess.run(
        [sys.executable, "-m", "services.cli", "servir", "ingestao"],
        env=ambiente,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert resultado.returncode == 2
    assert "SUAS_INGESTAO_JWT_SEGREDO" in resultado.stderr
    assert "Traceback" not in resultado.stderr
