"""Quem é quem diante de um plano: atores da portaria a partir do token, e o que cada um enxerga."""

from __future__ import annotations

from collections.abc import Iterable

from services.monitoramento.dominio.ciclo import Ator, SituacaoPlano, Transicao, possiveis
from services.monitoramento.planos.repository import Visibilidade
from shared.erros import Conflito, NaoEncontrado, Proibido
from shared.http.seguranca import Conselho, Papel, Usuario

PAPEIS_SPS = frozenset({Papel.sps_tecnico, Papel.sps_gestor})


def atores(usuario: Usuario, ibge7: str) -> set[Ator]:
    saida = set()
    if Papel.municipio in usuario.papeis and usuario.ibge7 == ibge7:
        saida.add(Ator.municipio)
    if Papel.conselho in usuario.papeis:
        if usuario.conselho is Conselho.cmas and usuario.ibge7 == ibge7:
            saida.add(Ator.cmas)
        if usuario.conselho is Conselho.cib:
            saida.add(Ator.cib)
    if usuario.papeis & PAPEIS_SPS:
        saida.add(Ator.sps)
    return saida


def autor(usuario: Usuario) -> str:
    return usuario.nome or usuario.sub


def descrever_atores(atores_: Iterable[Ator], ibge7: str) -> str:
    nomes = {
        Ator.municipio: f"gestor municipal de {ibge7} (papel municipio)",
        Ator.cmas: f"CMAS de {ibge7} (papel conselho, conselho cmas)",
        Ator.cib: "CIB (papel conselho, conselho cib)",
        Ator.sps: "SPS (papel sps_tecnico ou sps_gestor)",
    }
    return " ou ".join(nomes[a] for a in sorted(atores_))


def descrever_usuario(usuario: Usuario) -> str:
    partes = ["papéis " + ", ".join(sorted(usuario.papeis))]
    if usuario.conselho:
        partes.append(f"conselho {usuario.conselho}")
    if usuario.ibge7:
        partes.append(f"município {usuario.ibge7}")
    return "; ".join(partes)


def exigir_ator(usuario: Usuario, ibge7: str, aceitos: Iterable[Ator], *, o_que: str) -> set[Ator]:
    aceitos = frozenset(aceitos)
    meus = atores(usuario, ibge7) & aceitos
    if not meus:
        raise Proibido(
            f"{o_que} cabe a: {descrever_atores(aceitos, ibge7)}; o seu token tem {descrever_usuario(usuario)}",
            papeis_exigidos=sorted(aceitos),
        )
    return meus


def visibilidade(usuario: Usuario) -> Visibilidade:
    """Município vê só os seus planos (inclusive rascunhos); CMAS só os do seu município; SPS vê tudo."""
    if usuario.papeis & PAPEIS_SPS:
        return Visibilidade(ibge7=None, ve_rascunhos=True)
    if Papel.municipio in usuario.papeis:
        return Visibilidade(ibge7=usuario.ibge7, ve_rascunhos=True)
    if Papel.conselho in usuario.papeis and usuario.conselho is Conselho.cmas:
        return Visibilidade(ibge7=usuario.ibge7, ve_rascunhos=False)
    return Visibilidade(ibge7=None, ve_rascunhos=False)


def pode_ver(usuario: Usuario, *, ibge7: str, situacao: str) -> bool:
    v = visibilidade(usuario)
    if v.ibge7 is not None and v.ibge7 != ibge7:
        return False
    return v.ve_rascunhos or situacao != SituacaoPlano.rascunho


def nao_encontrado(recurso: str, id_: str) -> NaoEncontrado:
    # Quem não pode ver recebe o mesmo 404 de quem pede um id inexistente: não se revela que existe.
    return NaoEncontrado(f"{recurso} {id_} não existe ou não está visível para o seu usuário")


def conferir_transicao(
    tabela: dict[str, Transicao], nome: str, *, situacao: str, usuario: Usuario, ibge7: str, recurso: str
) -> Transicao:
    """Papel errado → 403; situação errada → 409 com a situação atual e as transições possíveis."""
    regra = tabela[nome]
    exigir_ator(usuario, ibge7, regra.atores, o_que=f"a transição {nome!r} ({regra.descricao})")
    if situacao not in regra.de:
        agora_possiveis = possiveis(tabela, situacao)
        raise Conflito(
            f"{recurso} está na situação {situacao!r}; {nome!r} só parte de "
            f"{', '.join(sorted(regra.de))}. Transições possíveis agora: "
            f"{', '.join(agora_possiveis) if agora_possiveis else 'nenhuma (situação final)'}",
            situacao_atual=situacao,
            transicoes_possiveis=agora_possiveis,
        )
    return regra
