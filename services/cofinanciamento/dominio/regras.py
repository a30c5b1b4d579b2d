"""Conjunto de regras de um exercício do cofinanciamento: todo parâmetro do decreto com a sua fonte, e toda premissa."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from types import MappingProxyType
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from shared.formatos import moeda_br, numero_br

DECRETO = "Decreto nº 34.262/2021"
ATO_SPS_2023 = "ato da SPS, DOE-CE 17/10/2023, p. 116"


class Bloco(StrEnum):
    """Blocos de financiamento (Art. 19)."""

    protecao_social_basica = "protecao_social_basica"
    protecao_social_especial = "protecao_social_especial"
    beneficios_eventuais = "beneficios_eventuais"


class Componente(StrEnum):
    """Componentes dos blocos, unidades de apuração do valor a repassar (Arts. 20–22)."""

    piso_basico_fixo = "piso_basico_fixo"
    piso_basico_variavel = "piso_basico_variavel"
    piso_fixo_media_complexidade = "piso_fixo_media_complexidade"
    piso_alta_complexidade = "piso_alta_complexidade"


# Art. 12: PAIF → básica; Arts. 13 e 21: piso básico variável → benefícios eventuais; Arts. 14–17 → especial.
BLOCO_DO_COMPONENTE: Mapping[Componente, Bloco] = MappingProxyType(
    {
        Componente.piso_basico_fixo: Bloco.protecao_social_basica,
        Componente.piso_basico_variavel: Bloco.beneficios_eventuais,
        Componente.piso_fixo_media_complexidade: Bloco.protecao_social_especial,
        Componente.piso_alta_complexidade: Bloco.protecao_social_especial,
    }
)
NOMES_BLOCO: Mapping[Bloco, str] = MappingProxyType(
    {
        Bloco.protecao_social_basica: "Bloco da Proteção Social Básica",
        Bloco.protecao_social_especial: "Bloco da Proteção Social Especial",
        Bloco.beneficios_eventuais: "Bloco dos Benefícios Eventuais",
    }
)
NOMES_COMPONENTE: Mapping[Componente, str] = MappingProxyType(
    {
        Componente.piso_basico_fixo: "Piso Básico Fixo",
        Componente.piso_basico_variavel: "Piso Básico Variável",
        Componente.piso_fixo_media_complexidade: "Piso Fixo de Média Complexidade",
        Componente.piso_alta_complexidade: "Piso Fixo de Alta Complexidade",
    }
)


class Porte(StrEnum):
    """Porte populacional do município (PNAS 2004)."""

    pequeno_i = "pequeno_i"
    pequeno_ii = "pequeno_ii"
    medio = "medio"
    grande = "grande"
    metropole = "metropole"


NOMES_PORTE: Mapping[Porte, str] = MappingProxyType(
    {
        Porte.pequeno_i: "Pequeno I",
        Porte.pequeno_ii: "Pequeno II",
        Porte.medio: "Médio",
        Porte.grande: "Grande",
        Porte.metropole: "Metrópole",
    }
)


class Indicador(StrEnum):
    """Catálogo de indicadores municipais que um critério de prioridade pode nomear (Art. 18: critérios são dados)."""

    ruptura_vinculos = "ruptura_vinculos"
    ruptura_vinculos_criancas = "ruptura_vinculos_criancas"
    ivmc = "ivmc"
    cemaris = "cemaris"
    demanda_familias = "demanda_familias"
    acolhimento_adequado = "acolhimento_adequado"
    compromisso_conselhos = "compromisso_conselhos"
    creas_em_funcionamento = "creas_em_funcionamento"
    cmdca_e_conselho_tutelar_em_funcionamento = "cmdca_e_conselho_tutelar_em_funcionamento"
    conselhos_idoso_mulher_pcd_em_funcionamento_ou_compromisso = (
        "conselhos_idoso_mulher_pcd_em_funcionamento_ou_compromisso"
    )
    conselhos_idoso_mulher_pcd_implantados_ou_compromisso = (
        "conselhos_idoso_mulher_pcd_implantados_ou_compromisso"
    )


OrigemIndicador = Literal["indicador_municipal", "unidades", "conselhos"]


@dataclass(frozen=True)
class DescricaoIndicador:
    """De onde vem o valor de um indicador do catálogo e o que ele mede."""

    descricao: str
    origem: OrigemIndicador


CATALOGO: Mapping[Indicador, DescricaoIndicador] = MappingProxyType(
    {
        Indicador.ruptura_vinculos: DescricaoIndicador(
            "incidência de casos de ruptura de vínculos familiares em relação ao total de famílias do município",
            "indicador_municipal",
        ),
        Indicador.ruptura_vinculos_criancas: DescricaoIndicador(
            "incidência de ruptura de vínculos familiares envolvendo crianças e adolescentes",
            "indicador_municipal",
        ),
        Indicador.ivmc: DescricaoIndicador(
            "Índice de Vulnerabilidade Municipal Composto (IVMC)", "indicador_municipal"
        ),
        Indicador.cemaris: DescricaoIndicador(
            "violações de direitos de crianças e adolescentes sobre essa população (Cemaris)",
            "indicador_municipal",
        ),
        Indicador.demanda_familias: DescricaoIndicador(
            "demanda de atendimento, em famílias", "indicador_municipal"
        ),
        Indicador.acolhimento_adequado: DescricaoIndicador(
            "serviços de acolhimento adequados ao PNCFC, ao ECA, ao Estatuto do Idoso e às Orientações Técnicas (1 = sim, 0 = não)",
            "indicador_municipal",
        ),
        Indicador.compromisso_conselhos: DescricaoIndicador(
            "compromisso de implantar em 6 meses os conselhos da pessoa idosa, da mulher e da pessoa com deficiência (1 = sim)",
            "indicador_municipal",
        ),
        Indicador.creas_em_funcionamento: DescricaoIndicador(
            "existe CREAS no município no Censo SUAS do ano (1 = sim, 0 = não)", "unidades"
        ),
        Indicador.cmdca_e_conselho_tutelar_em_funcionamento: DescricaoIndicador(
            "CMDCA e Conselho Tutelar em funcionamento (situação 2 no Censo SUAS) (1 = sim, 0 = não)",
            "conselhos",
        ),
        Indicador.conselhos_idoso_mulher_pcd_em_funcionamento_ou_compromisso: DescricaoIndicador(
            "conselhos da pessoa idosa, da mulher e da pessoa com deficiência em funcionamento (situação 2), ou compromisso de implantação (1 = sim, 0 = não)",
            "conselhos",
        ),
        Indicador.conselhos_idoso_mulher_pcd_implantados_ou_compromisso: DescricaoIndicador(
            "conselhos da pessoa idosa, da mulher e da pessoa com deficiência implantados (situação 1 ou 2), ou compromisso de implantação (1 = sim, 0 = não)",
            "conselhos",
        ),
    }
)
PADRAO_NOME = re.compile(r"^[a-z0-9_]{2,60}$")  # o mesmo dos indicadores municipais da ingestão


def _sem_float(valor: object) -> object:
    """Dinheiro e percentual não passam por float: centavos se perderiam."""
    if isinstance(valor, float):
        raise ValueError("use texto ou Decimal (ex.: '2.40'), nunca float, em dinheiro e percentuais")
    return valor


Fonte = Annotated[str, Field(min_length=1, max_length=500, description="Fonte legal do parâmetro")]
Reais = Annotated[Decimal, BeforeValidator(_sem_float), Field(ge=0, decimal_places=2)]
ValorUnitario = Annotated[Decimal, BeforeValidator(_sem_float), Field(ge=0, decimal_places=4)]
Percentual = Annotated[
    Decimal, BeforeValidator(_sem_float), Field(ge=0, le=1, decimal_places=4, description="0,50 = 50%")
]
Numero = Annotated[Decimal, BeforeValidator(_sem_float)]
Habitantes = Annotated[int, Field(gt=0)]
Familias = Annotated[int, Field(gt=0, le=1_000_000)]
NomeIndicador = Annotated[str, Field(pattern=r"^[a-z0-9_]{2,60}$")]


class _Valor(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ParametrosPorte(_Valor):
    """Base populacional e limites de cada porte (PNAS 2004): até quantos habitantes vai cada classe."""

    base_populacional: Annotated[
        str, Field(pattern=r"^[a-z0-9_]{2,40}$", description="ex.: censo_2010, censo_2022, estimativa_2024")
    ]
    fonte_base_populacional: Fonte
    pequeno_i_ate: Habitantes
    pequeno_ii_ate: Habitantes
    medio_ate: Habitantes
    grande_ate: Habitantes
    fonte_limites: Fonte


class FamiliasPorPorte(_Valor):
    """Famílias referenciadas por unidade conforme o porte do município."""

    pequeno_i: Familias
    pequeno_ii: Familias
    medio: Familias
    grande: Familias
    metropole: Familias
    fonte: Fonte

    def de(self, porte: Porte) -> int:
        return int(getattr(self, porte.value))


class Referenciamento(_Valor):
    """Quantas famílias o CRAS referencia: as do porte do município ou a capacidade declarada no Censo SUAS (q2) [PREMISSA]."""

    modo: Literal["porte_municipio", "capacidade_declarada"] = "porte_municipio"
    familias_por_porte: FamiliasPorPorte


class PisoBasicoFixo(_Valor):
    """Art. 12: percentual do piso básico fixo federal por família referenciada no CRAS."""

    valor_federal_por_familia: ValorUnitario
    fonte_valor_federal: Fonte
    percentual_estadual: Percentual
    fonte_percentual: Fonte


class PisoBasicoVariavel(_Valor):
    """Art. 13: valor por família fixado pela SPS a partir de pesquisa de custos; sem padrão (vazio = parâmetro ausente)."""

    valor_por_familia: ValorUnitario | None = None
    fonte_valor: Fonte
    fonte_regra: Fonte


class ValoresPorTipo(_Valor):
    """Valor federal do piso fixo de média complexidade por tipo de unidade, por mês."""

    creas: Reais
    centro_pop: Reais


class PisoFixoMediaComplexidade(_Valor):
    """Arts. 14–15: percentual do PFMC federal; por unidade (padrão) ou por família referenciada [PREMISSA]."""

    base_pfmc: Literal["unidade", "familia"] = "unidade"
    valor_federal_por_unidade: ValoresPorTipo
    fonte_valor_federal: Fonte
    valor_federal_por_familia: ValorUnitario | None = None
    familias_por_porte: FamiliasPorPorte | None = None
    fonte_base_familia: Fonte
    percentual_estadual: Percentual
    fonte_percentual: Fonte


class PisoAltaComplexidade(_Valor):
    """Arts. 16–17: percentual do valor federal por vaga, pela capacidade da unidade, com capacidade mínima."""

    valor_federal_por_vaga: ValorUnitario
    fonte_valor_federal: Fonte
    percentual_estadual: Percentual
    fonte_percentual: Fonte
    capacidade_minima: Annotated[int, Field(ge=1)]
    fonte_capacidade_minima: Fonte


class Cobertura(_Valor):
    """Como um componente é coberto dentro do orçamento: teto mensal, seleção de prioridade, 1ª unidade por município."""

    orcamento_mensal: Annotated[
        Reais | None, Field(description="Teto mensal do componente em reais; vazio = não informado")
    ] = None
    fonte_orcamento: Fonte
    sem_orcamento: Annotated[
        Literal["sem_limite", "parametro_ausente"],
        Field(description="O que vale quando o orçamento não foi informado [PREMISSA]"),
    ]
    selecao: Annotated[
        str | None,
        Field(description="Nome da seleção de prioridade dos municípios; vazio = só o desempate final"),
    ] = None
    primeira_unidade_por_municipio: bool
    excluir_municipios_suspensos: bool
    fonte: Fonte


class Coberturas(_Valor):
    piso_basico_fixo: Cobertura
    piso_basico_variavel: Cobertura
    piso_fixo_media_complexidade: Cobertura
    piso_alta_complexidade: Cobertura

    def de(self, componente: Componente) -> Cobertura:
        cobertura: Cobertura = getattr(self, componente.value)
        return cobertura


class Condicao(_Valor):
    """Condição de elegibilidade: o indicador do município deve valer pelo menos `minimo`; sem dado, não atende."""

    indicador: NomeIndicador
    minimo: Numero
    fonte: Fonte


class Chave(_Valor):
    """Chave de ordem: o indicador ordena os municípios elegíveis; sem dado, o município vai para o fim."""

    indicador: NomeIndicador
    sentido: Literal["maior_primeiro", "menor_primeiro"] = "maior_primeiro"
    fonte: Fonte


class Selecao(_Valor):
    """Seleção configurável de municípios: condições, chaves de ordem e desempates, por nome (Art. 18)."""

    descricao: Annotated[str, Field(min_length=1, max_length=500)]
    condicoes: tuple[Condicao, ...] = ()
    ordem: tuple[Chave, ...] = ()
    desempates: tuple[Chave, ...] = ()
    fonte: Fonte


class IndicadorAdicional(_Valor):
    """Indicador municipal novo, pactuado na CIB e aprovado no CEAS (Art. 18), lido dos indicadores da ingestão."""

    nome: NomeIndicador
    descricao: Annotated[str, Field(min_length=1, max_length=500)]
    fonte: Fonte


class Sancoes(_Valor):
    """Bloqueio e suspensão por saldo acumulado (ato SPS 2023, Art. 13)."""

    limiar_parcelas_acumuladas: Annotated[int, Field(ge=1, le=120)]
    fonte_limiar: Fonte
    prazo_plano_providencias_dias: Annotated[
        int | None, Field(ge=1, le=3650, description="Vazio = prazo fixado caso a caso")
    ] = None
    fonte_prazo: Fonte
    suspensao_termina_com_plano_concluido: bool = True


class Parcelas(_Valor):
    """Parcelas mensais e Plano de Ação (Arts. 24–25)."""

    meses_de_repasse: Annotated[int, Field(ge=1, le=12)] = 12
    exige_parecer_favoravel_cmas: bool = False
    fonte: Fonte


class RegrasCofinanciamento(_Valor):
    """Regras de um exercício do cofinanciamento estadual (Decreto nº 34.262/2021 e atos da SPS)."""

    exercicio: Annotated[int, Field(ge=2021, le=2100)]
    base_legal: Annotated[str, Field(min_length=1, max_length=2000)]
    porte: ParametrosPorte
    referenciamento: Referenciamento
    piso_basico_fixo: PisoBasicoFixo
    piso_basico_variavel: PisoBasicoVariavel
    piso_fixo_media_complexidade: PisoFixoMediaComplexidade
    piso_alta_complexidade: PisoAltaComplexidade
    coberturas: Coberturas
    selecoes: dict[str, Selecao]
    indicadores_adicionais: tuple[IndicadorAdicional, ...] = ()
    expansao_alta_exige_media_completa: Annotated[
        bool, Field(description="Art. 16, parágrafo único, lido ao pé da letra ('média') [PREMISSA]")
    ] = False
    sancoes: Sancoes
    parcelas: Parcelas
    arredondamento: Literal["meio_para_par", "meio_para_cima"] = "meio_para_par"

    def indicadores_conhecidos(self) -> frozenset[str]:
        return frozenset(i.value for i in Indicador) | {a.nome for a in self.indicadores_adicionais}

    def problemas(self) -> list[str]:
        """O que torna este conjunto de regras inaplicável, em pt-BR (lista vazia = válido)."""
        erros: list[str] = []
        p = self.porte
        limites = (p.pequeno_i_ate, p.pequeno_ii_ate, p.medio_ate, p.grande_ate)
        if any(a >= b for a, b in pairwise(limites)):
            erros.append(
                "os limites de porte devem crescer: "
                f"Pequeno I até {p.pequeno_i_ate}, Pequeno II até {p.pequeno_ii_ate}, "
                f"Médio até {p.medio_ate}, Grande até {p.grande_ate}"
            )
        erros.extend(self._problemas_dos_indicadores())
        for nome, selecao in sorted(self.selecoes.items()):
            erros.extend(self._problemas_da_selecao(nome, selecao))
        for componente in Componente:
            cobertura = self.coberturas.de(componente)
            if cobertura.selecao is not None and cobertura.selecao not in self.selecoes:
                existentes = ", ".join(sorted(self.selecoes)) or "nenhuma"
                erros.append(
                    f"cobertura de {componente}: a seleção '{cobertura.selecao}' não existe (há: {existentes})"
                )
        for componente, artigo in (
            (Componente.piso_fixo_media_complexidade, "Art. 15, parágrafo único"),
            (Componente.piso_alta_complexidade, "Art. 16, parágrafo único"),
        ):
            if not self.coberturas.de(componente).primeira_unidade_por_municipio:
                erros.append(
                    f"cobertura de {componente}: a 1ª unidade de cada município vem antes de qualquer 2ª ({artigo})"
                )
        return erros

    def _problemas_dos_indicadores(self) -> list[str]:
        erros: list[str] = []
        nomes = [a.nome for a in self.indicadores_adicionais]
        for nome in sorted({n for n in nomes if nomes.count(n) > 1}):
            erros.append(f"o indicador adicional '{nome}' aparece mais de uma vez")
        for nome in sorted(set(nomes) & {i.value for i in Indicador}):
            erros.append(f"o indicador adicional '{nome}' já está no catálogo")
        return erros

    def _problemas_da_selecao(self, nome: str, selecao: Selecao) -> list[str]:
        erros: list[str] = []
        if not PADRAO_NOME.match(nome):
            erros.append(f"nome de seleção inválido: '{nome}' (use a-z, 0-9 e _)")
        conhecidos = self.indicadores_conhecidos()
        usados = [c.indicador for c in selecao.condicoes] + [
            c.indicador for c in (*selecao.ordem, *selecao.desempates)
        ]
        for indicador in sorted(set(usados) - conhecidos):
            erros.append(
                f"seleção '{nome}': o indicador '{indicador}' não está no catálogo nem nos indicadores adicionais"
            )
        chaves = [c.indicador for c in (*selecao.ordem, *selecao.desempates)]
        for indicador in sorted({i for i in chaves if chaves.count(i) > 1}):
            erros.append(
                f"seleção '{nome}': o indicador '{indicador}' aparece mais de uma vez na ordem e nos desempates"
            )
        return erros


def _familias_cras_2022() -> FamiliasPorPorte:
    return FamiliasPorPorte(
        pequeno_i=2500,
        pequeno_ii=3500,
        medio=5000,
        grande=5000,
        metropole=5000,
        fonte="Portaria MDS nº 116/2013: famílias referenciadas por CRAS conforme o porte (2.500, 3.500 e 5.000)",
    )


def _selecoes_2022() -> dict[str, Selecao]:
    conselhos_17 = Indicador.conselhos_idoso_mulher_pcd_em_funcionamento_ou_compromisso
    return {
        "media_complexidade": Selecao(
            descricao=(
                "Municípios que ofertam CREAS ou Centro Pop; o Art. 15 não fixa ordem de prioridade "
                "[PREMISSA: IVMC maior primeiro]"
            ),
            ordem=(
                Chave(
                    indicador=Indicador.ivmc,
                    fonte="[PREMISSA] o Art. 15 não fixa critério; IVMC é o desempate comum dos Arts. 11 e 17",
                ),
            ),
            fonte=f"{DECRETO}, Art. 15",
        ),
        "alta_complexidade": Selecao(
            descricao="Municípios com unidade de acolhimento (Art. 17) [PREMISSA: II–IV condições, I ordena]",
            condicoes=(
                Condicao(
                    indicador=Indicador.acolhimento_adequado,
                    minimo=Decimal(1),
                    fonte=f"{DECRETO}, Art. 17, II",
                ),
                Condicao(
                    indicador=Indicador.cmdca_e_conselho_tutelar_em_funcionamento,
                    minimo=Decimal(1),
                    fonte=f"{DECRETO}, Art. 17, III",
                ),
                Condicao(indicador=conselhos_17, minimo=Decimal(1), fonte=f"{DECRETO}, Art. 17, IV"),
            ),
            ordem=(Chave(indicador=Indicador.ruptura_vinculos, fonte=f"{DECRETO}, Art. 17, I"),),
            desempates=(
                Chave(
                    indicador=Indicador.ruptura_vinculos_criancas,
                    fonte=f"{DECRETO}, Art. 17, parágrafo único, I",
                ),
                Chave(indicador=Indicador.ivmc, fonte=f"{DECRETO}, Art. 17, parágrafo único, II"),
            ),
            fonte=f"{DECRETO}, Arts. 16–17",
        ),
        "art_11": Selecao(
            descricao=(
                "Seleção do Art. 11 (o nome do serviço e os incisos I–II estão na página perdida): "
                "demanda mínima, conselhos e desempates"
            ),
            condicoes=(
                Condicao(
                    indicador=Indicador.demanda_familias, minimo=Decimal(50), fonte=f"{DECRETO}, Art. 11, III"
                ),
                Condicao(
                    indicador=Indicador.cmdca_e_conselho_tutelar_em_funcionamento,
                    minimo=Decimal(1),
                    fonte=f"{DECRETO}, Art. 11, IV",
                ),
                Condicao(
                    indicador=Indicador.conselhos_idoso_mulher_pcd_implantados_ou_compromisso,
                    minimo=Decimal(1),
                    fonte=f"{DECRETO}, Art. 11, V",
                ),
            ),
            desempates=(
                Chave(indicador=Indicador.cemaris, fonte=f"{DECRETO}, Art. 11, parágrafo único, I"),
                Chave(
                    indicador=Indicador.creas_em_funcionamento,
                    fonte=f"{DECRETO}, Art. 11, parágrafo único, II",
                ),
                Chave(indicador=Indicador.ivmc, fonte=f"{DECRETO}, Art. 11, parágrafo único, III"),
            ),
            fonte=f"{DECRETO}, Art. 11",
        ),
    }


def regras_2022() -> RegrasCofinanciamento:
    """Exercício 2022 como `cofinanciamento.md` o descreve; o que o ato não fixa fica vazio ou é premissa."""
    sem_orcamento = "Lei Orçamentária Anual de 2022 (dotação do FEAS) — não informada"
    return RegrasCofinanciamento(
        exercicio=2022,
        base_legal=(
            f"Lei nº 17.607/2021; {DECRETO} (DOE-CE 27/09/2021), Arts. 11 a 27; "
            f"{ATO_SPS_2023}, Arts. 10 a 13; Portaria SPS nº 352/2023"
        ),
        porte=ParametrosPorte(
            base_populacional="censo_2022",
            fonte_base_populacional="[PREMISSA] IBGE, Censo Demográfico 2022 (a base é parâmetro do exercício)",
            pequeno_i_ate=20_000,
            pequeno_ii_ate=50_000,
            medio_ate=100_000,
            grande_ate=900_000,
            fonte_limites="PNAS 2004 (Resolução CNAS nº 145/2004): porte populacional dos municípios",
        ),
        referenciamento=Referenciamento(modo="porte_municipio", familias_por_porte=_familias_cras_2022()),
        piso_basico_fixo=PisoBasicoFixo(
            valor_federal_por_familia=Decimal("2.40"),
            fonte_valor_federal="Portaria MDS nº 116/2013: piso básico fixo federal de R$ 2,40 por família referenciada/mês",
            percentual_estadual=Decimal("0.50"),
            fonte_percentual=f"{DECRETO}, Art. 12",
        ),
        piso_basico_variavel=PisoBasicoVariavel(
            valor_por_familia=None,
            fonte_valor=f"a fixar pela SPS por pesquisa direta de custos e gastos municipais ({DECRETO}, Art. 13)",
            fonte_regra=f"{DECRETO}, Arts. 13 e 21",
        ),
        piso_fixo_media_complexidade=PisoFixoMediaComplexidade(
            base_pfmc="unidade",
            valor_federal_por_unidade=ValoresPorTipo(creas=Decimal("6500.00"), centro_pop=Decimal("6500.00")),
            fonte_valor_federal=(
                "[PREMISSA] Portaria MDS nº 843/2010 e alterações: PFMC federal de R$ 6.500,00 por unidade/mês "
                "(valor não confirmado; Centro Pop com o mesmo valor do CREAS)"
            ),
            valor_federal_por_familia=None,
            familias_por_porte=None,
            fonte_base_familia=f"{DECRETO}, Art. 14 ('por família referenciada'): valor e famílias a fixar",
            percentual_estadual=Decimal("0.50"),
            fonte_percentual=f"{DECRETO}, Art. 14",
        ),
        piso_alta_complexidade=PisoAltaComplexidade(
            valor_federal_por_vaga=Decimal("500.00"),
            fonte_valor_federal="[PREMISSA] PAC I federal: R$ 5.000,00 por 10 vagas (R$ 500,00 por vaga/mês)",
            percentual_estadual=Decimal("0.50"),
            fonte_percentual="[PREMISSA] 50%, como nos Arts. 12 e 14",
            capacidade_minima=10,
            fonte_capacidade_minima=f"{DECRETO}, Art. 17",
        ),
        coberturas=Coberturas(
            piso_basico_fixo=Cobertura(
                fonte_orcamento=sem_orcamento,
                sem_orcamento="sem_limite",
                primeira_unidade_por_municipio=False,
                excluir_municipios_suspensos=False,
                fonte=f"{DECRETO}, Art. 12 (sem condição orçamentária no texto)",
            ),
            piso_basico_variavel=Cobertura(
                fonte_orcamento=sem_orcamento,
                sem_orcamento="sem_limite",
                primeira_unidade_por_municipio=False,
                excluir_municipios_suspensos=False,
                fonte=f"{DECRETO}, Art. 13 (sem condição orçamentária no texto)",
            ),
            piso_fixo_media_complexidade=Cobertura(
                fonte_orcamento=sem_orcamento,
                sem_orcamento="parametro_ausente",
                selecao="media_complexidade",
                primeira_unidade_por_municipio=True,
                excluir_municipios_suspensos=True,
                fonte=f"{DECRETO}, Art. 15 ('conforme a disponibilidade orçamentária e financeira'); {ATO_SPS_2023}, Art. 13, II",
            ),
            piso_alta_complexidade=Cobertura(
                fonte_orcamento=sem_orcamento,
                sem_orcamento="parametro_ausente",
                selecao="alta_complexidade",
                primeira_unidade_por_municipio=True,
                excluir_municipios_suspensos=True,
                fonte=f"{DECRETO}, Arts. 16–17 ('conforme a disponibilidade orçamentária e financeira'); {ATO_SPS_2023}, Art. 13, II",
            ),
        ),
        selecoes=_selecoes_2022(),
        sancoes=Sancoes(
            limiar_parcelas_acumuladas=10,
            fonte_limiar=f"{ATO_SPS_2023}, Art. 13, I",
            prazo_plano_providencias_dias=None,
            fonte_prazo="Portaria SPS nº 352/2023, Art. 6º, § 3º (prazo fixado caso a caso)",
        ),
        parcelas=Parcelas(fonte=f"{DECRETO}, Arts. 24–25"),
    )


class Premissa(_Valor):
    """Uma premissa do sistema onde o ato é omisso, com o valor em vigor e a que se aplica."""

    codigo: str
    descricao: str
    valor: str
    ambito: tuple[str, ...]  # componentes, "saldos" ou "parcelas"


def percentual_br(valor: Decimal) -> str:
    """Decimal('0.5') → '50%'; Decimal('0.475') → '47,5%'."""
    cem = (valor * 100).normalize()
    expoente = cem.as_tuple().exponent
    casas = max(0, -expoente) if isinstance(expoente, int) else 0
    return f"{numero_br(cem, casas)}%"


def reais_br(valor: Decimal) -> str:
    """Dinheiro com 2 casas (R$ 1.234,56), ou mais quando o parâmetro as tem (R$ 1,125)."""
    expoente = valor.normalize().as_tuple().exponent
    casas = -expoente if isinstance(expoente, int) else 2
    return moeda_br(valor) if casas <= 2 else f"R$ {numero_br(valor, casas)}"


def _sim(valor: bool) -> str:
    return "sim" if valor else "não"


TODOS = tuple(c.value for c in Componente)
ESPECIAL = (Componente.piso_fixo_media_complexidade.value, Componente.piso_alta_complexidade.value)


def premissas_em_vigor(regras: RegrasCofinanciamento) -> tuple[Premissa, ...]:
    """As premissas de `cofinanciamento.md` e as decididas aqui, com o valor que este conjunto de regras lhes dá."""
    media = regras.piso_fixo_media_complexidade
    alta = regras.piso_alta_complexidade
    familias_media = media.familias_por_porte
    orcamentos = "; ".join(
        f"{c}: {reais_br(o) if (o := regras.coberturas.de(c).orcamento_mensal) is not None else 'não informado → ' + regras.coberturas.de(c).sem_orcamento}"
        for c in Componente
    )
    return (
        Premissa(
            codigo="base_populacional",
            descricao="Base populacional de onde sai o porte (Censo 2010, Censo 2022, estimativa)",
            valor=regras.porte.base_populacional,
            ambito=TODOS,
        ),
        Premissa(
            codigo="referenciamento",
            descricao="Famílias referenciadas do CRAS: as do porte do município ou a capacidade declarada no Censo SUAS (q2)",
            valor=regras.referenciamento.modo,
            ambito=(Componente.piso_basico_fixo.value, Componente.piso_basico_variavel.value),
        ),
        Premissa(
            codigo="pfmc_valor_federal",
            descricao="Valor federal do piso fixo de média complexidade por unidade/mês (não confirmado), por tipo de unidade",
            valor=f"CREAS {reais_br(media.valor_federal_por_unidade.creas)}; Centro Pop {reais_br(media.valor_federal_por_unidade.centro_pop)}",
            ambito=(Componente.piso_fixo_media_complexidade.value,),
        ),
        Premissa(
            codigo="base_pfmc",
            descricao="O Art. 14 diz 'por família referenciada', mas o piso federal é por unidade: a base do cálculo",
            valor=(
                "unidade"
                if media.base_pfmc == "unidade"
                else f"familia: {reais_br(media.valor_federal_por_familia) if media.valor_federal_por_familia is not None else 'valor por família não informado'}; "
                f"famílias por porte: {'não informadas' if familias_media is None else ', '.join(f'{NOMES_PORTE[p]} {familias_media.de(p)}' for p in Porte)}"
            ),
            ambito=(Componente.piso_fixo_media_complexidade.value,),
        ),
        Premissa(
            codigo="pac_valor_federal",
            descricao="Valor federal de referência da alta complexidade (PAC I: R$ 5.000,00 por 10 vagas), por vaga/mês",
            valor=reais_br(alta.valor_federal_por_vaga),
            ambito=(Componente.piso_alta_complexidade.value,),
        ),
        Premissa(
            codigo="pac_percentual_estadual",
            descricao="Percentual estadual do valor federal da alta complexidade (o ato não fixa)",
            valor=percentual_br(alta.percentual_estadual),
            ambito=(Componente.piso_alta_complexidade.value,),
        ),
        Premissa(
            codigo="criterios_alta_complexidade",
            descricao="Art. 17: os incisos II–IV são condições de elegibilidade e o inciso I ordena os elegíveis",
            valor=_resumo_selecao(regras, regras.coberturas.piso_alta_complexidade.selecao),
            ambito=(Componente.piso_alta_complexidade.value,),
        ),
        Premissa(
            codigo="prioridade_media_complexidade",
            descricao="O Art. 15 não fixa ordem de prioridade entre os municípios",
            valor=_resumo_selecao(regras, regras.coberturas.piso_fixo_media_complexidade.selecao),
            ambito=(Componente.piso_fixo_media_complexidade.value,),
        ),
        Premissa(
            codigo="orcamento_por_componente",
            descricao=(
                "O orçamento é um teto mensal por componente (Art. 22); o do bloco é a soma; "
                "sem orçamento informado vale sem_limite ou parametro_ausente, conforme a cobertura"
            ),
            valor=orcamentos,
            ambito=TODOS,
        ),
        Premissa(
            codigo="cobertura_sem_saltos",
            descricao=(
                "A cobertura percorre a ordem de prioridade e para na primeira unidade cujo piso não cabe no "
                "saldo do orçamento: nenhuma unidade posterior passa à frente e não há cobertura parcial"
            ),
            valor="sim",
            ambito=TODOS,
        ),
        Premissa(
            codigo="ordem_das_unidades_no_municipio",
            descricao="Dentro do município, a 1ª, 2ª… unidade de um componente seguem o identificador da unidade",
            valor="id da unidade crescente",
            ambito=TODOS,
        ),
        Premissa(
            codigo="indicador_ausente",
            descricao="Indicador sem dado: numa condição, o município não a atende; numa chave de ordem, vai para o fim",
            valor="condição: não atende (sem_dado); ordem: fim da lista",
            ambito=TODOS,
        ),
        Premissa(
            codigo="conselhos",
            descricao=(
                "Conselho 'em funcionamento' = situação 2 no Censo SUAS; 'implantado' = situação 1 ou 2; "
                "o compromisso de implantação em 6 meses vem do indicador compromisso_conselhos = 1; "
                "CREAS registrado no Censo SUAS do ano conta como em funcionamento"
            ),
            valor="em funcionamento: 2; implantado: ≥ 1; compromisso: compromisso_conselhos = 1",
            ambito=ESPECIAL,
        ),
        Premissa(
            codigo="desempate_final",
            descricao="Empate que os critérios não resolvem: ordem pelo código IBGE do município, marcado como empate não resolvido",
            valor="ibge7 crescente",
            ambito=TODOS,
        ),
        Premissa(
            codigo="municipio_suspenso",
            descricao=(
                "Município com repasses suspensos (ato SPS 2023, Art. 13, II) sai das listas de prioridade dos "
                "componentes marcados: toda unidade na lista do exercício é tratada como expansão"
            ),
            valor=", ".join(
                c.value for c in Componente if regras.coberturas.de(c).excluir_municipios_suspensos
            )
            or "nenhum componente",
            ambito=TODOS,
        ),
        Premissa(
            codigo="expansao_alta_complexidade",
            descricao=(
                "O Art. 16, parágrafo único, condiciona a expansão do acolhimento aos municípios 'de média' "
                "beneficiados; lido como o acolhimento (não) ou ao pé da letra, a média complexidade (sim)"
            ),
            valor=_sim(regras.expansao_alta_exige_media_completa),
            ambito=(Componente.piso_alta_complexidade.value,),
        ),
        Premissa(
            codigo="arredondamento",
            descricao="O piso de cada unidade é arredondado ao centavo antes de qualquer soma",
            valor="meio para o par (bancário)"
            if regras.arredondamento == "meio_para_par"
            else "meio para cima",
            ambito=TODOS,
        ),
        Premissa(
            codigo="sancao_por_bloco",
            descricao=(
                "O acúmulo se mede por bloco: saldo da conta do bloco ≥ limiar × parcela mensal do bloco; "
                "bloco sem parcela não acumula parcelas e não é bloqueado"
            ),
            valor=f"{regras.sancoes.limiar_parcelas_acumuladas} parcelas",
            ambito=("saldos",),
        ),
        Premissa(
            codigo="prazo_plano_providencias",
            descricao="Prazo do Plano de Providências exigido pelo bloqueio",
            valor=f"{regras.sancoes.prazo_plano_providencias_dias} dias"
            if regras.sancoes.prazo_plano_providencias_dias
            else "fixado caso a caso",
            ambito=("saldos",),
        ),
        Premissa(
            codigo="fim_da_suspensao",
            descricao="A suspensão termina como o bloqueio: plano concluído e saldo abaixo do limiar",
            valor=_sim(regras.sancoes.suspensao_termina_com_plano_concluido),
            ambito=("saldos",),
        ),
        Premissa(
            codigo="parcelas_plano_acao",
            descricao="Parcelas exigem o Plano de Ação preenchido (Art. 24); o parecer favorável do CMAS também?",
            valor=_sim(regras.parcelas.exige_parecer_favoravel_cmas),
            ambito=("parcelas",),
        ),
        Premissa(
            codigo="meses_de_repasse",
            descricao="Parcelas mensais no exercício: o uso anual planejado no Plano de Ação = piso mensal × meses",
            valor=str(regras.parcelas.meses_de_repasse),
            ambito=("parcelas",),
        ),
    )


def _resumo_selecao(regras: RegrasCofinanciamento, nome: str | None) -> str:
    if nome is None or nome not in regras.selecoes:
        return "sem seleção: só o desempate final"
    selecao = regras.selecoes[nome]
    condicoes = "; ".join(f"{c.indicador} ≥ {c.minimo}" for c in selecao.condicoes) or "nenhuma"

    def chaves(lista: tuple[Chave, ...]) -> str:
        return ", ".join(f"{c.indicador} ({c.sentido})" for c in lista) or "nenhuma"

    return f"{nome}: condições {condicoes}; ordem {chaves(selecao.ordem)}; desempates {chaves(selecao.desempates)}"
