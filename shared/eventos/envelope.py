"""CloudEvents 1.0 em modo binário no Kafka: atributos nos cabeçalhos `ce_*`, corpo JSON puro."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from shared.eventos.base import Evento
from shared.eventos.catalogo import CATALOGO, Catalogo

CONTENT_TYPE = "application/json"
TAMANHO_MAXIMO_CE_ID = 64  # coluna inbox.ce_id


def cabecalhos(
    *, ce_id: str, fonte: str, tipo: str, momento: datetime, assunto: str, correlation_id: str
) -> list[tuple[str, bytes]]:
    """Cabeçalhos do registro, na forma do binding Kafka do CloudEvents (`ce_` + atributo)."""
    return [
        ("ce_specversion", b"1.0"),
        ("ce_id", ce_id.encode()),
        ("ce_source", fonte.encode()),
        ("ce_type", tipo.encode()),
        ("ce_time", momento.isoformat().encode()),
        ("ce_subject", assunto.encode()),
        ("ce_correlationid", correlation_id.encode()),
        ("content-type", CONTENT_TYPE.encode()),
    ]


def fonte_do_servico(servico: str) -> str:
    return f"/suas-ce/{servico}"


class RegistroInvalido(Exception):
    """O registro não pode ser processado (nunca poderá): vai para a DLQ com este motivo."""

    def __init__(self, motivo: str, detalhe: str) -> None:
        super().__init__(f"{motivo}: {detalhe}")
        self.motivo = motivo
        self.detalhe = detalhe


@dataclass(frozen=True)
class EventoRecebido:
    ce_id: str
    tipo: str
    fonte: str
    momento: datetime
    assunto: str
    correlation_id: str
    corpo: Evento
    topico: str
    particao: int
    deslocamento: int


def decodificar(
    *,
    cabecalhos_registro: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...],
    valor: bytes | None,
    topico_logico: str,
    topico: str,
    particao: int,
    deslocamento: int,
    catalogo: Catalogo = CATALOGO,
) -> EventoRecebido:
    """Lê um registro; qualquer defeito vira RegistroInvalido com o motivo para a DLQ."""
    attrs: dict[str, str] = {}
    try:
        for nome, bruto in cabecalhos_registro:
            attrs[nome] = bruto.decode("utf-8")
    except UnicodeDecodeError:
        raise RegistroInvalido("cabecalho_invalido", "cabeçalho com bytes que não são UTF-8") from None
    faltando = [
        n
        for n in ("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject")
        if n not in attrs
    ]
    if faltando:
        raise RegistroInvalido("cabecalho_ausente", "faltam os atributos CloudEvents " + ", ".join(faltando))
    if attrs["ce_specversion"] != "1.0":
        raise RegistroInvalido("versao_cloudevents", f"specversion {attrs['ce_specversion']!r} não suportada")
    modelo = catalogo.evento(attrs["ce_type"])
    if modelo is None or catalogo.topico_de(modelo).nome != topico_logico:
        raise RegistroInvalido(
            "tipo_desconhecido", f"o tipo {attrs['ce_type']!r} não está no catálogo do tópico {topico_logico}"
        )
    try:
        momento = datetime.fromisoformat(attrs["ce_time"])
    except ValueError:
        raise RegistroInvalido(
            "cabecalho_invalido", f"ce_time {attrs['ce_time']!r} não é data-hora"
        ) from None
    if momento.tzinfo is None:
        raise RegistroInvalido(
            "cabecalho_invalido", f"ce_time {attrs['ce_time']!r} sem fuso horário (RFC 3339)"
        )
    if not 0 < len(attrs["ce_id"]) <= TAMANHO_MAXIMO_CE_ID:
        raise RegistroInvalido(
            "cabecalho_invalido", f"ce_id deve ter de 1 a {TAMANHO_MAXIMO_CE_ID} caracteres"
        )
    if valor is None:
        raise RegistroInvalido("corpo_invalido", "registro sem corpo")
    try:
        corpo = modelo.model_validate_json(valor)
    except ValidationError as exc:
        erros = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        raise RegistroInvalido(
            "corpo_invalido", f"corpo não corresponde a {modelo.tipo()}: {erros}"
        ) from None
    return EventoRecebido(
        ce_id=attrs["ce_id"],
        tipo=attrs["ce_type"],
        fonte=attrs["ce_source"],
        momento=momento,
        assunto=attrs["ce_subject"],
        correlation_id=attrs.get("ce_correlationid", ""),
        corpo=corpo,
        topico=topico,
        particao=particao,
        deslocamento=deslocamento,
    )
