"""Quem age no Plano de Ação e nas contas, a partir do token: gestor municipal, CMAS do município ou SPS."""

from __future__ import annotations

from shared.erros import Proibido
from shared.http.seguranca import Conselho, Papel, Usuario

PAPEIS_SPS = frozenset({Papel.sps_gestor, Papel.sps_tecnico})


def autor(usuario: Usuario) -> str:
    return usuario.nome or usuario.sub


def gestor_municipal(usuario: Usuario, ibge7: str) -> bool:
    return Papel.municipio in usuario.papeis and usuario.ibge7 == ibge7


def cmas(usuario: Usuario, ibge7: str) -> bool:
    return Papel.conselho in usuario.papeis and usuario.conselho is Conselho.cmas and usuario.ibge7 == ibge7


def sps(usuario: Usuario) -> bool:
    return bool(usuario.papeis & PAPEIS_SPS)


def _descrever(usuario: Usuario) -> str:
    partes = ["papéis " + ", ".join(sorted(usuario.papeis))]
    if usuario.conselho:
        partes.append(f"conselho {usuario.conselho}")
    if usuario.ibge7:
        partes.append(f"município {usuario.ibge7}")
    return "; ".join(partes)


def exigir(usuario: Usuario, permitido: bool, *, o_que: str, quem: str) -> None:
    """403 que diz quem pode e o que o token traz (o papel sozinho não basta: o município precisa ser o mesmo)."""
    if not permitido:
        raise Proibido(f"{o_que} cabe a: {quem}; o seu token tem {_descrever(usuario)}")
