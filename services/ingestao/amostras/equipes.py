"""Equipes dos CRAS por ano (arquivo RH do Censo SUAS), com rotatividade entre os anos.

Códigos de profissão, vínculo, função, carga horária, escolaridade e serviço são os do dicionário
do Censo SUAS 2019 (`censo_suas_2019_cras_rh_rotulos_valores.csv`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from services.ingestao.amostras.modelo import Cras
from services.ingestao.amostras.pessoas import FabricaPessoas, Pessoa

ASSISTENTE_SOCIAL = 273
PSICOLOGO = 274
TECNICO_SUPERIOR = 249
MAXIMO_EQUIPE = 25
PERMANENCIA = 0.8  # chance de a mesma pessoa seguir no mesmo posto no ano seguinte
SEM_ASSISTENTE_SOCIAL = 0.025  # alguns CRAS ficam sem assistente social, para os alertas terem o que achar

Pesos = tuple[tuple[int, int], ...]
VINCULOS_TECNICOS: Pesos = ((138, 35), (266, 30), (292, 10), (139, 5), (293, 8), (142, 8), (264, 4))
VINCULOS_APOIO: Pesos = ((138, 30), (266, 30), (292, 12), (139, 5), (293, 13), (142, 6), (264, 4))
CARGAS_TECNICOS: Pesos = ((20, 55), (18, 25), (272, 10), (263, 10))
CARGAS_APOIO: Pesos = ((20, 70), (263, 15), (18, 10), (272, 5))
ESCOLARIDADE_SUPERIOR: Pesos = ((257, 60), (258, 35), (260, 5))
ESCOLARIDADE_MEDIA: Pesos = ((255, 70), (256, 15), (253, 10), (254, 5))


@dataclass(frozen=True, slots=True)
class Papel:
    funcao: int
    profissoes: Pesos
    chance_feminino: float
    vinculos: Pesos
    cargas: Pesos
    servico: int  # principal serviço/atividade (q56_15)
    superior: bool


PAPEIS = {
    "coordenacao": Papel(
        funcao=21,
        profissoes=((273, 40), (274, 20), (275, 15), (237, 15), (235, 10)),
        chance_feminino=0.75,
        vinculos=((292, 60), (138, 30), (266, 10)),
        cargas=((20, 80), (263, 15), (18, 5)),
        servico=1,
        superior=True,
    ),
    # Quando o CRAS fica sem assistente social, a coordenação também não é dessa profissão.
    "coordenacao_sem_as": Papel(
        funcao=21,
        profissoes=((274, 35), (275, 25), (237, 25), (235, 15)),
        chance_feminino=0.75,
        vinculos=((292, 60), (138, 30), (266, 10)),
        cargas=((20, 80), (263, 15), (18, 5)),
        servico=1,
        superior=True,
    ),
    "assistente_social": Papel(
        funcao=TECNICO_SUPERIOR,
        profissoes=((ASSISTENTE_SOCIAL, 1),),
        chance_feminino=0.9,
        vinculos=VINCULOS_TECNICOS,
        cargas=CARGAS_TECNICOS,
        servico=2,
        superior=True,
    ),
    "psicologo": Papel(
        funcao=TECNICO_SUPERIOR,
        profissoes=((PSICOLOGO, 1),),
        chance_feminino=0.85,
        vinculos=VINCULOS_TECNICOS,
        cargas=CARGAS_TECNICOS,
        servico=2,
        superior=True,
    ),
    "outro_superior": Papel(
        funcao=TECNICO_SUPERIOR,
        profissoes=((275, 50), (237, 25), (232, 10), (236, 5), (276, 5), (419, 5)),
        chance_feminino=0.7,
        vinculos=VINCULOS_TECNICOS,
        cargas=CARGAS_TECNICOS,
        servico=3,
        superior=True,
    ),
    "educador": Papel(
        funcao=248,
        profissoes=((238, 60), (239, 25), (237, 15)),
        chance_feminino=0.7,
        vinculos=VINCULOS_APOIO,
        cargas=CARGAS_APOIO,
        servico=3,
        superior=False,
    ),
    "nivel_medio": Papel(
        funcao=250,
        profissoes=((238, 1),),
        chance_feminino=0.65,
        vinculos=VINCULOS_APOIO,
        cargas=CARGAS_APOIO,
        servico=2,
        superior=False,
    ),
    "administrativo": Papel(
        funcao=251,
        profissoes=((238, 80), (239, 20)),
        chance_feminino=0.7,
        vinculos=VINCULOS_APOIO,
        cargas=CARGAS_APOIO,
        servico=1,
        superior=False,
    ),
    "cadastrador": Papel(
        funcao=370,
        profissoes=((238, 1),),
        chance_feminino=0.65,
        vinculos=VINCULOS_APOIO,
        cargas=CARGAS_APOIO,
        servico=5,
        superior=False,
    ),
    "servicos_gerais": Papel(
        funcao=252,
        profissoes=((239, 1),),
        chance_feminino=0.7,
        vinculos=VINCULOS_APOIO,
        cargas=CARGAS_APOIO,
        servico=1,
        superior=False,
    ),
}
# Postos de apoio que completam a equipe até o tamanho sorteado, com seus pesos.
APOIO = ("educador", "nivel_medio", "administrativo", "cadastrador", "servicos_gerais")
PESOS_APOIO = (30, 20, 20, 15, 15)


@dataclass(frozen=True, slots=True)
class Trabalhador:
    pessoa: Pessoa
    profissao: int
    vinculo: int
    funcao: int
    carga: int
    escolaridade: int
    servico: int


Equipes = dict[int, dict[str, list[Trabalhador]]]


def sortear(rng: random.Random, pesos: Pesos) -> int:
    return rng.choices([codigo for codigo, _ in pesos], weights=[peso for _, peso in pesos])[0]


def montar_equipes(cras_por_ano: dict[int, list[Cras]], semente: int) -> Equipes:
    """Equipe de cada CRAS em cada ano; quem fica de um ano para o outro mantém nome, CPF e posto."""
    rng = random.Random(f"{semente}:equipes")
    fabrica = FabricaPessoas(rng, ano_referencia=min(cras_por_ano))
    postos: dict[tuple[str, str, int], Trabalhador] = {}
    equipes: Equipes = {}
    for ano in sorted(cras_por_ano):
        equipes[ano] = {}
        for cras in cras_por_ano[ano]:
            equipe = []
            vistos: dict[str, int] = {}
            for papel in _papeis(rng, cras):
                ordem = vistos.get(papel, 0)
                vistos[papel] = ordem + 1
                chave = (cras.identificador, papel, ordem)
                if chave not in postos or rng.random() > PERMANENCIA:
                    postos[chave] = _contratar(rng, fabrica, PAPEIS[papel])
                equipe.append(postos[chave])
            equipes[ano][cras.identificador] = equipe
    return equipes


def _papeis(rng: random.Random, cras: Cras) -> list[str]:
    capacidade = cras.perfil.capacidade
    tamanho = round({1: 7, 2: 10, 3: 13}[capacidade] + 1.5 * cras.perfil.qualidade + rng.gauss(0, 2))
    if rng.random() < SEM_ASSISTENTE_SOCIAL:
        papeis = ["coordenacao_sem_as"]
    else:
        extras = int(capacidade >= 2 and rng.random() < 0.5) + int(capacidade == 3 and rng.random() < 0.3)
        papeis = ["coordenacao"] + ["assistente_social"] * (1 + extras)
    if rng.random() < 0.8:
        papeis.append("psicologo")
        if capacidade == 3 and rng.random() < 0.3:
            papeis.append("psicologo")
    if rng.random() < 0.3:
        papeis.append("outro_superior")
    alvo = min(MAXIMO_EQUIPE, max(3, tamanho))
    while len(papeis) < alvo:
        papeis.append(rng.choices(APOIO, weights=PESOS_APOIO)[0])
    return papeis


def _contratar(rng: random.Random, fabrica: FabricaPessoas, papel: Papel) -> Trabalhador:
    return Trabalhador(
        pessoa=fabrica.nova(chance_feminino=papel.chance_feminino),
        profissao=sortear(rng, papel.profissoes),
        vinculo=sortear(rng, papel.vinculos),
        funcao=papel.funcao,
        carga=sortear(rng, papel.cargas),
        escolaridade=sortear(rng, ESCOLARIDADE_SUPERIOR if papel.superior else ESCOLARIDADE_MEDIA),
        servico=papel.servico,
    )
