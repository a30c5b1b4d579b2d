"""Resultado e entradas do domínio ↔ JSON: Decimal vira texto exato (nunca float), enum vira o seu valor."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic_core import to_jsonable_python

from services.cofinanciamento.dominio.entradas import (
    Conselhos,
    Cras,
    Entradas,
    IndicadorMunicipal,
    Municipio,
    Populacao,
    UnidadeAcolhimento,
    UnidadeMediaComplexidade,
)


def para_json(valor: Any) -> Any:
    """Dataclasses, Decimal (texto exato), enums e datas em JSON."""
    return to_jsonable_python(valor)


def entradas_para_json(entradas: Entradas) -> dict[str, Any]:
    d: dict[str, Any] = para_json(entradas)
    d["suspensos"] = sorted(entradas.suspensos)  # conjunto em ordem: a impressão digital não varia
    return d


def impressao_digital(conteudo: Any) -> str:
    """SHA-256 do JSON canônico: as mesmas entradas e regras dão sempre a mesma impressão."""
    return hashlib.sha256(json.dumps(conteudo, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def entradas_de_json(d: Mapping[str, Any]) -> Entradas:
    """Refaz as entradas guardadas num cálculo (para as parcelas e para conferir a reprodução)."""
    return Entradas(
        municipios=tuple(
            Municipio(m["ibge7"], m["nome"], tuple(Populacao(**p) for p in m["populacoes"]))
            for m in d["municipios"]
        ),
        cras=tuple(Cras(**c) for c in d["cras"]),
        unidades_media=tuple(UnidadeMediaComplexidade(**u) for u in d["unidades_media"]),
        unidades_acolhimento=tuple(UnidadeAcolhimento(**u) for u in d["unidades_acolhimento"]),
        conselhos=tuple(Conselhos(**c) for c in d["conselhos"]),
        indicadores=tuple(
            IndicadorMunicipal(**{**i, "valor": Decimal(i["valor"])}) for i in d["indicadores"]
        ),
        suspensos=frozenset(d["suspensos"]),
    )
