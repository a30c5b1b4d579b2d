"""Evidência → alerta: regras configuráveis sobre os dados do Censo SUAS e do IDCRAS (Art. 1º §2º; Art. 4º)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

DIMENSOES_IDCRAS = {
    "estrutura_fisica": "estrutura física",
    "recursos_humanos": "recursos humanos",
    "servicos": "serviços",
}


class RegrasAlerta(BaseModel):
    """Parâmetros das regras de alerta; valem para o serviço e aparecem em cada alerta que geram."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    idcras_ativo: bool = True
    idcras_nivel_maximo: Annotated[
        int, Field(ge=1, le=5, description="Alerta quando uma dimensão do IDCRAS está neste nível ou abaixo")
    ] = 1
    equipe_ativo: bool = True
    equipe_minimo_assistentes_sociais: Annotated[
        int,
        Field(ge=0, description="[PREMISSA] mínimo de assistentes sociais na equipe do CRAS (NOB-RH/SUAS)"),
    ] = 1
    funcionamento_ativo: bool = True


@dataclass(frozen=True)
class AlertaDetectado:
    regra: str
    ibge7: str
    id_unidade: str
    ano: int
    descricao: str
    evidencia: Mapping[str, Any] = field(default_factory=dict)


def alertas_idcras(
    regras: RegrasAlerta, *, id_cras: str, ibge7: str, ano: int, niveis: Mapping[str, int]
) -> list[AlertaDetectado]:
    """Dimensão do IDCRAS no nível mínimo: evidência do Censo SUAS para um plano (Art. 6º, I)."""
    if not regras.idcras_ativo:
        return []
    baixas = {d: n for d, n in niveis.items() if n <= regras.idcras_nivel_maximo}
    return [
        AlertaDetectado(
            regra=f"idcras_{dimensao}",
            ibge7=ibge7,
            id_unidade=id_cras,
            ano=ano,
            descricao=f"IDCRAS {ano}: dimensão {DIMENSOES_IDCRAS[dimensao]} no nível {nivel} "
            f"(alerta a partir do nível {regras.idcras_nivel_maximo} ou abaixo)",
            evidencia={"dimensao": dimensao, "nivel": nivel, "limite": regras.idcras_nivel_maximo},
        )
        for dimensao, nivel in sorted(baixas.items())
    ]


def alertas_equipe(
    regras: RegrasAlerta, *, id_cras: str, ibge7: str, ano: int, assistentes_sociais: int
) -> list[AlertaDetectado]:
    """CRAS sem a equipe mínima de referência (Censo SUAS, RH do CRAS)."""
    minimo = regras.equipe_minimo_assistentes_sociais
    if not regras.equipe_ativo or assistentes_sociais >= minimo:
        return []
    return [
        AlertaDetectado(
            regra="cras_sem_assistente_social",
            ibge7=ibge7,
            id_unidade=id_cras,
            ano=ano,
            descricao=f"Censo SUAS {ano}: o CRAS declarou {assistentes_sociais} assistente(s) social(is) "
            f"na equipe; o mínimo configurado é {minimo}",
            evidencia={"assistentes_sociais": assistentes_sociais, "minimo": minimo},
        )
    ]


def alertas_funcionamento(
    regras: RegrasAlerta,
    *,
    id_unidade: str,
    ibge7: str,
    ano: int,
    dias_semana: int | None,
    horas_dia: int | None,
) -> list[AlertaDetectado]:
    """Unidade declarada sem funcionamento (0 dias por semana ou 0 horas por dia) no Censo SUAS."""
    if not regras.funcionamento_ativo or not (dias_semana == 0 or horas_dia == 0):
        return []
    return [
        AlertaDetectado(
            regra="unidade_sem_funcionamento",
            ibge7=ibge7,
            id_unidade=id_unidade,
            ano=ano,
            descricao=f"Censo SUAS {ano}: a unidade declarou funcionar {dias_semana} dia(s) por semana, "
            f"{horas_dia} hora(s) por dia",
            evidencia={"dias_semana": dias_semana, "horas_dia": horas_dia},
        )
    ]
