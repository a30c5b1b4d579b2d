from __future__ import annotations

from services.cofinanciamento.models import Base
from shared.regras import VersaoRegrasMixin


class VersaoRegras(VersaoRegrasMixin, Base):
    """Versões das regras do cofinanciamento por exercício (a de número maior é a vigente)."""
