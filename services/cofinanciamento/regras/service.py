"""As regras do cofinanciamento por exercício: versões auditadas do `RegrasCofinanciamento`, com as premissas."""

from __future__ import annotations

from services.cofinanciamento.dominio.regras import Premissa, RegrasCofinanciamento, premissas_em_vigor
from services.cofinanciamento.regras.models import VersaoRegras
from shared.regras import ConjuntoDeRegras

REGRAS = ConjuntoDeRegras(
    modelo=VersaoRegras, tipo=RegrasCofinanciamento, tipo_premissa=Premissa, premissas=premissas_em_vigor
)
