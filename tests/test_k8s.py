"""Os manifestos do Kubernetes batem com o catálogo de eventos, a configuração real e os Dockerfiles.

Nada aqui fala com um cluster: `kubectl kustomize` renderiza os overlays (sem os CRDs do Strimzi, do
CloudNativePG e do KEDA, que a renderização não usa) e os testes leem o YAML resultante. As
expectativas saem do catálogo (`shared/eventos/catalogo.py`) e das classes `Settings`, nunca dos
próprios manifestos: uma ACL a mais ou a menos, um fluxo de rede não previsto, uma variável com nome
errado ou um tópico sem KafkaTopic fazem um teste falhar.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

import services
from services.cli import DRENAGEM_HTTP_S
from services.cli import main as cli
from shared.eventos.catalogo import CATALOGO, SERVICOS
from shared.k8s import GERADOS, bootstrap_kafka, gerados
from shared.metricas import Metricas
from shared.settings import Ambiente, ConfiguracaoInvalida, ServiceSettings

RAIZ = Path(__file__).resolve().parent.parent
K8S = RAIZ / "deploy" / "k8s"
DOC_OPERACAO = RAIZ / "docs" / "operacao.md"
NAMESPACE = "suas-ce"
KAFKA = "suas-ce"
KUBECTL = shutil.which("kubectl")
# dev e prod como estão, e prod com todos os components opcionais (KEDA e RS256).
VARIANTES = ("dev", "prod", "prod-completo")
OPCIONAIS = ("keda", "jwt-rs256")
# Variáveis fora do prefixo do serviço que o contêiner pode receber: as do libpq que o asyncpg lê.
VARIAVEIS_LIBPQ = {"PGPASSWORD", "PGSSLMODE", "PGSSLROOTCERT"}
# Segredos que não estão no repositório: criados pela operação ou pelos operadores (Strimzi, CNPG).
SEGREDOS_EXTERNOS = {
    "suas-ce-jwt",
    "suas-ce-metricas",
    "suas-ce-backup-s3",
    f"{KAFKA}-cluster-ca-cert",
    *(f"suas-ce-{s}" for s in SERVICOS),
    *(f"suas-ce-{s}-pg-app" for s in SERVICOS),
    *(f"suas-ce-{s}-pg-ca" for s in SERVICOS),
    *(f"suas-ce-{s}-tls" for s in SERVICOS),
}
SEGREDO_DE_TESTE = "segredo-de-teste-com-mais-de-32-caracteres"


# --- renderização ---------------------------------------------------------------------------------


class Manifestos:
    def __init__(self, documentos: list[dict[str, Any]]) -> None:
        self.documentos = documentos

    def todos(self, tipo: str) -> list[dict[str, Any]]:
        return [d for d in self.documentos if d.get("kind") == tipo]

    def um(self, tipo: str, nome: str) -> dict[str, Any]:
        achados = [d for d in self.todos(tipo) if d["metadata"]["name"] == nome]
        assert len(achados) == 1, f"esperado um {tipo} {nome}, achados {len(achados)}"
        return achados[0]

    def configmap(self, nome: str) -> dict[str, str]:
        return dict(self.um("ConfigMap", nome).get("data") or {})

    def deployment(self, servico: str) -> dict[str, Any]:
        return self.um("Deployment", f"suas-ce-{servico}")

    def job(self, servico: str) -> dict[str, Any]:
        return self.um("Job", f"suas-ce-{servico}-migracao")


def _renderizar(diretorio: Path) -> Manifestos:
    assert KUBECTL is not None
    resultado = subprocess.run(
        [KUBECTL, "kustomize", str(diretorio)], capture_output=True, text=True, timeout=120, check=False
    )
    assert resultado.returncode == 0, f"kubectl kustomize {diretorio} falhou:\n{resultado.stderr}"
    return Manifestos([d for d in yaml.safe_load_all(resultado.stdout) if d])


@pytest.fixture(scope="module")
def renderizados(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Manifestos]:
    if KUBECTL is None:
        pytest.skip("kubectl ausente: a renderização dos overlays (kubectl kustomize) não foi conferida")
    completo = tmp_path_factory.mktemp("prod-completo")
    # O kustomize não aceita caminhos absolutos: o overlay temporário aponta para o repositório por relativos.
    relativo = Path(os.path.relpath(K8S, completo))
    (completo / "kustomization.yaml").write_text(
        yaml.safe_dump(
            {
                "resources": [str(relativo / "overlays" / "prod")],
                "components": [str(relativo / "components" / c) for c in OPCIONAIS],
            }
        ),
        encoding="utf-8",
    )
    return {
        "dev": _renderizar(K8S / "overlays" / "dev"),
        "prod": _renderizar(K8S / "overlays" / "prod"),
        "prod-completo": _renderizar(completo),
    }


@pytest.fixture(params=VARIANTES)
def variante(request: pytest.FixtureRequest) -> str:
    nome: str = request.param
    return nome


@pytest.fixture
def m(renderizados: dict[str, Manifestos], variante: str) -> Manifestos:
    return renderizados[variante]


def _settings(servico: str) -> type[ServiceSettings]:
    return services.definicao(servico).settings


def _prefixo(servico: str) -> str:
    return str(_settings(servico).model_config.get("env_prefix"))


def _container(objeto: dict[str, Any], nome: str | None = None) -> dict[str, Any]:
    containers = objeto["spec"]["template"]["spec"]["containers"]
    if nome is None:
        assert len(containers) == 1
        resultado: dict[str, Any] = containers[0]
        return resultado
    return next(c for c in containers if c["name"] == nome)


def _pod(objeto: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = objeto["spec"]["template"]["spec"]
    return spec


def _todos_containers(objeto: dict[str, Any]) -> list[dict[str, Any]]:
    pod = _pod(objeto)
    return [*pod.get("initContainers", []), *pod["containers"]]


# --- arquivos gerados do catálogo ----------------------------------------------------------------


@pytest.mark.parametrize("relativo", GERADOS, ids=str)
def test_manifestos_gerados_estao_em_dia_com_o_catalogo(relativo: Path) -> None:
    arquivo = K8S / relativo
    assert arquivo.is_file(), f"falta {arquivo.relative_to(RAIZ)}: rode `make k8s`"
    assert arquivo.read_text(encoding="utf-8") == gerados()[relativo], (
        f"{arquivo.relative_to(RAIZ)} está desatualizado em relação ao catálogo de eventos: rode `make k8s`"
    )


# --- Deployments ----------------------------------------------------------------------------------


def test_cada_overlay_tem_um_deployment_por_servico(m: Manifestos) -> None:
    assert {d["metadata"]["name"] for d in m.todos("Deployment")} == {f"suas-ce-{s}" for s in services.NOMES}


def _uid_dockerfile(servico: str) -> int:
    texto = (RAIZ / "services" / servico / "Dockerfile").read_text(encoding="utf-8")
    usuarios = re.findall(r"^USER\s+(\d+)", texto, re.M)
    assert usuarios, f"services/{servico}/Dockerfile sem USER numérico"
    return int(usuarios[-1])


def _porta_http(container: dict[str, Any]) -> int:
    portas = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    assert "http" in portas, f"{container['name']}: sem a porta nomeada http"
    return int(portas["http"])


@pytest.mark.parametrize("servico", services.NOMES)
def test_deployment_tem_sondas_na_porta_do_servico(m: Manifestos, servico: str) -> None:
    container = _container(m.deployment(servico), servico)
    assert _porta_http(container) == _settings(servico).porta_padrao
    caminhos = {
        sonda: (container.get(sonda) or {}).get("httpGet", {})
        for sonda in ("startupProbe", "livenessProbe", "readinessProbe")
    }
    assert caminhos["startupProbe"].get("path") == "/livez", f"{servico}: startupProbe em /livez"
    assert caminhos["livenessProbe"].get("path") == "/livez", f"{servico}: livenessProbe em /livez"
    assert caminhos["readinessProbe"].get("path") == "/readyz", f"{servico}: readinessProbe em /readyz"
    assert all(c.get("port") == "http" for c in caminhos.values()), f"{servico}: sondas na porta http"


@pytest.mark.parametrize("servico", services.NOMES)
def test_todo_container_tem_recursos(m: Manifestos, servico: str) -> None:
    for objeto in (m.deployment(servico), m.job(servico)):
        for container in _todos_containers(objeto):
            recursos = container.get("resources") or {}
            pedidos, limites = recursos.get("requests") or {}, recursos.get("limits") or {}
            assert {"cpu", "memory"} <= set(pedidos), (
                f"{servico}/{container['name']}: requests de cpu e memória"
            )
            assert "memory" in limites, f"{servico}/{container['name']}: limite de memória"


@pytest.mark.parametrize("servico", services.NOMES)
def test_pods_rodam_sem_root_com_raiz_so_de_leitura(m: Manifestos, servico: str) -> None:
    for objeto in (m.deployment(servico), m.job(servico)):
        pod = _pod(objeto)
        contexto = pod.get("securityContext") or {}
        assert contexto.get("runAsNonRoot") is True, f"{servico}: runAsNonRoot"
        assert contexto.get("runAsUser") == _uid_dockerfile(servico) != 0, f"{servico}: o USER da imagem"
        assert (contexto.get("seccompProfile") or {}).get("type") == "RuntimeDefault"
        assert pod.get("automountServiceAccountToken") is False, f"{servico}: nenhum token da API montado"
        assert m.um("ServiceAccount", pod["serviceAccountName"])
        for container in _todos_containers(objeto):
            seguranca = container.get("securityContext") or {}
            assert seguranca.get("readOnlyRootFilesystem") is True, f"{servico}/{container['name']}"
            assert seguranca.get("allowPrivilegeEscalation") is False, f"{servico}/{container['name']}"
            assert (seguranca.get("capabilities") or {}).get("drop") == ["ALL"], (
                f"{servico}/{container['name']}"
            )


def _montagens_gravaveis(objeto: dict[str, Any], container: dict[str, Any]) -> list[PurePosixPath]:
    vazios = {v["name"] for v in _pod(objeto).get("volumes", []) if "emptyDir" in v}
    return [PurePosixPath(v["mountPath"]) for v in container.get("volumeMounts", []) if v["name"] in vazios]


@pytest.mark.parametrize("servico", services.NOMES)
def test_o_que_o_servico_escreve_cai_em_volume_gravavel(
    m: Manifestos, servico: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Raiz só de leitura: /tmp e toda pasta da configuração (ex.: PASTA_UPLOADS) precisam de um emptyDir."""
    deployment = m.deployment(servico)
    container = _container(deployment, servico)
    gravaveis = _montagens_gravaveis(deployment, container)
    assert PurePosixPath("/tmp") in gravaveis, f"{servico}: /tmp num emptyDir (tempfile, uploads em curso)"  # noqa: S108
    settings = _carregar(monkeypatch, servico, _ambiente_do_container(m, deployment, container)[0])
    for campo, info in type(settings).model_fields.items():
        if info.annotation is Path:
            pasta = PurePosixPath(str(getattr(settings, campo)))
            assert any(pasta.is_relative_to(g) for g in gravaveis), (
                f"{servico}: {_prefixo(servico)}{campo.upper()}={pasta} fora de um volume gravável"
            )


@pytest.mark.parametrize("servico", services.NOMES)
def test_encerramento_gracioso_cobre_a_drenagem(m: Manifestos, servico: str) -> None:
    deployment = m.deployment(servico)
    container = _container(deployment, servico)
    espera = container.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command", [])
    assert espera[:1] == ["sleep"], f"{servico}: preStop com sleep (o Service tira o pod antes do SIGTERM)"
    # preStop + drenagem do HTTP no uvicorn + o lote em curso do consumidor e do relay (folga de 15 s).
    minimo = int(espera[1]) + DRENAGEM_HTTP_S + 15
    assert _pod(deployment)["terminationGracePeriodSeconds"] >= minimo, (
        f"{servico}: terminationGracePeriodSeconds abaixo de {minimo} s mata o consumidor no meio do lote"
    )


def _seleciona(seletor: dict[str, str], rotulos: dict[str, str]) -> bool:
    return bool(seletor) and seletor.items() <= rotulos.items()


@pytest.mark.parametrize("servico", services.NOMES)
def test_deployment_tem_service_e_pdb(m: Manifestos, servico: str) -> None:
    deployment = m.deployment(servico)
    rotulos = deployment["spec"]["template"]["metadata"]["labels"]
    servicos_k8s = [s for s in m.todos("Service") if _seleciona(s["spec"].get("selector", {}), rotulos)]
    assert [s["metadata"]["name"] for s in servicos_k8s] == [f"suas-ce-{servico}"], f"{servico}: um Service"
    portas = servicos_k8s[0]["spec"]["ports"]
    assert [(p["name"], p["port"], p["targetPort"]) for p in portas] == [
        ("http", _settings(servico).porta_padrao, "http")
    ]
    pdbs = [
        p
        for p in m.todos("PodDisruptionBudget")
        if _seleciona(p["spec"]["selector"].get("matchLabels", {}), rotulos)
    ]
    assert len(pdbs) == 1, f"{servico}: um PodDisruptionBudget"
    # Um PDB que não deixa tirar nenhum pod trava a manutenção dos nós.
    assert (
        pdbs[0]["spec"].get("maxUnavailable", 0) >= 1
        or pdbs[0]["spec"].get("minAvailable", 0) < (deployment["spec"]["replicas"])
    )


@pytest.mark.parametrize("servico", services.NOMES)
def test_lado_http_escala_por_cpu(m: Manifestos, variante: str, servico: str) -> None:
    nome = f"suas-ce-{servico}"
    replicas = m.deployment(servico)["spec"]["replicas"]
    assert replicas == (1 if variante == "dev" else 2)
    if variante == "prod-completo":  # com o KEDA, o ScaledObject substitui o HPA
        assert not m.todos("HorizontalPodAutoscaler"), "HPA e ScaledObject no mesmo Deployment brigam"
        escala = m.um("ScaledObject", nome)["spec"]
        assert escala["scaleTargetRef"]["name"] == nome
        assert escala["minReplicaCount"] == replicas
        assert "cpu" in {g["type"] for g in escala["triggers"]}
        return
    hpa = m.um("HorizontalPodAutoscaler", nome)["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": nome}
    assert hpa["minReplicas"] == replicas < hpa["maxReplicas"]
    assert [(x["type"], x["resource"]["name"]) for x in hpa["metrics"]] == [("Resource", "cpu")]


def test_keda_escala_consumidores_ate_as_particoes(renderizados: dict[str, Manifestos]) -> None:
    m = renderizados["prod-completo"]
    for servico in services.NOMES:
        escala = m.um("ScaledObject", f"suas-ce-{servico}")["spec"]
        kafka = [g for g in escala["triggers"] if g["type"] == "kafka"]
        consome = CATALOGO.consumidos_por(servico)
        assert bool(kafka) == bool(consome), f"{servico}: gatilho de atraso só para quem consome"
        if consome:
            assert kafka[0]["metadata"]["consumerGroup"] == f"suas-ce.{servico}"
            assert kafka[0]["metadata"]["allowIdleConsumers"] == "false"
            assert escala["maxReplicaCount"] <= max(6, sum(t.particoes for t in consome))


# --- configuração: variáveis de ambiente contra as classes Settings ------------------------------


def _ambiente_do_container(
    m: Manifestos, objeto: dict[str, Any], container: dict[str, Any]
) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """(ambiente que o processo vê, {variável: (Secret, chave)}) — segredos viram um valor de teste."""
    ambiente: dict[str, str] = {}
    segredos: dict[str, tuple[str, str]] = {}
    for origem in container.get("envFrom", []):
        assert set(origem) == {"configMapRef"}, (
            f"{container['name']}: envFrom só de ConfigMap (segredo a segredo em env)"
        )
        ambiente |= m.configmap(origem["configMapRef"]["name"])
    for item in container.get("env", []):
        if "value" in item:
            ambiente[item["name"]] = str(item["value"])
            continue
        referencia = item["valueFrom"]["secretKeyRef"]
        segredos[item["name"]] = (referencia["name"], referencia["key"])
        ambiente[item["name"]] = SEGREDO_DE_TESTE
    return ambiente, segredos


def _carregar(monkeypatch: pytest.MonkeyPatch, servico: str, ambiente: dict[str, str]) -> ServiceSettings:
    for chave in list(os.environ):
        if chave.startswith("SUAS_") or chave in VARIAVEIS_LIBPQ:
            monkeypatch.delenv(chave)
    for chave, valor in ambiente.items():
        monkeypatch.setenv(chave, valor)
    try:
        return _settings(servico).carregar()
    except ConfiguracaoInvalida as exc:
        erro = str(exc)
    pytest.fail(f"a configuração de {servico} no Kubernetes não passa na validação:\n{erro}")


@pytest.mark.parametrize("servico", services.NOMES)
def test_variaveis_sao_campos_reais_do_servico(m: Manifestos, servico: str) -> None:
    """Um nome errado seria ignorado pelo pydantic-settings e o serviço subiria com o padrão."""
    prefixo, campos = _prefixo(servico), set(_settings(servico).model_fields)
    deployment = m.deployment(servico)
    ambiente, _ = _ambiente_do_container(m, deployment, _container(deployment, servico))
    estranhas = [v for v in ambiente if not v.startswith(prefixo) and v not in VARIAVEIS_LIBPQ]
    assert not estranhas, f"{servico}: variáveis fora do prefixo {prefixo}: {estranhas}"
    desconhecidas = [
        v for v in ambiente if v.startswith(prefixo) and v.removeprefix(prefixo).lower() not in campos
    ]
    assert not desconhecidas, f"{servico}: variáveis que não são campos de Settings: {desconhecidas}"


def _exigidas(settings: ServiceSettings) -> set[str]:
    """Campos sem padrão e o que a validação (inclusive a de produção) exige para esta configuração."""
    campos = {nome for nome, info in type(settings).model_fields.items() if info.is_required()}
    campos.add("database_url")
    campos.add("jwt_segredo" if settings.jwt_algoritmo == "HS256" else "jwt_jwks_url")
    if settings.kafka_protocolo_seguranca.startswith("SASL"):
        campos |= {"kafka_usuario", "kafka_senha"}
    return campos


@pytest.mark.parametrize("servico", services.NOMES)
def test_configuracao_passa_na_validacao_de_producao(
    m: Manifestos, servico: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    deployment = m.deployment(servico)
    container = _container(deployment, servico)
    ambiente, segredos = _ambiente_do_container(m, deployment, container)
    settings = _carregar(monkeypatch, servico, ambiente)
    prefixo = _prefixo(servico)
    faltam = [f"{prefixo}{c.upper()}" for c in _exigidas(settings) if f"{prefixo}{c.upper()}" not in ambiente]
    assert not faltam, f"{servico}: nem ConfigMap nem Secret fornecem {faltam}"
    for campo in ("jwt_segredo", "kafka_senha"):
        if campo in _exigidas(settings):
            assert f"{prefixo}{campo.upper()}" in segredos, f"{servico}: {campo} só por Secret"
    assert settings.ambiente is Ambiente.producao
    assert not settings.sqlite
    assert settings.host == "0.0.0.0"  # noqa: S104 — em contêiner, todas as interfaces
    assert settings.porta == _porta_http(container)


@pytest.mark.parametrize("servico", services.NOMES)
def test_kafka_configurado_para_o_strimzi(
    m: Manifestos, servico: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    deployment = m.deployment(servico)
    container = _container(deployment, servico)
    ambiente, segredos = _ambiente_do_container(m, deployment, container)
    settings = _carregar(monkeypatch, servico, ambiente)
    assert settings.kafka_bootstrap_servers == bootstrap_kafka()
    assert settings.kafka_criar_topicos is False, f"{servico}: quem cria os tópicos é o Strimzi (KafkaTopic)"
    assert settings.kafka_prefixo_topicos == "", (
        f"{servico}: os KafkaTopic têm os nomes do catálogo, sem prefixo"
    )
    assert settings.kafka_idempotencia is True
    assert (settings.kafka_protocolo_seguranca, settings.kafka_sasl_mecanismo) == (
        "SASL_SSL",
        "SCRAM-SHA-512",
    )
    usuario = m.um("KafkaUser", settings.kafka_usuario)
    assert usuario["spec"]["authentication"]["type"] == "scram-sha-512"
    # O Strimzi guarda a senha no Secret com o nome do KafkaUser, chave password.
    assert segredos[f"{_prefixo(servico)}KAFKA_SENHA"] == (settings.kafka_usuario, "password")
    assert settings.kafka_grupo_consumidor == f"suas-ce.{servico}"
    assert _arquivo_de_segredo(deployment, container, settings.kafka_ca_arquivo) == (
        f"{KAFKA}-cluster-ca-cert",
        "ca.crt",
    )


def _arquivo_de_segredo(objeto: dict[str, Any], container: dict[str, Any], caminho: str) -> tuple[str, str]:
    """(Secret, chave) montado em `caminho` no container."""
    volumes = {v["name"]: v for v in _pod(objeto).get("volumes", [])}
    arquivo = PurePosixPath(caminho)
    for montagem in container.get("volumeMounts", []):
        if arquivo.parent == PurePosixPath(montagem["mountPath"]) and "secret" in volumes[montagem["name"]]:
            segredo = volumes[montagem["name"]]["secret"]
            chaves = {i["path"]: i["key"] for i in segredo.get("items", [])}
            return segredo["secretName"], chaves.get(arquivo.name, arquivo.name)
    pytest.fail(f"{container['name']}: nenhum Secret montado em {arquivo.parent}")


@pytest.mark.parametrize("servico", services.NOMES)
def test_banco_e_o_cluster_postgres_do_proprio_servico(
    m: Manifestos, servico: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    deployment = m.deployment(servico)
    container = _container(deployment, servico)
    ambiente, segredos = _ambiente_do_container(m, deployment, container)
    settings = _carregar(monkeypatch, servico, ambiente)
    cluster = m.um("Cluster", f"suas-ce-{servico}-pg")
    initdb = cluster["spec"]["bootstrap"]["initdb"]
    url = urlsplit(settings.database_url)
    assert url.scheme == "postgresql+asyncpg"
    assert (url.hostname, url.port) == (f"suas-ce-{servico}-pg-rw", 5432), (
        f"{servico}: o primário do seu Cluster"
    )
    assert (url.path[1:], url.username) == (initdb["database"], initdb["owner"])
    assert url.password is None, f"{servico}: senha fora da URL (PGPASSWORD, de um Secret)"
    assert segredos["PGPASSWORD"] == (f"suas-ce-{servico}-pg-app", "password")
    assert ambiente["PGSSLMODE"] == "verify-full"
    assert _arquivo_de_segredo(deployment, container, ambiente["PGSSLROOTCERT"]) == (
        f"suas-ce-{servico}-pg-ca",
        "ca.crt",
    )


@pytest.mark.parametrize("servico", services.NOMES)
def test_migracao_roda_antes_do_servico_com_a_mesma_configuracao(m: Manifestos, servico: str) -> None:
    deployment, job = m.deployment(servico), m.job(servico)
    principal = _container(deployment, servico)
    migracao = _container(job)
    assert migracao["command"] == ["suas-ce", "migrar", servico]
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    iniciais = _pod(deployment).get("initContainers", [])
    assert [c["command"][:3] for c in iniciais] == [["suas-ce", "esperar-migracoes", servico]], (
        f"{servico}: o pod espera o banco chegar ao head antes de servir"
    )
    for outro in (migracao, iniciais[0]):
        assert outro["image"] == principal["image"], f"{servico}: migração e serviço na mesma imagem"
        assert (outro.get("envFrom"), outro.get("env")) == (principal.get("envFrom"), principal.get("env"))
    assert "command" not in principal, f"{servico}: o serviço sobe pelo CMD da imagem (suas-ce servir)"


def test_esperar_migracoes_so_libera_o_banco_no_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from shared.migracoes import migrar

    url = f"sqlite+aiosqlite:///{tmp_path / 'ingestao.db'}"
    _carregar(monkeypatch, "ingestao", {"SUAS_INGESTAO_DATABASE_URL": url})
    comando = ["esperar-migracoes", "ingestao", "--limite", "0", "--intervalo", "0"]
    with pytest.raises(SystemExit) as saida:
        cli(comando)
    assert saida.value.code == 1
    assert "desisti" in capsys.readouterr().err
    migrar(services.definicao("ingestao"), url)
    cli(comando)
    assert "esperado" in capsys.readouterr().out


# --- imagens --------------------------------------------------------------------------------------


def _repositorio_e_tag(imagem: str) -> tuple[str, str]:
    repositorio, _, tag = imagem.rpartition(":")
    return (repositorio, tag) if repositorio and "/" not in tag else (imagem, "")


@pytest.mark.parametrize("servico", services.NOMES)
def test_imagens_sao_as_que_os_dockerfiles_constroem(m: Manifestos, variante: str, servico: str) -> None:
    dockerfile = (RAIZ / "services" / servico / "Dockerfile").read_text(encoding="utf-8")
    construida = re.search(rf"docker build -f services/{servico}/Dockerfile -t (\S+):\S+ \.", dockerfile)
    assert construida, f"services/{servico}/Dockerfile sem o comando de build no cabeçalho"
    compose = yaml.safe_load((RAIZ / "docker-compose.yml").read_text(encoding="utf-8"))
    repositorio_compose, tag_compose = _repositorio_e_tag(compose["services"][servico]["image"])
    assert construida.group(1) == repositorio_compose == f"suas-ce/{servico}"
    imagens = {c["image"] for o in (m.deployment(servico), m.job(servico)) for c in _todos_containers(o)}
    assert len(imagens) == 1, f"{servico}: uma imagem só para serviço, espera e migração: {imagens}"
    repositorio, tag = _repositorio_e_tag(imagens.pop())
    assert repositorio.split("/")[-2:] == ["suas-ce", servico], f"{servico}: imagem {repositorio}"
    if variante == "dev":
        assert tag == tag_compose, f"{servico}: dev usa a imagem do build local ({tag_compose})"
    else:
        assert tag and tag != "latest", f"{servico}: produção com tag imutável, não {tag or 'sem tag'}"


def test_compose_e_kubernetes_usam_as_mesmas_versoes_de_kafka_e_postgres(
    renderizados: dict[str, Manifestos],
) -> None:
    compose = yaml.safe_load((RAIZ / "docker-compose.yml").read_text(encoding="utf-8"))["services"]
    m = renderizados["prod"]
    assert compose["kafka"]["image"] == f"apache/kafka:{m.um('Kafka', KAFKA)['spec']['kafka']['version']}"
    versao_pg = compose["postgres"]["image"].split(":")[1].split("-")[0].split(".")[0]
    for cluster in m.todos("Cluster"):
        assert cluster["spec"]["imageName"].rpartition(":")[2].split(".")[0] == versao_pg


# --- Kafka: tópicos e ACLs a partir do catálogo ----------------------------------------------------


def test_um_kafkatopic_por_topico_do_catalogo_e_vice_versa(m: Manifestos) -> None:
    topicos = {t["spec"]["topicName"]: t for t in m.todos("KafkaTopic")}
    esperados = {t.nome: (t.particoes, t.retencao_dias) for t in CATALOGO.topicos}
    esperados |= {t.dlq: (1, t.retencao_dias) for t in CATALOGO.topicos}
    assert set(topicos) == set(esperados), (
        f"sem KafkaTopic: {sorted(set(esperados) - set(topicos))}; fora do catálogo: "
        f"{sorted(set(topicos) - set(esperados))} (rode `make k8s`)"
    )
    corretores = sum(
        p["spec"]["replicas"] for p in m.todos("KafkaNodePool") if "broker" in p["spec"]["roles"]
    )
    isr = m.um("Kafka", KAFKA)["spec"]["kafka"]["config"]["min.insync.replicas"]
    for nome, (particoes, dias) in esperados.items():
        spec = topicos[nome]["spec"]
        assert topicos[nome]["metadata"]["labels"]["strimzi.io/cluster"] == KAFKA
        assert spec["partitions"] == particoes, f"{nome}: partições"
        assert spec["config"]["retention.ms"] == (dias * 86_400_000 if dias > 0 else -1), f"{nome}: retenção"
        # Com acks=all, menos réplicas que o ISR mínimo recusaria toda escrita.
        assert isr <= spec["replicas"] <= corretores, f"{nome}: réplicas entre o ISR mínimo e os brokers"


def _acls(usuario: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    return {
        (acl["resource"]["type"], acl["resource"]["name"], acl["resource"].get("patternType", "literal"), op)
        for acl in usuario["spec"]["authorization"]["acls"]
        for op in acl["operations"]
    }


@pytest.mark.parametrize("servico", services.NOMES)
def test_acls_de_cada_servico_sao_exatamente_as_do_catalogo(m: Manifestos, servico: str) -> None:
    """Write no que produz; Read no que consome e Write na DLQ dele (o consumidor a escreve); Read no grupo."""
    esperadas = {("topic", t.nome, "literal", "Write") for t in CATALOGO.produzidos_por(servico)}
    for t in CATALOGO.consumidos_por(servico):
        esperadas |= {("topic", t.nome, "literal", "Read"), ("topic", t.dlq, "literal", "Write")}
    if CATALOGO.consumidos_por(servico):
        esperadas.add(("group", f"suas-ce.{servico}", "literal", "Read"))
    usuario = m.um("KafkaUser", f"suas-ce-{servico}")
    assert usuario["metadata"]["labels"]["strimzi.io/cluster"] == KAFKA
    assert usuario["spec"]["authorization"]["type"] == "simple"
    atuais = _acls(usuario)
    assert atuais == esperadas, (
        f"{servico}: ACLs a mais {sorted(atuais - esperadas)}, a menos {sorted(esperadas - atuais)} (rode `make k8s`)"
    )


def test_so_existem_os_usuarios_kafka_dos_servicos(m: Manifestos) -> None:
    assert {u["metadata"]["name"] for u in m.todos("KafkaUser")} == {f"suas-ce-{s}" for s in SERVICOS}


def test_kafka_em_kraft_com_listener_autenticado(m: Manifestos) -> None:
    kafka = m.um("Kafka", KAFKA)
    assert "zookeeper" not in kafka["spec"], "KRaft: sem ZooKeeper"
    assert kafka["metadata"]["annotations"]["strimzi.io/kraft"] == "enabled"
    pools = m.todos("KafkaNodePool")
    assert pools and all(p["metadata"]["labels"]["strimzi.io/cluster"] == KAFKA for p in pools)
    assert {"controller", "broker"} <= {r for p in pools for r in p["spec"]["roles"]}
    spec = kafka["spec"]["kafka"]
    listeners = spec["listeners"]
    assert [(ln["port"], ln["tls"], ln["authentication"]["type"]) for ln in listeners] == [
        (int(bootstrap_kafka().rpartition(":")[2]), True, "scram-sha-512")
    ], "um listener só, com TLS e SCRAM: sem porta aberta sem autenticação"
    assert spec["authorization"]["type"] == "simple", "sem autorização as ACLs não valem"
    assert spec["config"]["auto.create.topics.enable"] is False


# --- NetworkPolicies: exatamente os fluxos da arquitetura -----------------------------------------


def _pods(m: Manifestos) -> dict[str, dict[str, str]]:
    """Pods do SUAS-CE por papel: servico:<nome> (Deployment) e migracao:<nome> (Job)."""
    pods = {f"servico:{s}": m.deployment(s)["spec"]["template"]["metadata"]["labels"] for s in services.NOMES}
    pods |= {f"migracao:{s}": m.job(s)["spec"]["template"]["metadata"]["labels"] for s in services.NOMES}
    return pods


NAMESPACES_CONHECIDOS = {
    "ingress-nginx": "ingress",
    "monitoring": "prometheus",
    "keda": "keda",
    "cnpg-system": "cnpg-operador",
}


def _destino(m: Manifestos, par: dict[str, Any]) -> str:
    """Nome lógico de um par `from`/`to` de uma NetworkPolicy."""
    if "ipBlock" in par:
        return "ip:" + par["ipBlock"]["cidr"] + "".join(f"-{e}" for e in par["ipBlock"].get("except", []))
    pods = par.get("podSelector", {})
    assert "matchExpressions" not in pods, "o teste só entende matchLabels"
    rotulos = pods.get("matchLabels", {})
    if "namespaceSelector" in par:
        namespace = par["namespaceSelector"].get("matchLabels", {}).get("kubernetes.io/metadata.name", "*")
        if namespace == "kube-system" and rotulos == {"k8s-app": "kube-dns"}:
            return "dns"
        return NAMESPACES_CONHECIDOS.get(namespace, f"namespace:{namespace}")
    if "cnpg.io/cluster" in rotulos:
        return "postgres:" + rotulos["cnpg.io/cluster"].removeprefix("suas-ce-").removesuffix("-pg")
    if rotulos.get("strimzi.io/cluster") == KAFKA:
        return "kafka"
    alcancados = sorted(papel for papel, r in _pods(m).items() if _seleciona(rotulos, r))
    return "+".join(alcancados) or f"pods:{rotulos or 'todos'}"


def _portas(regra: dict[str, Any]) -> list[str]:
    return [f"{p.get('protocol', 'TCP')}/{p['port']}" for p in regra.get("ports", [])] or ["*"]


def _fluxos(m: Manifestos, rotulos: dict[str, str], sentido: str) -> set[tuple[str, str]]:
    """(origem ou destino, porta) que as NetworkPolicies liberam para pods com estes rótulos."""
    campo, pares = ("ingress", "from") if sentido == "Ingress" else ("egress", "to")
    fluxos: set[tuple[str, str]] = set()
    for politica in m.todos("NetworkPolicy"):
        seletor = politica["spec"]["podSelector"].get("matchLabels", {})
        if sentido not in politica["spec"]["policyTypes"] or not seletor.items() <= rotulos.items():
            continue
        for regra in politica["spec"].get(campo, []):
            destinos = [_destino(m, par) for par in regra.get(pares, [])] or ["qualquer"]
            fluxos |= {(d, p) for d in destinos for p in _portas(regra)}
    return fluxos


def _usa_kafka(servico: str) -> bool:
    return bool(CATALOGO.produzidos_por(servico) or CATALOGO.consumidos_por(servico))


def test_namespace_fecha_tudo_por_padrao(m: Manifestos) -> None:
    fechadas = [
        p
        for p in m.todos("NetworkPolicy")
        if p["spec"]["podSelector"] == {}
        and set(p["spec"]["policyTypes"]) == {"Ingress", "Egress"}
        and not p["spec"].get("ingress")
        and not p["spec"].get("egress")
    ]
    assert fechadas, "falta a NetworkPolicy que nega tudo no namespace"


@pytest.mark.parametrize("servico", services.NOMES)
def test_fluxos_de_rede_do_servico_sao_os_da_arquitetura(
    m: Manifestos, servico: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entra: HTTP do ingress (e do Prometheus, com o component). Sai: DNS, o próprio banco, os brokers
    (se o catálogo lhe dá algum tópico) e, com RS256, o JWKS. Nada de um serviço para outro."""
    deployment = m.deployment(servico)
    container = _container(deployment, servico)
    settings = _carregar(monkeypatch, servico, _ambiente_do_container(m, deployment, container)[0])
    porta = f"TCP/{_porta_http(container)}"
    dns = {("dns", "UDP/53"), ("dns", "TCP/53")}
    saida = dns | {(f"postgres:{servico}", "TCP/5432")}
    if _usa_kafka(servico):
        saida.add(("kafka", f"TCP/{bootstrap_kafka().rpartition(':')[2]}"))
    if settings.jwt_algoritmo == "RS256":
        saida.add(("ip:0.0.0.0/0-10.0.0.0/8-172.16.0.0/12-192.168.0.0/16", "TCP/443"))
    entrada = {("ingress", porta)}
    if m.todos("ServiceMonitor"):
        entrada.add(("prometheus", porta))
    rotulos = deployment["spec"]["template"]["metadata"]["labels"]
    assert _fluxos(m, rotulos, "Egress") == saida
    assert _fluxos(m, rotulos, "Ingress") == entrada

    migracao = m.job(servico)["spec"]["template"]["metadata"]["labels"]
    assert _fluxos(m, migracao, "Egress") == dns | {(f"postgres:{servico}", "TCP/5432")}
    assert _fluxos(m, migracao, "Ingress") == set()


@pytest.mark.parametrize("servico", services.NOMES)
def test_so_o_proprio_servico_chega_ao_seu_banco(m: Manifestos, servico: str) -> None:
    rotulos = {"cnpg.io/cluster": f"suas-ce-{servico}-pg"}
    entrada = _fluxos(m, rotulos, "Ingress")
    assert {d for d, p in entrada if p == "TCP/5432"} == {
        f"servico:{servico}",
        f"migracao:{servico}",
        f"postgres:{servico}",
        "cnpg-operador",
    }
    assert {d for d, _ in entrada} <= {
        f"servico:{servico}",
        f"migracao:{servico}",
        f"postgres:{servico}",
        "cnpg-operador",
    }


def test_listener_do_kafka_aceita_so_quem_o_catalogo_poe_no_barramento(m: Manifestos) -> None:
    """O Strimzi gera a NetworkPolicy de entrada dos brokers a partir dos networkPolicyPeers."""
    pares = m.um("Kafka", KAFKA)["spec"]["kafka"]["listeners"][0]["networkPolicyPeers"]
    destinos = {_destino(m, par) for par in pares}
    papeis = {p for d in destinos for p in d.split("+") if p.startswith(("servico:", "migracao:"))}
    assert papeis == {f"servico:{s}" for s in services.NOMES if _usa_kafka(s)}
    outros = destinos - {d for d in destinos if d.split("+")[0].startswith("servico:")}
    assert outros == ({"keda"} if m.todos("ScaledObject") else set())


def test_servicos_nao_se_chamam_por_http() -> None:
    """As NetworkPolicies não liberam HTTP entre serviços: o Kafka é o único canal entre eles."""
    proibidos = re.compile(r"^\s*(import|from)\s+(httpx|requests|aiohttp|urllib\.request)\b", re.M)
    for servico in services.NOMES:
        for arquivo in (RAIZ / "services" / servico).rglob("*.py"):
            if "tests" in arquivo.relative_to(RAIZ).parts:
                continue
            assert not proibidos.search(arquivo.read_text(encoding="utf-8")), (
                f"{arquivo.relative_to(RAIZ)} faz HTTP: serviços conversam só pelo Kafka "
                "(e as NetworkPolicies de deploy/k8s bloqueiam esse tráfego)"
            )


# --- Ingress, segredos e observabilidade -----------------------------------------------------------


def _bytes(tamanho: str) -> int:
    encontro = re.fullmatch(r"(\d+)([kmg]?)", tamanho.lower())
    assert encontro, f"tamanho ilegível: {tamanho}"
    numero, unidade = encontro.groups()
    return int(numero) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unidade]


@pytest.mark.parametrize("servico", services.NOMES)
def test_ingress_deixa_passar_o_que_o_servico_aceita(m: Manifestos, servico: str) -> None:
    ingress = m.um("Ingress", f"suas-ce-{servico}")
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": f"suas-ce-{servico}", "port": {"name": "http"}}
    limite = _bytes(ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"])
    campos = _settings(servico).model_fields
    # Acima do limite quem responde é o serviço (413 em problem+json), não o proxy.
    campo = "limite_upload_bytes" if services.definicao(servico).prefixos_upload else "limite_corpo_bytes"
    exigido = campos[campo].default
    assert limite > exigido, f"{servico}: proxy-body-size abaixo do que o serviço aceita ({exigido} bytes)"


def _segredos_referenciados(m: Manifestos) -> set[str]:
    """Todo nome de Secret que os manifestos usam: env, volumes, TLS do Ingress, ServiceMonitor, KEDA, backup."""
    nomes: set[str] = set()
    for documento in m.documentos:
        for valor in _percorrer(documento):
            if not isinstance(valor, dict):
                continue
            if "secretKeyRef" in valor:
                nomes.add(valor["secretKeyRef"]["name"])
            if "secretName" in valor:
                nomes.add(valor["secretName"])
            # credentials do ServiceMonitor, s3Credentials do ObjectStore, secretTargetRef do KEDA
            if (
                set(valor) in ({"name", "key"}, {"parameter", "name", "key"})
                and documento["kind"] != "ConfigMap"
            ):
                nomes.add(valor["name"])
    return nomes


def _percorrer(valor: Any) -> Iterator[Any]:
    yield valor
    if isinstance(valor, dict):
        for item in valor.values():
            yield from _percorrer(item)
    elif isinstance(valor, list):
        for item in valor:
            yield from _percorrer(item)


def test_nenhum_segredo_no_repositorio_e_todos_documentados(m: Manifestos) -> None:
    assert not m.todos("Secret"), "nenhum Secret com valores no repositório: a operação os cria"
    referenciados = _segredos_referenciados(m)
    assert referenciados <= SEGREDOS_EXTERNOS, f"Secrets não previstos: {referenciados - SEGREDOS_EXTERNOS}"
    documentacao = DOC_OPERACAO.read_text(encoding="utf-8")
    for modelo in (
        "suas-ce-jwt",
        "suas-ce-metricas",
        "suas-ce-backup-s3",
        "-pg-app",
        "-pg-ca",
        "cluster-ca-cert",
        "-tls",
    ):
        assert modelo in documentacao, f"docs/operacao.md não explica o Secret {modelo}"


def _nomes_de_metricas() -> set[str]:
    """Séries que os serviços expõem (famílias rotuladas ainda não têm amostras: vale o tipo)."""
    sufixos = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}
    return {
        familia.name + sufixo
        for familia in Metricas("teste").registro.collect()
        for sufixo in sufixos[familia.type]
    }


def test_alertas_usam_metricas_que_existem_e_estao_documentados(renderizados: dict[str, Manifestos]) -> None:
    regra = renderizados["prod"].um("PrometheusRule", "suas-ce")
    existentes = _nomes_de_metricas()
    documentacao = DOC_OPERACAO.read_text(encoding="utf-8")
    alertas = [r for grupo in regra["spec"]["groups"] for r in grupo["rules"]]
    assert alertas
    for alerta in alertas:
        nome = alerta["alert"]
        usadas = set(re.findall(r"\bsuas_[a-z_]+", alerta["expr"]))
        assert usadas <= existentes, f"{nome}: métricas que o serviço não expõe: {usadas - existentes}"
        assert alerta["labels"]["severity"] in {"warning", "critical"}
        assert alerta["annotations"]["runbook"] == f"docs/operacao.md#{nome.lower()}"
        assert re.search(rf"^#+ {nome}$", documentacao, re.M), f"docs/operacao.md sem a seção ### {nome}"


def test_servicemonitor_le_metrics_dos_quatro_servicos(renderizados: dict[str, Manifestos]) -> None:
    m = renderizados["prod"]
    monitor = m.um("ServiceMonitor", "suas-ce")["spec"]
    seletor = monitor["selector"]["matchLabels"]
    assert {
        s["metadata"]["name"] for s in m.todos("Service") if _seleciona(seletor, s["metadata"]["labels"])
    } == {f"suas-ce-{s}" for s in services.NOMES}
    assert [(e["port"], e["path"]) for e in monitor["endpoints"]] == [("http", "/metrics")]
    # /metrics exige token (shared/http/app.py).
    assert monitor["endpoints"][0]["authorization"]["credentials"]["name"] in SEGREDOS_EXTERNOS


# --- conexão segura com o Kafka ------------------------------------------------------------------


def test_sasl_exige_usuario_e_senha() -> None:
    with pytest.raises(ConfiguracaoInvalida, match="kafka_usuario e kafka_senha"):
        _settings("premiacao").carregar(
            kafka_protocolo_seguranca="SASL_SSL", kafka_usuario="suas-ce-premiacao"
        )


def test_opcoes_de_conexao_levam_tls_e_scram_a_todos_os_clientes(monkeypatch: pytest.MonkeyPatch) -> None:
    from shared.kafka import opcoes_conexao

    for chave in list(os.environ):
        if chave.startswith("SUAS_"):
            monkeypatch.delenv(chave)
    simples = opcoes_conexao(_settings("premiacao").carregar())
    assert simples == {"bootstrap_servers": "127.0.0.1:9092", "security_protocol": "PLAINTEXT"}
    seguro = opcoes_conexao(
        _settings("premiacao").carregar(
            kafka_protocolo_seguranca="SASL_SSL", kafka_usuario="suas-ce-premiacao", kafka_senha="x" * 32
        )
    )
    assert seguro["security_protocol"] == "SASL_SSL"
    assert (seguro["sasl_mechanism"], seguro["sasl_plain_username"], seguro["sasl_plain_password"]) == (
        "SCRAM-SHA-512",
        "suas-ce-premiacao",
        "x" * 32,
    )
    assert seguro["ssl_context"].check_hostname is True
