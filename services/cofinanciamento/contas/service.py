"""Conta específica de cada bloco do município (Decreto nº 34.262/2021, Art. 26): o repasse de um bloco só entra na
conta dele, e uma conta não serve a dois blocos (a conta centralizadora é vedada, parágrafo único).

Os serviços não fazem commit: a rota confirma a unidade de trabalho.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.cofinanciamento.contas import repository
from services.cofinanciamento.contas.models import ContaBancaria, HistoricoConta
from services.cofinanciamento.contas.schemas import ContaEntrada, ContaSaida, ContasMunicipio, PassoConta
from services.cofinanciamento.dominio.regras import DECRETO, NOMES_BLOCO, Bloco
from services.cofinanciamento.models import Municipio
from services.cofinanciamento.plano_acao import acesso
from shared.erros import Conflito, DadosInvalidos, NaoEncontrado, VersaoExigida
from shared.http.concorrencia import conferir_versao
from shared.http.seguranca import Usuario
from shared.municipios import repository as municipios

ART_26 = f"{DECRETO}, Art. 26"
ART_26_UNICO = f"{ART_26}, parágrafo único"


class ContaCompartilhada(Conflito):
    codigo = "conta_compartilhada"
    titulo = "Conta já usada por outro bloco"


def descrever(conta: ContaBancaria) -> str:
    return f"banco {conta.banco}, agência {conta.agencia}, conta {conta.conta}"


async def registrar(
    *,
    sessao: AsyncSession,
    ibge7: str,
    bloco: Bloco,
    dados: ContaEntrada,
    usuario: Usuario,
    lida: int | None,
    agora: datetime,
) -> ContaBancaria:
    """Registra ou troca a conta do bloco; trocar exige If-Match (ninguém troca a conta sem ter lido a atual)."""
    acesso.exigir(
        usuario,
        acesso.gestor_municipal(usuario, ibge7) or acesso.sps(usuario),
        o_que=f"registrar a conta bancária de um bloco de {ibge7}",
        quem=f"gestor municipal de {ibge7} (papel municipio) ou SPS (sps_gestor ou sps_tecnico)",
    )
    if await municipios.obter(sessao, Municipio, ibge7) is None:
        raise DadosInvalidos(
            f"o município {ibge7} não está na referência de municípios recebida da ingestão",
            erros=[{"campo": "ibge7", "valor": ibge7, "motivo": "município desconhecido"}],
        )
    atual = await repository.conta(sessao, ibge7, bloco.value, para_alterar=True)
    if atual is not None:
        if lida is None:
            raise VersaoExigida(
                f"o {NOMES_BLOCO[bloco]} de {ibge7} já tem conta ({descrever(atual)}, versão {atual.versao}); para "
                f'trocá-la, envie If-Match: "{atual.versao}" depois de lê-la'
            )
        conferir_versao(atual=atual.versao, lida=lida, recurso=f"a conta do {NOMES_BLOCO[bloco]} de {ibge7}")
        if (atual.banco, atual.agencia, atual.conta) == (dados.banco, dados.agencia, dados.conta):
            return atual  # a mesma conta: nada muda, nem versão nem histórico
    outra = await repository.por_numero(sessao, dados.banco, dados.agencia, dados.conta)
    if outra is not None:
        raise ContaCompartilhada(
            f"a conta {descrever(outra)} já é a do {NOMES_BLOCO[Bloco(outra.bloco)]} do município {outra.ibge7}: "
            f"cada bloco tem a sua conta específica, e a conta centralizadora é vedada ({ART_26_UNICO})",
            ibge7=outra.ibge7,
            bloco=outra.bloco,
        )
    if atual is None:
        atual = ContaBancaria(ibge7=ibge7, bloco=bloco.value, versao=0)
        repository.adicionar(sessao, atual)
    atual.banco, atual.agencia, atual.conta = dados.banco, dados.agencia, dados.conta
    atual.versao += 1
    atual.atualizada_por, atual.atualizada_em = acesso.autor(usuario), agora
    repository.adicionar(
        sessao,
        HistoricoConta(
            ibge7=ibge7,
            bloco=bloco.value,
            versao=atual.versao,
            banco=atual.banco,
            agencia=atual.agencia,
            conta=atual.conta,
            autor=atual.atualizada_por,
            papeis=sorted(usuario.papeis),
            momento=agora,
        ),
    )
    return atual


async def ler(sessao: AsyncSession, *, ibge7: str, bloco: Bloco) -> ContaSaida:
    conta = await repository.conta(sessao, ibge7, bloco.value)
    if conta is None:
        raise NaoEncontrado(f"o {NOMES_BLOCO[bloco]} de {ibge7} não tem conta registrada")
    return ContaSaida.model_validate(conta, from_attributes=True)


async def do_municipio(sessao: AsyncSession, *, ibge7: str) -> ContasMunicipio:
    contas = await repository.do_municipio(sessao, ibge7)
    municipio = await municipios.obter(sessao, Municipio, ibge7)
    com_conta = {c.bloco for c in contas}
    return ContasMunicipio(
        ibge7=ibge7,
        nome=municipio.nome if municipio else None,
        contas=[ContaSaida.model_validate(c, from_attributes=True) for c in contas],
        blocos_sem_conta=[b.value for b in Bloco if b.value not in com_conta],
        historico=[
            PassoConta.model_validate(h, from_attributes=True)
            for h in await repository.historico(sessao, ibge7)
        ],
    )
