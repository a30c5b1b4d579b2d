"""Conjunto de regras de um exercício do prêmio: todo parâmetro do decreto e toda premissa, com a fonte."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

CAMPOS_RMA_SCFV = ("d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8")
FAIXAS_SISC = ("0-6", "7-14", "15-17", "18-29", "30-59", "60+")


class CriterioDesempate(StrEnum):
    """Critérios de desempate do Art. 6º, na ordem que o conjunto de regras definir."""

    idcras_minimo_nos_dois_anos = "idcras_minimo_nos_dois_anos"
    media_atendimento_sobre_capacidade = "media_atendimento_sobre_capacidade"


class _Valor(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Pesos(_Valor):
    """Pesos da equação (2) do Art. 7º [PREMISSA: a equação se perdeu; padrão 0,25 cada]."""

    w1: Annotated[Decimal, Field(ge=0, le=1, description="IDCRAS padronizado do ano t")]
    w2: Annotated[Decimal, Field(ge=0, le=1, description="IDCRAS padronizado do ano t−1")]
    w3: Annotated[Decimal, Field(ge=0, le=1, description="SCFV 0–14 padronizado do ano t")]
    w4: Annotated[Decimal, Field(ge=0, le=1, description="SCFV 0–14 padronizado do ano t−1")]


class Faixa(_Valor):
    """Faixa de colocações premiadas com o mesmo valor (Art. 3º)."""

    de: Annotated[int, Field(ge=1)]
    ate: Annotated[int, Field(ge=1)]
    valor: Annotated[Decimal, Field(ge=0, decimal_places=2, description="Valor de cada prêmio, em reais")]


class IndicadorScfv(_Valor):
    """Como se mede o percentual de atendimentos do SCFV de 0 a 14 anos (Art. 5º, II) [PREMISSA]."""

    fonte: Literal["rma", "sisc"] = "rma"
    campos_rma_numerador: tuple[str, ...] = ("d2", "d3")
    campos_rma_denominador: tuple[str, ...] = ("d2", "d3", "d4", "d8", "d5")
    faixas_sisc_numerador: tuple[str, ...] = ("0-6", "7-14")


class Politicas(_Valor):
    """Premissas de aptidão onde o decreto é omisso; cada uma aparece no resultado."""

    plano_sem_unidade_exclui_cras_do_municipio: bool = False
    exige_idcras_nos_dois_anos: bool = True
    exige_scfv_nos_dois_anos: bool = True
    padronizado_quando_indicador_constante: Annotated[Decimal, Field(ge=0, le=1)] = Decimal(0)


class RegrasPremio(_Valor):
    """Regras de um exercício (Decreto anual do prêmio; o de 2022 é o nº 35.038/2022)."""

    exercicio: Annotated[int, Field(ge=2021, le=2100)]
    ano_t: Annotated[int, Field(ge=2000, le=2100, description="Ano t do Censo SUAS (o mais recente)")]
    ano_t_menos_1: Annotated[int, Field(ge=2000, le=2100, description="Ano t−1 do Censo SUAS")]
    base_legal: Annotated[str, Field(min_length=1, max_length=2000)]
    fonte_idcras: Annotated[str, Field(min_length=1, max_length=300)] = (
        "IDCRAS publicado pelo MDS a partir do Censo SUAS"
    )
    indicador_scfv: IndicadorScfv = IndicadorScfv()
    fonte_capacidade_scfv: Literal["sisc"] = "sisc"
    pesos: Pesos
    escala: Annotated[Decimal, Field(gt=0, description="Escala do IQ, equação (1)")] = Decimal(1)
    numero_premios: Annotated[int, Field(ge=1, le=1000)]
    um_premio_por_municipio: bool = True
    faixas: tuple[Faixa, ...]
    valor_total: Annotated[Decimal, Field(ge=0, decimal_places=2, description="Total declarado no decreto")]
    premio_adicional_primeiro_lugar: Annotated[str, Field(max_length=500)] = ""
    desempate: tuple[CriterioDesempate, ...] = (
        CriterioDesempate.idcras_minimo_nos_dois_anos,
        CriterioDesempate.media_atendimento_sobre_capacidade,
    )
    idcras_minimo_desempate: Annotated[Decimal, Field(ge=1, le=5)] = Decimal(4)
    politicas: Politicas = Politicas()
    data_referencia_plano_ativo: Annotated[
        date | None,
        Field(
            description="Data em que se verifica o plano de providências ativo; vazio = momento da apuração"
        ),
    ] = None

    def problemas(self) -> list[str]:
        """O que torna este conjunto de regras inaplicável, em pt-BR (lista vazia = válido)."""
        erros: list[str] = []
        if self.ano_t_menos_1 != self.ano_t - 1:
            erros.append(f"ano_t_menos_1 ({self.ano_t_menos_1}) deve ser ano_t − 1 ({self.ano_t - 1})")
        if self.ano_t >= self.exercicio:
            erros.append(
                f"ano_t ({self.ano_t}) deve ser anterior ao exercício ({self.exercicio}) (Art. 4º, I)"
            )
        soma = self.pesos.w1 + self.pesos.w2 + self.pesos.w3 + self.pesos.w4
        if soma != 1:
            erros.append(f"os pesos w1–w4 somam {soma}; devem somar 1")
        erros.extend(self._problemas_das_faixas())
        if len(set(self.desempate)) != len(self.desempate):
            erros.append("um critério de desempate aparece mais de uma vez")
        scfv = self.indicador_scfv
        for nome, campos, validos in (
            ("indicador_scfv.campos_rma_numerador", scfv.campos_rma_numerador, CAMPOS_RMA_SCFV),
            ("indicador_scfv.campos_rma_denominador", scfv.campos_rma_denominador, CAMPOS_RMA_SCFV),
            ("indicador_scfv.faixas_sisc_numerador", scfv.faixas_sisc_numerador, FAIXAS_SISC),
        ):
            if not campos:
                erros.append(f"{nome} está vazio")
            desconhecidos = [c for c in campos if c not in validos]
            if desconhecidos:
                erros.append(f"{nome}: {', '.join(desconhecidos)} não existe (válidos: {', '.join(validos)})")
            repetidos = sorted({c for c in campos if campos.count(c) > 1})
            if repetidos:  # no denominador do RMA, um campo repetido seria somado duas vezes
                erros.append(f"{nome}: {', '.join(repetidos)} aparece mais de uma vez")
        if not set(scfv.campos_rma_numerador) <= set(scfv.campos_rma_denominador):
            erros.append("indicador_scfv: os campos do numerador devem estar também no denominador")
        return erros

    def _problemas_das_faixas(self) -> list[str]:
        erros: list[str] = []
        faixas = sorted(self.faixas, key=lambda f: f.de)
        esperado = 1
        for faixa in faixas:
            if faixa.ate < faixa.de:
                erros.append(f"a faixa {faixa.de}–{faixa.ate} termina antes de começar")
            elif faixa.de > esperado:
                erros.append(f"as faixas não cobrem as colocações {esperado}–{faixa.de - 1}")
            elif faixa.de < esperado:
                erros.append(f"a faixa {faixa.de}–{faixa.ate} se sobrepõe à anterior")
            esperado = max(esperado, faixa.ate + 1)
        if esperado - 1 != self.numero_premios:
            erros.append(
                f"as faixas cobrem as colocações 1–{esperado - 1}, mas o número de prêmios é {self.numero_premios}"
            )
        soma = sum(((f.ate - f.de + 1) * f.valor for f in faixas), Decimal(0))
        if soma != self.valor_total:
            erros.append(
                f"a soma das faixas é {soma} e o total declarado é {self.valor_total}; devem ser iguais"
            )
        return erros

    def valor_da_colocacao(self, colocacao: int) -> Decimal:
        """Valor do prêmio da colocação (Art. 3º, I–IV)."""
        for faixa in self.faixas:
            if faixa.de <= colocacao <= faixa.ate:
                return faixa.valor
        raise ValueError(f"colocação {colocacao} fora das faixas")


def regras_2022() -> RegrasPremio:
    """Exercício 2022 como o Decreto nº 35.038/2022 e a Portaria SPS nº 725/2022 o fixaram."""
    return RegrasPremio(
        exercicio=2022,
        ano_t=2021,
        ano_t_menos_1=2020,
        base_legal=(
            "Lei nº 17.676/2021; Decreto nº 34.261/2021; Decreto nº 35.038/2022 (DOE-CE 13/12/2022), "
            "Arts. 2º a 7º; Portaria SPS nº 725/2022 (IDCRAS dos Censos SUAS 2020 e 2021)"
        ),
        pesos=Pesos(w1=Decimal("0.25"), w2=Decimal("0.25"), w3=Decimal("0.25"), w4=Decimal("0.25")),
        numero_premios=30,
        faixas=(
            Faixa(de=1, ate=5, valor=Decimal("150000.00")),
            Faixa(de=6, ate=10, valor=Decimal("100000.00")),
            Faixa(de=11, ate=20, valor=Decimal("50000.00")),
            Faixa(de=21, ate=30, valor=Decimal("25000.00")),
        ),
        valor_total=Decimal("2000000.00"),
        premio_adicional_primeiro_lugar=(
            "1 (uma) brinquedopraça e 1 (uma) academia de ginástica para o município do 1º lugar "
            "(Art. 3º, parágrafo único)"
        ),
    )


class Premissa(_Valor):
    """Uma premissa do sistema onde o ato é omisso, com o valor em vigor no conjunto de regras."""

    codigo: str
    descricao: str
    valor: str


def premissas_em_vigor(regras: RegrasPremio) -> tuple[Premissa, ...]:
    """As premissas marcadas em `premiacao.md`, com o valor que este conjunto de regras lhes dá."""
    scfv = regras.indicador_scfv
    if scfv.fonte == "rma":
        formula = f"RMA, soma dos 12 meses: ({' + '.join(scfv.campos_rma_numerador)}) / ({' + '.join(scfv.campos_rma_denominador)})"
    else:
        formula = f"SISC, soma do ano: faixas {', '.join(scfv.faixas_sisc_numerador)} / todas as faixas"
    p = regras.pesos
    politicas = regras.politicas
    return (
        Premissa(
            codigo="equacoes_iq",
            descricao="As equações (1)–(4) do Art. 7º se perderam; IQ = escala · min–max do IC, IC = w1·Z_id[t] + w2·Z_id[t−1] + w3·Z_scfv[t] + w4·Z_scfv[t−1]",
            valor=f"w1={p.w1}; w2={p.w2}; w3={p.w3}; w4={p.w4}; escala={regras.escala}",
        ),
        Premissa(
            codigo="indicador_scfv",
            descricao="Percentual de atendimentos do SCFV de 0 a 14 anos sobre o total do SCFV (Art. 5º, II)",
            valor=formula,
        ),
        Premissa(
            codigo="indicador_constante",
            descricao="Quando mínimo = máximo, o indicador não discrimina e o valor padronizado é o mesmo para todos",
            valor=str(politicas.padronizado_quando_indicador_constante),
        ),
        Premissa(
            codigo="dados_dos_dois_anos",
            descricao="Para ser apto, o CRAS precisa de IDCRAS e de SCFV nos anos t e t−1",
            valor=f"IDCRAS: {'sim' if politicas.exige_idcras_nos_dois_anos else 'não'}; SCFV: {'sim' if politicas.exige_scfv_nos_dois_anos else 'não'}",
        ),
        Premissa(
            codigo="plano_sem_unidade",
            descricao="Plano de providências sem unidade nomeada (gestão municipal) exclui os CRAS do município",
            valor="sim" if politicas.plano_sem_unidade_exclui_cras_do_municipio else "não",
        ),
        Premissa(
            codigo="data_referencia_plano_ativo",
            descricao="Data em que se verifica se o plano de providências está ativo (Art. 4º, parágrafo único)",
            valor=regras.data_referencia_plano_ativo.isoformat()
            if regras.data_referencia_plano_ativo
            else "o momento da apuração",
        ),
        Premissa(
            codigo="desempate_final",
            descricao="Empate que os critérios do Art. 6º não resolvem: ordem pelo identificador do CRAS, marcado como empate_nao_resolvido para a SPS decidir",
            valor="id_cras crescente",
        ),
    )
