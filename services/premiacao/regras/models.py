from __future__ import annotations

from services.premiacao.models import Base
from shared.regras import VersaoRegrasMixin


class VersaoRegras(VersaoRegrasMixin, Base):
    """Versões das regras do prêmio por exercício (a de número maior é a vigente)."""
