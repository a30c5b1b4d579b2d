from __future__ import annotations

from services.cofinanciamento.regras.service import REGRAS
from shared.regras import criar_router_regras

router = criar_router_regras(
    REGRAS,
    descricao="Valores federais de referência (PBF, PFMC, PAC) e percentuais estaduais, base populacional e "
    "limites de porte, referenciamento, orçamento mensal por componente, seleções de prioridade e desempates "
    "por nome de indicador (Art. 18), sanções por saldo acumulado e parcelas; cada parâmetro com a sua fonte "
    "legal, e as premissas do sistema com o valor em vigor.",
    validacoes="limites de porte crescentes, seleções e indicadores existentes no catálogo, 1ª unidade por "
    "município antes de qualquer 2ª…",
)
