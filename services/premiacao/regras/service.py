"""As regras do prêmio por exercício: versões auditadas do `RegrasPremio`, com as premissas em vigor."""

from __future__ import annotations

from services.premiacao.dominio.regras import Premissa, RegrasPremio, premissas_em_vigor
from services.premiacao.regras.models import VersaoRegras
from shared.regras import ConjuntoDeRegras

REGRAS = ConjuntoDeRegras(
    modelo=VersaoRegras, tipo=RegrasPremio, tipo_premissa=Premissa, premissas=premissas_em_vigor
)
