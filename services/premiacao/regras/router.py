from __future__ import annotations

from services.premiacao.regras.service import REGRAS
from shared.regras import criar_router_regras

router = criar_router_regras(
    REGRAS,
    descricao="Anos t e t−1, fontes, pesos w1–w4, escala, prêmios e faixas, desempates, políticas de aptidão, "
    "data de referência do plano ativo e base legal; e as premissas do sistema com o valor em vigor.",
    validacoes="pesos somam 1, faixas cobrem 1..N sem lacunas, total declarado = soma das faixas…",
)
