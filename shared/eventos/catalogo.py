"""Catálogo único de tópicos e tipos de evento: quem produz, quem consome, partições e retenção.

É a fonte de verdade do barramento: AsyncAPI, criação de tópicos, KafkaTopic/KafkaUser do
Kubernetes e os testes de contrato derivam daqui.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.eventos.base import Evento
from shared.eventos.esquemas import (
    EVENTOS_PLANO_PROVIDENCIAS,
    CensoCrasRegistrado,
    CofinanciamentoCalculado,
    ConselhosRegistrados,
    EquipeCrasRegistrada,
    IdcrasPublicado,
    IndicadorMunicipalRegistrado,
    LoteConcluido,
    MunicipioBloqueado,
    MunicipioDesbloqueado,
    MunicipioRegistrado,
    MunicipioSuspenso,
    PlanoApoioConcluido,
    PlanoApoioElaborado,
    PlanoApoioEmExecucao,
    PlanoApoioPactuadoCib,
    PlanoProvidenciasPrazoVencido,
    ResultadoPublicado,
    RmaCrasRegistrado,
    SaldoContaRegistrado,
    SiscRegistrado,
    UnidadeRegistrada,
)

SERVICOS = ("ingestao", "cofinanciamento", "monitoramento", "premiacao")
SUFIXO_DLQ = ".dlq"


@dataclass(frozen=True)
class Topico:
    nome: str
    descricao: str
    produtor: str
    consumidores: tuple[str, ...]
    eventos: tuple[type[Evento], ...]
    particoes: int = 6
    retencao_dias: int = 365

    @property
    def dlq(self) -> str:
        return self.nome + SUFIXO_DLQ


class ErroCatalogo(Exception):
    pass


class Catalogo:
    def __init__(self, topicos: tuple[Topico, ...]) -> None:
        self.topicos = topicos
        self._por_tipo: dict[str, tuple[Topico, type[Evento]]] = {}
        for topico in topicos:
            if topico.produtor not in SERVICOS or not set(topico.consumidores) <= set(SERVICOS):
                raise ErroCatalogo(f"tópico {topico.nome}: serviço desconhecido")
            for evento in topico.eventos:
                if evento.servico != topico.produtor:
                    raise ErroCatalogo(f"{evento.tipo()} não é produzido por {topico.produtor}")
                if evento.tipo() in self._por_tipo:
                    raise ErroCatalogo(f"{evento.tipo()} está em dois tópicos")
                self._por_tipo[evento.tipo()] = (topico, evento)

    def topico_de(self, evento: type[Evento]) -> Topico:
        try:
            return self._por_tipo[evento.tipo()][0]
        except KeyError:
            raise ErroCatalogo(f"{evento.tipo()} não está no catálogo") from None

    def evento(self, tipo: str) -> type[Evento] | None:
        item = self._por_tipo.get(tipo)
        return item[1] if item else None

    def topico(self, nome: str) -> Topico:
        for topico in self.topicos:
            if topico.nome == nome:
                return topico
        raise ErroCatalogo(f"tópico {nome} não está no catálogo")

    def produzidos_por(self, servico: str) -> tuple[Topico, ...]:
        return tuple(t for t in self.topicos if t.produtor == servico)

    def consumidos_por(self, servico: str) -> tuple[Topico, ...]:
        return tuple(t for t in self.topicos if servico in t.consumidores)

    def eventos(self) -> tuple[type[Evento], ...]:
        return tuple(evento for _, evento in self._por_tipo.values())


CATALOGO = Catalogo(
    (
        Topico(
            nome="suas.ingestao.referencias",
            descricao="Dados de referência: municípios do Ceará (IBGE) e suas bases populacionais.",
            produtor="ingestao",
            consumidores=("cofinanciamento", "monitoramento", "premiacao"),
            eventos=(MunicipioRegistrado,),
            particoes=6,
            retencao_dias=-1,
        ),
        Topico(
            nome="suas.ingestao.censo",
            descricao="Dados do Censo SUAS e do IDCRAS por unidade e ano, na versão mais recente de cada lote.",
            produtor="ingestao",
            consumidores=("cofinanciamento", "monitoramento", "premiacao"),
            eventos=(
                CensoCrasRegistrado,
                EquipeCrasRegistrada,
                IdcrasPublicado,
                UnidadeRegistrada,
                ConselhosRegistrados,
            ),
            particoes=6,
            retencao_dias=-1,
        ),
        Topico(
            nome="suas.ingestao.rma",
            descricao="RMA dos CRAS, por unidade e mês; correções chegam como versões novas do mesmo mês.",
            produtor="ingestao",
            consumidores=("premiacao",),
            eventos=(RmaCrasRegistrado,),
            particoes=6,
            retencao_dias=-1,
        ),
        Topico(
            nome="suas.ingestao.sisc",
            descricao="SCFV por CRAS, mês e faixa etária (SISC, só agregados).",
            produtor="ingestao",
            consumidores=("premiacao",),
            eventos=(SiscRegistrado,),
            particoes=6,
            retencao_dias=-1,
        ),
        Topico(
            nome="suas.ingestao.indicadores",
            descricao="Indicadores municipais (IVMC, Cemaris, ruptura de vínculos, demanda) e saldos em conta por bloco.",
            produtor="ingestao",
            consumidores=("cofinanciamento",),
            eventos=(IndicadorMunicipalRegistrado, SaldoContaRegistrado),
            particoes=6,
            retencao_dias=-1,
        ),
        Topico(
            nome="suas.ingestao.lotes",
            descricao="Fim de cada lote de ingestão, com as contagens, para os consumidores saberem quando um período está completo.",
            produtor="ingestao",
            consumidores=(),
            eventos=(LoteConcluido,),
            particoes=1,
            retencao_dias=-1,
        ),
        Topico(
            nome="suas.monitoramento.planos",
            descricao="Planos de providências e de apoio: criação, alteração, cada transição do ciclo de vida "
            "(estado completo, com as unidades que nomeiam) e prazo vencido. Chave: o município.",
            produtor="monitoramento",
            consumidores=("cofinanciamento", "premiacao"),
            eventos=(
                *EVENTOS_PLANO_PROVIDENCIAS,
                PlanoProvidenciasPrazoVencido,
                PlanoApoioElaborado,
                PlanoApoioPactuadoCib,
                PlanoApoioEmExecucao,
                PlanoApoioConcluido,
            ),
            particoes=6,
            retencao_dias=-1,
        ),
        Topico(
            nome="suas.cofinanciamento.bloqueios",
            descricao="Sanções por saldo acumulado (ato SPS de 17/10/2023, Art. 13): bloqueio, suspensão e "
            "desbloqueio de um município num bloco. Chave: o município.",
            produtor="cofinanciamento",
            consumidores=("monitoramento",),
            eventos=(MunicipioBloqueado, MunicipioSuspenso, MunicipioDesbloqueado),
            particoes=6,
            retencao_dias=-1,
        ),
        Topico(
            nome="suas.cofinanciamento.calculos",
            descricao="Cofinanciamento calculado por município, exercício e mês (valor mensal por bloco).",
            produtor="cofinanciamento",
            consumidores=(),
            eventos=(CofinanciamentoCalculado,),
            particoes=6,
            retencao_dias=-1,
        ),
        Topico(
            nome="suas.premiacao.resultados",
            descricao="Resultados do Prêmio de Incentivo (CRAS) publicados pela SPS.",
            produtor="premiacao",
            consumidores=(),
            eventos=(ResultadoPublicado,),
            particoes=1,
            retencao_dias=-1,
        ),
    )
)
