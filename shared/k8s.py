"""Manifestos Kubernetes que derivam do catálogo de eventos (`suas-ce k8s`, `make k8s`).

Só o que muda quando o catálogo muda é gerado: um KafkaTopic por tópico e por DLQ, um KafkaUser por
serviço com as ACLs exatas do que ele produz e consome, e os ScaledObjects do KEDA (que escalam o
consumidor pelo atraso do seu grupo). O resto de `deploy/k8s` é escrito à mão. `tests/test_k8s.py`
falha quando os arquivos versionados não batem com o catálogo.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from shared.eventos.catalogo import CATALOGO, SERVICOS, Catalogo, Topico
from shared.kafka import MS_POR_DIA

CLUSTER_KAFKA = "suas-ce"
NAMESPACE = "suas-ce"
# Listener interno com TLS e SCRAM-SHA-512 (deploy/k8s/base/kafka/kafka.yaml).
PORTA_KAFKA = 9093
REPLICAS_TOPICO = 3
# Réplicas do HTTP (HPA) e teto do KEDA: mais consumidores que partições ficariam parados, e cada
# réplica abre até 15 conexões no PostgreSQL (max_connections 200 no Cluster do CloudNativePG).
REPLICAS_MINIMAS = 2
REPLICAS_MAXIMAS_HTTP = 6
TETO_REPLICAS = 10
CPU_ALVO = 70
ATRASO_ALVO = 1_000

GERADOS = (
    Path("base/kafka/topicos.yaml"),
    Path("base/kafka/usuarios.yaml"),
    Path("components/keda/escalonamento.yaml"),
)
CABECALHO = (
    "# GERADO por `make k8s` (suas-ce k8s) a partir de shared/eventos/catalogo.py — não edite à mão.\n"
    "# tests/test_k8s.py falha se este arquivo não bater com o catálogo.\n"
)


def usuario_kafka(servico: str) -> str:
    """Nome do KafkaUser, do usuário SCRAM e do Secret que o Strimzi cria com a senha."""
    return f"suas-ce-{servico}"


def grupo_consumidor(servico: str) -> str:
    return f"suas-ce.{servico}"


def retencao_ms(topico: Topico) -> int:
    return topico.retencao_dias * MS_POR_DIA if topico.retencao_dias > 0 else -1


def bootstrap_kafka(*, fqdn: bool = False) -> str:
    host = f"{CLUSTER_KAFKA}-kafka-bootstrap"
    return f"{host}.{NAMESPACE}.svc:{PORTA_KAFKA}" if fqdn else f"{host}:{PORTA_KAFKA}"


# --- recursos -----------------------------------------------------------------------------------


def _kafka_topic(nome: str, particoes: int, retencao: int) -> dict[str, Any]:
    return {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "KafkaTopic",
        "metadata": {"name": nome, "labels": {"strimzi.io/cluster": CLUSTER_KAFKA}},
        # topicName explícito: o nome no broker não depende do nome do recurso.
        "spec": {
            "topicName": nome,
            "partitions": particoes,
            "replicas": REPLICAS_TOPICO,
            "config": {"retention.ms": retencao},
        },
    }


def topicos(catalogo: Catalogo = CATALOGO) -> list[tuple[str, dict[str, Any]]]:
    """(comentário, KafkaTopic) de cada tópico do catálogo e da sua DLQ (uma partição, como em shared/kafka.py)."""
    recursos = []
    for t in catalogo.topicos:
        consumidores = ", ".join(t.consumidores) or "nenhum ainda"
        recursos.append(
            (
                f"{t.nome}: produtor {t.produtor}; consumidores {consumidores}",
                _kafka_topic(t.nome, t.particoes, retencao_ms(t)),
            )
        )
        recursos.append((f"DLQ de {t.nome}", _kafka_topic(t.dlq, 1, retencao_ms(t))))
    return recursos


def _acl(tipo: str, nome: str, operacao: str) -> dict[str, Any]:
    # Read e Write implicam Describe no Kafka: não há ACL a mais para metadados.
    return {"resource": {"type": tipo, "name": nome, "patternType": "literal"}, "operations": [operacao]}


def usuarios(catalogo: Catalogo = CATALOGO) -> list[tuple[str, dict[str, Any]]]:
    """(comentário, KafkaUser) de cada serviço, com as ACLs exatas do catálogo."""
    recursos = []
    for servico in SERVICOS:
        produz = catalogo.produzidos_por(servico)
        consome = catalogo.consumidos_por(servico)
        acls = [_acl("topic", t.nome, "Write") for t in produz]
        for t in consome:
            acls += [_acl("topic", t.nome, "Read"), _acl("topic", t.dlq, "Write")]
        if consome:
            acls.append(_acl("group", grupo_consumidor(servico), "Read"))
        comentario = "\n".join(
            [
                f"{usuario_kafka(servico)} — o serviço {servico} no catálogo:",
                "  produz (Write): " + (", ".join(t.nome for t in produz) or "nada"),
                "  consome (Read; Write na DLQ de cada um; Read no grupo "
                + grupo_consumidor(servico)
                + "): "
                + (", ".join(t.nome for t in consome) or "nada"),
            ]
        )
        recursos.append(
            (
                comentario,
                {
                    "apiVersion": "kafka.strimzi.io/v1beta2",
                    "kind": "KafkaUser",
                    "metadata": {
                        "name": usuario_kafka(servico),
                        "labels": {
                            "strimzi.io/cluster": CLUSTER_KAFKA,
                            "app.kubernetes.io/name": servico,
                            "app.kubernetes.io/part-of": "suas-ce",
                        },
                    },
                    "spec": {
                        "authentication": {"type": "scram-sha-512"},
                        "authorization": {"type": "simple", "acls": acls},
                    },
                },
            )
        )
    return recursos


def escalonamento(catalogo: Catalogo = CATALOGO) -> list[tuple[str, dict[str, Any]]]:
    """ScaledObject do KEDA por serviço: CPU (o lado HTTP) e, se consome, o atraso do grupo."""
    recursos: list[tuple[str, dict[str, Any]]] = []
    for servico in SERVICOS:
        nome = f"suas-ce-{servico}"
        consome = catalogo.consumidos_por(servico)
        particoes = sum(t.particoes for t in consome)
        gatilhos: list[dict[str, Any]] = [
            {"type": "cpu", "metricType": "Utilization", "metadata": {"value": str(CPU_ALVO)}}
        ]
        maximo = REPLICAS_MAXIMAS_HTTP
        if consome:
            # Sem `topic`, o KEDA soma o atraso de todos os tópicos do grupo e não passa do número
            # de partições (allowIdleConsumers=false): o consumidor escala até as partições que lê.
            maximo = min(max(REPLICAS_MAXIMAS_HTTP, particoes), TETO_REPLICAS)
            gatilhos.append(
                {
                    "type": "kafka",
                    "metadata": {
                        "bootstrapServers": bootstrap_kafka(fqdn=True),
                        "consumerGroup": grupo_consumidor(servico),
                        "lagThreshold": str(ATRASO_ALVO),
                        "offsetResetPolicy": "earliest",
                        "allowIdleConsumers": "false",
                        "sasl": "scram_sha512",
                        "tls": "enable",
                    },
                    "authenticationRef": {"name": f"{nome}-kafka"},
                }
            )
            recursos.append(
                (
                    f"credenciais do KEDA para ler o atraso do grupo {grupo_consumidor(servico)}",
                    {
                        "apiVersion": "keda.sh/v1alpha1",
                        "kind": "TriggerAuthentication",
                        "metadata": {"name": f"{nome}-kafka"},
                        "spec": {
                            "secretTargetRef": [
                                {"parameter": "password", "name": usuario_kafka(servico), "key": "password"},
                                {
                                    "parameter": "ca",
                                    "name": f"{CLUSTER_KAFKA}-cluster-ca-cert",
                                    "key": "ca.crt",
                                },
                            ],
                            # O usuário vem do mesmo ConfigMap que o serviço usa.
                            "env": [
                                {
                                    "parameter": "username",
                                    "name": f"SUAS_{servico.upper()}_KAFKA_USUARIO",
                                    "containerName": servico,
                                }
                            ],
                        },
                    },
                )
            )
        consumo = f"consome {len(consome)} tópico(s), {particoes} partição(ões)" if consome else "não consome"
        recursos.append(
            (
                f"{nome}: {consumo}; de {REPLICAS_MINIMAS} a {maximo} réplicas",
                {
                    "apiVersion": "keda.sh/v1alpha1",
                    "kind": "ScaledObject",
                    "metadata": {"name": nome},
                    "spec": {
                        "scaleTargetRef": {"name": nome},
                        "minReplicaCount": REPLICAS_MINIMAS,
                        "maxReplicaCount": maximo,
                        "triggers": gatilhos,
                    },
                },
            )
        )
    return recursos


def gerados(catalogo: Catalogo = CATALOGO) -> dict[Path, str]:
    """Conteúdo de cada arquivo gerado, pelo caminho relativo a deploy/k8s."""
    partes = (topicos(catalogo), usuarios(catalogo), escalonamento(catalogo))
    return {caminho: _documentos(recursos) for caminho, recursos in zip(GERADOS, partes, strict=True)}


def escrever_gerados(raiz: Path) -> list[Path]:
    escritos = []
    for relativo, conteudo in gerados().items():
        destino = raiz / relativo
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_text(conteudo, encoding="utf-8")
        escritos.append(destino)
    return escritos


# --- YAML -----------------------------------------------------------------------------------------
# Um emissor mínimo (mapas, listas, textos, inteiros): a imagem de produção não leva PyYAML, e a saída
# fica estável byte a byte, que é o que o teste de atualização compara.

_SIMPLES = re.compile(r"^[A-Za-z_/][A-Za-z0-9_.\-/]*$")
_RESERVADAS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def _escalar(valor: object) -> str:
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, int):
        return str(valor)
    texto = str(valor)
    if _SIMPLES.match(texto) and texto.lower() not in _RESERVADAS:
        return texto
    return json.dumps(texto, ensure_ascii=False)


def _bloco(valor: object, nivel: int) -> list[str]:
    recuo = "  " * nivel
    linhas: list[str] = []
    if isinstance(valor, dict):
        for chave, item in valor.items():
            if isinstance(item, dict | list) and item:
                linhas.append(f"{recuo}{chave}:")
                linhas += _bloco(item, nivel + 1)
            else:
                linhas.append(f"{recuo}{chave}: {_vazio(item)}")
    elif isinstance(valor, list):
        for item in valor:
            if isinstance(item, dict | list) and item:
                interno = _bloco(item, nivel + 1)
                linhas.append(f"{recuo}- {interno[0].lstrip()}")
                linhas += interno[1:]
            else:
                linhas.append(f"{recuo}- {_vazio(item)}")
    return linhas


def _vazio(valor: object) -> str:
    if isinstance(valor, dict):
        return "{}"
    if isinstance(valor, list):
        return "[]"
    return _escalar(valor)


def _documentos(recursos: list[tuple[str, dict[str, Any]]]) -> str:
    partes = [CABECALHO.rstrip("\n")]
    for comentario, recurso in recursos:
        linhas = [f"# {linha}" for linha in comentario.splitlines()] + _bloco(recurso, 0)
        partes.append("---\n" + "\n".join(linhas))
    return "\n".join(partes) + "\n"
