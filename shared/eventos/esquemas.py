"""Corpos dos eventos do catálogo, um modelo por tipo e versão."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from shared.eventos.base import Evento, Valor

IBGE7 = Annotated[str, Field(pattern=r"^\d{7}$", description="Código IBGE do município, 7 dígitos")]


class Populacao(Valor):
    base: Annotated[str, Field(description="Base populacional, ex.: censo_2022, estimativa_2024")]
    ano: int
    habitantes: Annotated[int, Field(ge=0)]


class MunicipioRegistrado(Evento):
    """Um município da referência foi registrado ou teve seus dados alterados."""

    fato = "municipio_registrado"
    servico = "ingestao"
    descricao = "Município da referência (IBGE) registrado ou alterado pela ingestão."

    ibge7: IBGE7
    ibge6: Annotated[str, Field(pattern=r"^\d{6}$")]
    nome: Annotated[str, Field(min_length=1, max_length=120)]
    uf: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    capital: bool
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    populacoes: tuple[Populacao, ...]
    lote_id: Annotated[str, Field(description="Lote de ingestão de onde o dado veio")]

    def chave(self) -> str:
        return self.ibge7


class IdcrasPublicado(Evento):
    """O IDCRAS de um CRAS num ano, como o MDS publicou (ou a versão corrigida de um lote novo)."""

    fato = "idcras_publicado"
    servico = "ingestao"
    descricao = "IDCRAS de um CRAS num ano, com os níveis das três dimensões (1–5)."

    id_cras: Annotated[str, Field(pattern=r"^\d{11}$", description="NU_IDENTIFICADOR do CRAS")]
    ibge7: IBGE7
    ano: Annotated[int, Field(ge=2000, le=2100)]
    idcras: Annotated[Decimal, Field(ge=1, le=5, decimal_places=2)]
    estrutura_fisica: Annotated[int, Field(ge=1, le=5)]
    recursos_humanos: Annotated[int, Field(ge=1, le=5)]
    servicos: Annotated[int, Field(ge=1, le=5)]
    lote_id: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.id_cras


ID_UNIDADE = Annotated[str, Field(pattern=r"^\d{11}$", description="NU_IDENTIFICADOR da unidade (CadSUAS)")]
ANO = Annotated[int, Field(ge=2000, le=2100)]


class CensoCrasRegistrado(Evento):
    """Os dados gerais de um CRAS num ano do Censo SUAS."""

    fato = "censo_cras_registrado"
    servico = "ingestao"
    descricao = "Dados gerais de um CRAS no Censo SUAS de um ano (localização, capacidade, funcionamento)."

    id_cras: ID_UNIDADE
    ibge7: IBGE7
    ano: ANO
    nome: Annotated[str, Field(min_length=1, max_length=200)]
    data_implantacao: date | None = None
    localizacao: Annotated[
        int | None, Field(ge=1, le=3, description="1 urbano central, 2 urbano periférico, 3 rural")
    ] = None
    familias_referenciadas: Annotated[
        int | None, Field(description="Capacidade declarada (q2): 2.500, 3.500 ou 5.000")
    ] = None
    dias_semana: Annotated[int | None, Field(ge=0, le=7)] = None
    horas_dia: Annotated[int | None, Field(ge=0, le=24)] = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    lote_id: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.id_cras


class EquipeCrasRegistrada(Evento):
    """A equipe de um CRAS num ano, em contagens (sem nomes, CPF ou datas de nascimento)."""

    fato = "equipe_cras_registrada"
    servico = "ingestao"
    descricao = "Contagens da equipe de um CRAS num ano, por profissão e por vínculo (códigos do Censo SUAS)."

    id_cras: ID_UNIDADE
    ibge7: IBGE7
    ano: ANO
    total: Annotated[int, Field(ge=0)]
    assistentes_sociais: Annotated[int, Field(ge=0)]
    psicologos: Annotated[int, Field(ge=0)]
    por_profissao: dict[str, int]
    por_vinculo: dict[str, int]
    lote_id: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.id_cras


class RmaCrasRegistrado(Evento):
    """O RMA de um CRAS num mês; um envio posterior do mesmo CRAS e mês é uma correção (versão nova)."""

    fato = "rma_cras_registrado"
    servico = "ingestao"
    descricao = "Registro Mensal de Atendimentos de um CRAS (campos A.1–D.8; vazio = não informado)."

    id_cras: ID_UNIDADE
    ibge7: IBGE7
    ano: ANO
    mes: Annotated[int, Field(ge=1, le=12)]
    valores: Annotated[
        dict[str, int | None], Field(description="a1…d8; null = não informado, diferente de zero")
    ]
    lote_id: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.id_cras


class UnidadeRegistrada(Evento):
    """Uma unidade da proteção especial (CREAS, Centro Pop, acolhimento) num ano do Censo SUAS."""

    fato = "unidade_registrada"
    servico = "ingestao"
    descricao = "CREAS, Centro Pop ou unidade de acolhimento no Censo SUAS de um ano (com capacidade, se acolhimento)."

    id_unidade: ID_UNIDADE
    tipo_unidade: Literal["creas", "centro_pop", "acolhimento"]
    ibge7: IBGE7
    ano: ANO
    nome: Annotated[str, Field(min_length=1, max_length=200)]
    oferta_paefi: bool | None = None
    modalidade_acolhimento: Annotated[
        int | None, Field(description="1 institucional, 2 família acolhedora")
    ] = None
    publico: Annotated[int | None, Field(ge=1, le=5)] = None
    capacidade: Annotated[int | None, Field(ge=0, description="Vagas (acolhimento)")] = None
    lote_id: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.id_unidade


SITUACAO_CONSELHO = Annotated[
    int | None, Field(ge=0, le=2, description="0 não instituído, 1 instituído, 2 em funcionamento")
]


class ConselhosRegistrados(Evento):
    """Quais conselhos o município tem instituídos e funcionando, num ano do Censo SUAS."""

    fato = "conselhos_registrados"
    servico = "ingestao"
    descricao = (
        "Situação dos conselhos municipais (CMAS, CMDCA, Conselho Tutelar, idoso, mulher, PcD) num ano."
    )

    ibge7: IBGE7
    ano: ANO
    cmas: SITUACAO_CONSELHO = None
    cmdca: SITUACAO_CONSELHO = None
    conselho_tutelar: SITUACAO_CONSELHO = None
    conselho_idoso: SITUACAO_CONSELHO = None
    conselho_mulher: SITUACAO_CONSELHO = None
    conselho_pcd: SITUACAO_CONSELHO = None
    lote_id: str

    def chave(self) -> str:
        return self.ibge7


class SiscRegistrado(Evento):
    """Usuários atendidos e capacidade do SCFV de um CRAS num mês, por faixa etária (só agregados)."""

    fato = "sisc_registrado"
    servico = "ingestao"
    descricao = "SCFV de um CRAS num mês e faixa etária: usuários atendidos e capacidade (SISC, agregado)."

    id_cras: ID_UNIDADE
    ibge7: IBGE7
    ano: ANO
    mes: Annotated[int, Field(ge=1, le=12)]
    faixa_etaria: Literal["0-6", "7-14", "15-17", "18-29", "30-59", "60+"]
    usuarios_atendidos: Annotated[int, Field(ge=0)]
    capacidade_atendimento: Annotated[int | None, Field(ge=0)] = None
    lote_id: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.id_cras


class IndicadorMunicipalRegistrado(Evento):
    """Um indicador municipal (IVMC, Cemaris, ruptura de vínculos, demanda…) de um município num ano."""

    fato = "indicador_municipal_registrado"
    servico = "ingestao"
    descricao = (
        "Valor de um indicador municipal num ano, com a sua fonte (usado nos critérios de prioridade)."
    )

    indicador: Annotated[str, Field(pattern=r"^[a-z0-9_]{2,60}$")]
    ibge7: IBGE7
    ano: ANO
    valor: Decimal
    fonte: Annotated[str, Field(min_length=1, max_length=200)]
    lote_id: str

    def chave(self) -> str:
        return self.ibge7


class SaldoContaRegistrado(Evento):
    """Saldo da conta de um bloco de financiamento de um município no fim de um mês."""

    fato = "saldo_conta_registrado"
    servico = "ingestao"
    descricao = (
        "Saldo em conta de um município num bloco de financiamento e mês (para as sanções por acúmulo)."
    )

    ibge7: IBGE7
    bloco: Literal["basica", "especial", "beneficios_eventuais"]
    ano: ANO
    mes: Annotated[int, Field(ge=1, le=12)]
    saldo: Decimal
    lote_id: str

    def chave(self) -> str:
        return self.ibge7


class LoteConcluido(Evento):
    """Um lote de ingestão terminou: quantos registros publicou, para o consumidor saber que está completo."""

    fato = "lote_concluido"
    servico = "ingestao"
    descricao = (
        "Lote de ingestão concluído, com as contagens (o consumidor sabe quando um ano está completo)."
    )

    lote_id: str
    tipo_lote: Annotated[str, Field(description="Tipo de arquivo do lote, ex.: idcras, rma_cras")]
    ano: int | None = None
    mes: int | None = None
    linhas_lidas: int
    linhas_validas: int
    linhas_rejeitadas: int
    registros_publicados: int

    def chave(self) -> str:
        return self.tipo_lote  # os lotes de um tipo ficam em ordem numa partição

    def assunto(self) -> str:
        return self.lote_id


SITUACAO_PLANO_PROVIDENCIAS = Literal[
    "rascunho",
    "submetido",
    "devolvido",
    "aprovado_cmas",
    "pactuado_cib",
    "em_execucao",
    "concluido",
    "cancelado",
]


ORIGEM_DIFICULDADE = Literal[
    "auditoria",
    "denuncia",
    "censo_suas",
    "monitoramento",
    "visita_tecnica",
    "fiscalizacao",
    "saldo_acumulado",
    "outro",
]


class PlanoProvidenciasEvento(Evento):
    """Estado completo de um plano de providências depois de uma mudança (o consumidor guarda o mais novo)."""

    plano_id: Annotated[str, Field(min_length=1, max_length=64)]
    ibge7: IBGE7
    unidades: Annotated[
        tuple[ID_UNIDADE, ...],
        Field(description="Unidades (CRAS, CREAS…) que o plano nomeia; vazio = gestão municipal"),
    ]
    situacao: SITUACAO_PLANO_PROVIDENCIAS
    situacao_desde: Annotated[AwareDatetime, Field(description="Desde quando o plano está nesta situação")]
    versao_plano: Annotated[int, Field(ge=1, description="Cresce a cada mudança do plano")]
    origens: Annotated[
        tuple[ORIGEM_DIFICULDADE, ...], Field(description="Origens das dificuldades do plano (Art. 6º)")
    ] = ()
    prazo: Annotated[date | None, Field(description="Prazo do plano, quando definido")] = None
    bloqueio_id: Annotated[
        str | None, Field(description="Bloqueio do cofinanciamento que exigiu o plano (saldo acumulado)")
    ] = None

    @property
    def ativo(self) -> bool:
        """Ativo enquanto não concluído nem cancelado (Portaria SPS 352/2023, Art. 6º)."""
        return self.situacao not in ("concluido", "cancelado")

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.plano_id


class PlanoProvidenciasCriado(PlanoProvidenciasEvento):
    """Um município (ou instituição local) abriu um plano de providências, ou o sistema o exigiu."""

    fato = "plano_providencias_criado"
    servico = "monitoramento"
    descricao = "Plano de providências criado, com as unidades que nomeia e a situação inicial."


class PlanoProvidenciasAlterado(PlanoProvidenciasEvento):
    """O plano mudou as unidades que nomeia (ou outro dado que os consumidores usam), sem mudar de situação."""

    fato = "plano_providencias_alterado"
    servico = "monitoramento"
    descricao = "Plano de providências alterado (unidades nomeadas, prazo), na mesma situação."


class PlanoProvidenciasTransicao(PlanoProvidenciasEvento):
    """O plano passou de uma situação a outra; cada transição do ciclo de vida tem o seu tipo de evento."""

    situacao_anterior: SITUACAO_PLANO_PROVIDENCIAS
    autor: Annotated[str, Field(description="Quem fez a transição (sub do token ou nome)")]
    nota: Annotated[str | None, Field(description="Motivo, parecer ou observação da transição")] = None


class PlanoProvidenciasSubmetido(PlanoProvidenciasTransicao):
    """O município submeteu o plano ao CMAS."""

    fato = "plano_providencias_submetido"
    servico = "monitoramento"
    descricao = "Plano de providências submetido pelo município ao CMAS."


class PlanoProvidenciasDevolvido(PlanoProvidenciasTransicao):
    """O CMAS ou a CIB devolveu o plano ao município, com os motivos."""

    fato = "plano_providencias_devolvido"
    servico = "monitoramento"
    descricao = "Plano de providências devolvido pelo CMAS ou pela CIB, com os motivos."


class PlanoProvidenciasAprovadoCmas(PlanoProvidenciasTransicao):
    """O CMAS aprovou o plano (Portaria SPS 352/2023, Art. 6º §1º)."""

    fato = "plano_providencias_aprovado_cmas"
    servico = "monitoramento"
    descricao = "Plano de providências aprovado pelo CMAS (resolução na nota)."


class PlanoProvidenciasPactuadoCib(PlanoProvidenciasTransicao):
    """A CIB pactuou o plano (Portaria SPS 352/2023, Art. 6º §1º)."""

    fato = "plano_providencias_pactuado_cib"
    servico = "monitoramento"
    descricao = "Plano de providências pactuado na CIB (resolução na nota)."


class PlanoProvidenciasEmExecucao(PlanoProvidenciasTransicao):
    """A execução das ações do plano começou."""

    fato = "plano_providencias_em_execucao"
    servico = "monitoramento"
    descricao = "Plano de providências em execução."


class PlanoProvidenciasConcluido(PlanoProvidenciasTransicao):
    """Todas as ações executadas: o plano está concluído e deixa de ser ativo (Art. 6º §3º)."""

    fato = "plano_providencias_concluido"
    servico = "monitoramento"
    descricao = "Plano de providências concluído (todas as ações executadas); deixa de ser ativo."


class PlanoProvidenciasCancelado(PlanoProvidenciasTransicao):
    """A SPS cancelou o plano, com o motivo; deixa de ser ativo."""

    fato = "plano_providencias_cancelado"
    servico = "monitoramento"
    descricao = "Plano de providências cancelado pela SPS, com o motivo; deixa de ser ativo."


EVENTOS_PLANO_PROVIDENCIAS: tuple[type[PlanoProvidenciasEvento], ...] = (
    PlanoProvidenciasCriado,
    PlanoProvidenciasAlterado,
    PlanoProvidenciasSubmetido,
    PlanoProvidenciasDevolvido,
    PlanoProvidenciasAprovadoCmas,
    PlanoProvidenciasPactuadoCib,
    PlanoProvidenciasEmExecucao,
    PlanoProvidenciasConcluido,
    PlanoProvidenciasCancelado,
)


class PlanoProvidenciasPrazoVencido(Evento):
    """O prazo de um plano passou sem conclusão (ato SPS de 17/10/2023, Art. 13, II): o cofinanciamento suspende."""

    fato = "plano_providencias_prazo_vencido"
    servico = "monitoramento"
    descricao = "Prazo do plano de providências vencido sem conclusão; para plano exigido por saldo acumulado, leva à suspensão."

    plano_id: Annotated[str, Field(min_length=1, max_length=64)]
    ibge7: IBGE7
    prazo: date
    situacao: SITUACAO_PLANO_PROVIDENCIAS
    origens: tuple[ORIGEM_DIFICULDADE, ...]
    bloqueio_id: str | None = None
    verificado_em: AwareDatetime

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.plano_id


SITUACAO_PLANO_APOIO = Literal["elaborado", "pactuado_cib", "em_execucao", "concluido"]


class PlanoApoioEvento(Evento):
    """Estado completo de um plano de apoio da SPS depois de uma transição (Portaria SPS 352/2023, Art. 7º)."""

    plano_apoio_id: Annotated[str, Field(min_length=1, max_length=64)]
    plano_providencias_id: Annotated[str, Field(min_length=1, max_length=64)]
    ibge7: IBGE7
    unidades: tuple[ID_UNIDADE, ...]
    situacao: SITUACAO_PLANO_APOIO
    situacao_desde: AwareDatetime
    versao_plano: Annotated[int, Field(ge=1)]
    autor: str

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.plano_apoio_id


class PlanoApoioElaborado(PlanoApoioEvento):
    fato = "plano_apoio_elaborado"
    servico = "monitoramento"
    descricao = "Plano de apoio elaborado pela SPS a partir de um plano de providências."


class PlanoApoioPactuadoCib(PlanoApoioEvento):
    fato = "plano_apoio_pactuado_cib"
    servico = "monitoramento"
    descricao = "Plano de apoio pactuado na CIB."


class PlanoApoioEmExecucao(PlanoApoioEvento):
    fato = "plano_apoio_em_execucao"
    servico = "monitoramento"
    descricao = "Plano de apoio em execução."


class PlanoApoioConcluido(PlanoApoioEvento):
    fato = "plano_apoio_concluido"
    servico = "monitoramento"
    descricao = "Plano de apoio concluído (todas as ações de apoio executadas)."


BLOCO = Literal["protecao_social_basica", "protecao_social_especial", "beneficios_eventuais"]


class MunicipioBloqueado(Evento):
    """Saldo acumulado ≥ limite de parcelas num bloco: repasses bloqueados (ato SPS de 17/10/2023, Art. 13, I)."""

    fato = "municipio_bloqueado"
    servico = "cofinanciamento"
    descricao = (
        "Município bloqueado por saldo acumulado num bloco; o monitoramento exige um plano de providências."
    )

    bloqueio_id: Annotated[str, Field(min_length=1, max_length=64)]
    ibge7: IBGE7
    bloco: BLOCO
    ano: ANO
    mes: Annotated[int, Field(ge=1, le=12)]
    saldo: Annotated[Decimal, Field(ge=0, description="Saldo em conta do bloco no mês")]
    parcela_mensal: Annotated[Decimal, Field(gt=0, description="Parcela mensal do bloco")]
    parcelas_acumuladas: Annotated[Decimal, Field(ge=0, description="saldo ÷ parcela mensal")]
    limite_parcelas: Annotated[int, Field(ge=1, description="Limite do conjunto de regras (10)")]
    bloqueado_em: AwareDatetime

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.bloqueio_id


class MunicipioSuspenso(Evento):
    """Prazo do plano vencido com o saldo ainda parado: repasses suspensos (ato SPS de 17/10/2023, Art. 13, II)."""

    fato = "municipio_suspenso"
    servico = "cofinanciamento"
    descricao = "Município suspenso num bloco: sem repasses, fora das expansões; notificar Ministério Público e Câmara."

    bloqueio_id: Annotated[str, Field(min_length=1, max_length=64)]
    ibge7: IBGE7
    bloco: BLOCO
    plano_id: Annotated[str | None, Field(description="Plano de providências cujo prazo venceu")] = None
    saldo: Annotated[Decimal, Field(ge=0)]
    notificar: tuple[Literal["ministerio_publico", "camara_municipal"], ...]
    suspenso_em: AwareDatetime

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.bloqueio_id


class MunicipioDesbloqueado(Evento):
    """Plano concluído e saldo abaixo do limite: repasses retomados (ato SPS de 17/10/2023, Art. 13)."""

    fato = "municipio_desbloqueado"
    servico = "cofinanciamento"
    descricao = "Bloqueio ou suspensão de um município num bloco levantado; as parcelas voltam a ser pagas."

    bloqueio_id: Annotated[str, Field(min_length=1, max_length=64)]
    ibge7: IBGE7
    bloco: BLOCO
    situacao_anterior: Literal["bloqueado", "suspenso"]
    saldo: Annotated[Decimal, Field(ge=0)]
    motivo: str
    desbloqueado_em: AwareDatetime

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.bloqueio_id


class ValorBloco(Valor):
    bloco: BLOCO
    valor_mensal: Annotated[Decimal, Field(ge=0)]


class CofinanciamentoCalculado(Evento):
    """O cofinanciamento de um município num exercício e mês foi calculado (Decreto nº 34.262/2021, Arts. 19–23)."""

    fato = "cofinanciamento_calculado"
    servico = "cofinanciamento"
    descricao = (
        "Valor mensal do cofinanciamento de um município por bloco, com o cálculo e a versão das regras."
    )

    calculo_id: str
    exercicio: ANO
    mes: Annotated[int, Field(ge=1, le=12)]
    ibge7: IBGE7
    blocos: tuple[ValorBloco, ...]
    valor_mensal: Annotated[Decimal, Field(ge=0)]
    suspenso: bool
    regras_versao: Annotated[int, Field(ge=1)]
    impressao_digital: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    calculado_em: AwareDatetime

    def chave(self) -> str:
        return self.ibge7

    def assunto(self) -> str:
        return self.calculo_id


class PremiadoPublicado(Valor):
    colocacao: Annotated[int, Field(ge=1)]
    id_cras: ID_UNIDADE
    ibge7: IBGE7
    valor: Annotated[Decimal, Field(ge=0)]


class ResultadoPublicado(Evento):
    """A SPS publicou o resultado de uma apuração do prêmio; ele não muda mais."""

    fato = "resultado_publicado"
    servico = "premiacao"
    descricao = "Resultado do Prêmio de Incentivo (CRAS) publicado, com os premiados e a impressão digital."

    apuracao_id: str
    exercicio: ANO
    impressao_digital: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    regras_versao: Annotated[int, Field(ge=1)]
    publicada_em: AwareDatetime
    substitui: Annotated[str | None, Field(description="Apuração publicada antes, que esta substitui")] = None
    premiados: tuple[PremiadoPublicado, ...]
    valor_total: Annotated[Decimal, Field(ge=0)]

    def chave(self) -> str:
        return str(self.exercicio)

    def assunto(self) -> str:
        return self.apuracao_id
