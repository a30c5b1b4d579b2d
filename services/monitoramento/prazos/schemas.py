from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class PrazoAcao(BaseModel):
    plano_id: str
    ibge7: str
    municipio: str | None
    titulo_plano: str
    acao_id: str
    descricao: str
    responsavel: str | None
    prazo: date
    situacao: str
    dias: int  # negativo: dias de atraso


class PrazoPlano(BaseModel):
    plano_id: str
    ibge7: str
    municipio: str | None
    titulo: str
    situacao: str
    prazo: date
    dias: int
    exigido: bool


class Prazos(BaseModel):
    referencia: date
    dias: int
    ibge7: str | None
    acoes_vencidas: list[PrazoAcao]
    acoes_a_vencer: list[PrazoAcao]
    planos_vencidos: list[PrazoPlano]
    planos_a_vencer: list[PrazoPlano]


class AvisoPrazos(BaseModel):
    referencia: date
    planos_avisados: list[str]


class ResumoMunicipio(BaseModel):
    ibge7: str
    municipio: str | None
    planos_por_situacao: dict[str, int]
    planos_ativos: int
    acoes_atrasadas: int
    planos_com_prazo_vencido: int
    alertas_abertos: int
    planos_exigidos_sem_plano_de_apoio: list[str]
    unidades_por_tipo: dict[str, int]
