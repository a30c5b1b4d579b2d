"""Dados pessoais fictícios do arquivo RH: nomes brasileiros, CPF com dígitos válidos, nascimento.

Existem só para que o descarte de colunas pessoais na ingestão seja testado com dados realistas.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

NOMES_FEMININOS = (
    "Maria", "Ana", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda", "Patrícia",
    "Aline", "Sandra", "Camila", "Luciana", "Raimunda", "Jéssica", "Cícera", "Larissa", "Vanessa",
    "Débora", "Tatiane", "Rosângela", "Socorro", "Lúcia", "Natália", "Bruna", "Kelly", "Priscila",
    "Gabriela", "Joana", "Rita", "Fabíola", "Sâmia", "Lívia", "Mirian", "Valéria", "Eliane",
)  # fmt: skip
NOMES_MASCULINOS = (
    "José", "João", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos",
    "Raimundo", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe", "Cícero", "Rodrigo", "Tiago",
    "Diego", "Leonardo", "Gustavo", "Sebastião", "Jorge", "Márcio", "Renato", "Emanuel",
)  # fmt: skip
SOBRENOMES = (
    "Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Ferreira", "Costa", "Rodrigues", "Alves",
    "Nascimento", "Gomes", "Ribeiro", "Carvalho", "Sousa", "Araújo", "Barbosa", "Freitas", "Bezerra",
    "Holanda", "Cavalcante", "Moreira", "Teixeira", "Pinheiro", "Bandeira", "Maia", "Sampaio", "Brito",
    "Feitosa", "Rocha", "Mendes", "Monteiro", "Castro", "Nogueira", "Xavier",
)  # fmt: skip
PARTICULAS = ("", "", "", "de ", "da ", "dos ")


@dataclass(frozen=True, slots=True)
class Pessoa:
    nome: str
    cpf: str
    nascimento: date
    sexo: int  # 1 feminino, 2 masculino (códigos do q56_3)


def digitos_cpf(base9: str) -> str:
    """Os dois dígitos verificadores do CPF (módulo 11) para os nove primeiros dígitos."""
    digitos = [int(d) for d in base9]
    for _ in range(2):
        soma = sum(d * peso for d, peso in zip(digitos, range(len(digitos) + 1, 1, -1), strict=True))
        resto = soma % 11
        digitos.append(0 if resto < 2 else 11 - resto)
    return f"{digitos[9]}{digitos[10]}"


def cpf_valido(cpf: str) -> bool:
    return len(cpf) == 11 and cpf.isdigit() and len(set(cpf)) > 1 and digitos_cpf(cpf[:9]) == cpf[9:]


class FabricaPessoas:
    """Sorteia pessoas sem repetir CPF dentro de uma geração."""

    def __init__(self, rng: random.Random, ano_referencia: int) -> None:
        self._rng = rng
        self._ano = ano_referencia
        self._cpfs: set[str] = set()

    def nova(self, *, chance_feminino: float) -> Pessoa:
        rng = self._rng
        sexo = 1 if rng.random() < chance_feminino else 2
        primeiro = rng.choice(NOMES_FEMININOS if sexo == 1 else NOMES_MASCULINOS)
        meio = rng.choice(PARTICULAS) + rng.choice(SOBRENOMES)
        nome = f"{primeiro} {meio} {rng.choice(SOBRENOMES)}".upper()
        nascimento = date(self._ano - rng.randint(20, 64), 1, 1) + timedelta(days=rng.randrange(365))
        return Pessoa(nome=nome, cpf=self._cpf(), nascimento=nascimento, sexo=sexo)

    def _cpf(self) -> str:
        while True:
            base = f"{self._rng.randrange(1, 999_999_999):09d}"
            cpf = base + digitos_cpf(base)
            if len(set(cpf)) > 1 and cpf not in self._cpfs:
                self._cpfs.add(cpf)
                return cpf
