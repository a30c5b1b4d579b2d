"""Plano de Ação pela API (Arts. 24–25), com os dados chegando pelo barramento: abertura, preenchimento conferido com o
cálculo, concorrência otimista, prazo no relógio do serviço e parecer do CMAS do município."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.cofinanciamento.tests.cenario import cofinanciamento_com
from services.cofinanciamento.tests.test_calculo_api import GRANDE, MEDIO, PEQUENO, URL, cenario_basico
from tests.apoio.fixtures import ServicoEmTeste, cabecalho_token

PLANO = f"{URL}/plano-acao"
MARCO = datetime(2022, 3, 1, 12, tzinfo=UTC)
BASICA, FIXO = "protecao_social_basica", "piso_basico_fixo"


def gestor_municipal(ibge7: str) -> dict[str, str]:
    return cabecalho_token("municipio", ibge7=ibge7, nome=f"Gestão de {ibge7}")


def cmas(ibge7: str) -> dict[str, str]:
    return cabecalho_token("conselho", conselho="cmas", ibge7=ibge7, nome=f"CMAS de {ibge7}")


def usos_do_piso_fixo(*valores: str) -> dict[str, list[dict[str, str]]]:
    """O uso anual do Piso Básico Fixo em linhas (R$ 6.000,00 × 12 = R$ 72.000,00 nos municípios do cenário)."""
    return {
        "usos": [
            {"bloco": BASICA, "componente": FIXO, "valor_anual": v, "descricao": f"Equipe do PAIF, parte {n}"}
            for n, v in enumerate(valores, start=1)
        ]
    }


async def plano_aberto_e_calculado(servicos, prazo: str = "2022-03-31") -> ServicoEmTeste:
    """Serviço com o cenário básico, relógio em 01/03/2022, Plano de Ação aberto e o exercício calculado."""
    servico = await cofinanciamento_com(servicos, cenario_basico())
    servico.runtime.relogio = lambda: MARCO
    cliente = servico.cliente
    r = await cliente.post(
        PLANO, json={"prazo": prazo}, headers=cabecalho_token("sps_tecnico", nome="Técnica SPS")
    )
    assert r.status_code == 201, r.text
    r = await cliente.post(f"{URL}/calculos", json={"mes": 3}, headers=cabecalho_token("sps_tecnico"))
    assert r.status_code == 201, r.text
    return servico


async def preencher(servico: ServicoEmTeste, ibge7: str, *valores: str, versao: str | None = None):
    cabecalhos = {**gestor_municipal(ibge7), **({"If-Match": versao} if versao else {})}
    return await servico.cliente.put(
        f"{PLANO}/municipios/{ibge7}", json=usos_do_piso_fixo(*valores), headers=cabecalhos
    )


@pytest.mark.postgresql
async def test_sps_abre_e_o_municipio_preenche_o_que_fecha_com_o_calculo(servicos, token):
    servico = await cofinanciamento_com(servicos, cenario_basico())
    servico.runtime.relogio = lambda: MARCO
    cliente = servico.cliente

    r = await cliente.get(PLANO, headers=token("leitura"))
    assert r.status_code == 404 and "ainda não foi aberto" in r.json()["detail"]
    r = await preencher(servico, PEQUENO, "72000.00")
    assert r.status_code == 409 and "ainda não foi aberto" in r.json()["detail"]
    r = await cliente.post(PLANO, json={"prazo": "2022-03-31"}, headers=gestor_municipal(PEQUENO))
    assert r.status_code == 403
    r = await cliente.post(PLANO, json={"prazo": "2022-02-28"}, headers=token("sps_gestor"))
    assert r.status_code == 422 and "já passou" in r.json()["detail"]
    r = await cliente.post(
        PLANO, json={"prazo": "2022-03-31"}, headers=token("sps_tecnico", nome="Técnica SPS")
    )
    assert r.status_code == 201, r.text
    aberto = r.json()
    assert aberto["prazo"] == "2022-03-31" and aberto["aberto_por"] == "Técnica SPS"
    assert not aberto["prazo_encerrado"] and (aberto["preenchidos"], aberto["pendentes"]) == (0, 3)
    assert {m["ibge7"]: m["situacao"] for m in aberto["municipios"]} == dict.fromkeys(
        (PEQUENO, MEDIO, GRANDE), "pendente"
    )
    r = await cliente.post(PLANO, json={"prazo": "2022-04-30"}, headers=token("sps_gestor"))
    assert r.status_code == 409 and "31/03/2022" in r.json()["detail"]

    r = await preencher(servico, PEQUENO, "72000.00")
    assert r.status_code == 409 and "não há cálculo" in r.json()["detail"]
    assert (
        await cliente.post(f"{URL}/calculos", json={"mes": 3}, headers=token("sps_tecnico"))
    ).status_code == 201

    # Só o gestor municipal do próprio município preenche.
    for outro in (gestor_municipal(MEDIO), cmas(PEQUENO), token("sps_gestor")):
        r = await cliente.put(
            f"{PLANO}/municipios/{PEQUENO}", json=usos_do_piso_fixo("72000.00"), headers=outro
        )
        assert r.status_code == 403 and f"gestor municipal de {PEQUENO}" in r.json()["detail"]

    # Incompleto: sem usos, o componente calculado fica sem plano.
    r = await cliente.put(
        f"{PLANO}/municipios/{PEQUENO}", json={"usos": []}, headers=gestor_municipal(PEQUENO)
    )
    assert r.status_code == 422
    assert r.json()["erros"] == [
        {
            "motivo": "Bloco da Proteção Social Básica, Piso Básico Fixo: planejado R$ 0,00, calculado R$ 72.000,00 "
            "(12 × R$ 6.000,00); diferença R$ -72.000,00"
        }
    ]
    # Inconsistente: cada problema volta, todos juntos, e nada se grava.
    usos = [
        {"bloco": BASICA, "componente": FIXO, "valor_anual": "70000.005", "descricao": "Equipe do PAIF"},
        {
            "bloco": "protecao_social_especial",
            "componente": FIXO,
            "valor_anual": "2000.00",
            "descricao": "Oficinas",
        },
        {"bloco": BASICA, "componente": FIXO, "valor_anual": "-10.00", "descricao": ""},
        {
            "bloco": "beneficios_eventuais",
            "componente": "piso_basico_variavel",
            "valor_anual": "500.00",
            "descricao": "Kits",
        },
    ]
    r = await cliente.put(
        f"{PLANO}/municipios/{PEQUENO}", json={"usos": usos}, headers=gestor_municipal(PEQUENO)
    )
    assert r.status_code == 422 and r.json()["type"].endswith("/plano_acao_inconsistente")
    motivos = [e["motivo"] for e in r.json()["erros"]]
    assert motivos[0] == "linha 3: diga o que será feito com o valor (descrição do uso planejado)"
    assert any(m.startswith("linha 1: valor com fração de centavo") for m in motivos)
    assert any(
        m.startswith("linha 2: o Piso Básico Fixo pertence ao Bloco da Proteção Social Básica")
        for m in motivos
    )
    assert any(m.startswith("linha 3: valor negativo") for m in motivos)
    assert any("Piso Básico Variável: planejado R$ 500,00, calculado R$ 0,00" in m for m in motivos)
    assert any("Piso Básico Fixo: planejado R$ 71.990,005, calculado R$ 72.000,00" in m for m in motivos)
    assert len(motivos) == 6 and r.json()["calculo_id"]
    r = await cliente.put(
        f"{PLANO}/municipios/{PEQUENO}",
        json={"usos": [{**usos[0], "valor_anual": 72000.0}]},
        headers=gestor_municipal(PEQUENO),
    )
    assert r.status_code == 422  # dinheiro em float é recusado
    assert (await cliente.get(f"{PLANO}/municipios/{PEQUENO}", headers=token("leitura"))).json()[
        "situacao"
    ] == "pendente"

    r = await preencher(servico, PEQUENO, "50000.00", "22000.00")
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"1"'
    plano = r.json()
    assert plano["situacao"] == "preenchido" and plano["preenchido_por"] == f"Gestão de {PEQUENO}"
    assert [u["valor_anual"] for u in plano["usos"]] == ["50000.00", "22000.00"]
    assert {(c["componente"], c["valor_anual"]) for c in plano["calculado"]} >= {(FIXO, "72000.00")}
    assert plano["calculo_id"] == plano["calculo_mais_recente"]

    # Concorrência otimista: alterar exige a versão lida.
    r = await preencher(servico, PEQUENO, "72000.00")
    assert r.status_code == 428
    r = await preencher(servico, PEQUENO, "72000.00", versao='"7"')
    assert r.status_code == 412 and r.json()["versao_atual"] == 1
    r = await preencher(servico, PEQUENO, "72000.00", versao='"1"')
    assert r.status_code == 200 and r.headers["ETag"] == '"2"'

    r = await cliente.get(f"{PLANO}/municipios/{PEQUENO}", headers=token("leitura"))
    assert r.headers["ETag"] == '"2"'
    historico = r.json()["historico"]
    assert [(h["versao"], h["acao"], h["autor"]) for h in historico] == [
        (1, "preenchimento", f"Gestão de {PEQUENO}"),
        (2, "preenchimento", f"Gestão de {PEQUENO}"),
    ]
    assert [u["valor_anual"] for u in historico[0]["detalhes"]["usos"]] == ["50000.00", "22000.00"]
    assert historico[1]["papeis"] == ["municipio"] and historico[1]["momento"].startswith("2022-03-01T12:00")
    situacao = {
        m["ibge7"]: m for m in (await cliente.get(PLANO, headers=token("leitura"))).json()["municipios"]
    }
    assert situacao[PEQUENO]["situacao"] == "preenchido" and situacao[PEQUENO]["versao"] == 2
    assert situacao[MEDIO]["situacao"] == situacao[GRANDE]["situacao"] == "pendente"


@pytest.mark.postgresql
async def test_parecer_so_do_cmas_do_municipio_e_so_depois_do_prazo(servicos, token):
    servico = await plano_aberto_e_calculado(servicos)
    cliente = servico.cliente
    assert (await preencher(servico, PEQUENO, "72000.00")).status_code == 200
    parecer = f"{PLANO}/municipios/{PEQUENO}/parecer"

    r = await cliente.post(parecer, json={"favoravel": True}, headers=cmas(PEQUENO))
    assert r.status_code == 409
    assert "termina em 31/03/2022" in r.json()["detail"] and "a partir de 01/04/2022" in r.json()["detail"]
    # 01/04 à 1h em UTC ainda é 31/03 no Ceará: o prazo não terminou.
    servico.runtime.relogio = lambda: datetime(2022, 4, 1, 1, tzinfo=UTC)
    assert (await cliente.post(parecer, json={"favoravel": True}, headers=cmas(PEQUENO))).status_code == 409
    assert (await preencher(servico, PEQUENO, "72000.00", versao='"1"')).status_code == 200

    servico.runtime.relogio = lambda: datetime(2022, 4, 1, 12, tzinfo=UTC)
    r = await preencher(servico, PEQUENO, "72000.00", versao='"2"')
    assert r.status_code == 409 and "terminou em 31/03/2022" in r.json()["detail"]
    r = await preencher(servico, MEDIO, "72000.00")
    assert r.status_code == 409 and r.json()["type"].endswith("/fora_do_prazo")
    assert (await cliente.get(PLANO, headers=token("leitura"))).json()["prazo_encerrado"]

    for outro in (
        gestor_municipal(PEQUENO),
        cmas(MEDIO),
        token("conselho", conselho="cib"),
        token("sps_gestor"),
    ):
        r = await cliente.post(parecer, json={"favoravel": True}, headers=outro)
        assert r.status_code == 403 and f"CMAS de {PEQUENO}" in r.json()["detail"]
    r = await cliente.post(
        f"{PLANO}/municipios/{MEDIO}/parecer", json={"favoravel": True}, headers=cmas(MEDIO)
    )
    assert r.status_code == 409 and "não preencheu" in r.json()["detail"]
    r = await cliente.post(parecer, json={"favoravel": False}, headers=cmas(PEQUENO))
    assert r.status_code == 422 and r.json()["erros"][0]["campo"] == "motivos"

    r = await cliente.post(
        parecer, json={"favoravel": False, "motivos": "Sem ações para o PAIF rural"}, headers=cmas(PEQUENO)
    )
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"3"'
    corpo = r.json()
    assert corpo["parecer"]["favoravel"] is False and corpo["parecer"]["por"] == f"CMAS de {PEQUENO}"
    assert corpo["parecer"]["motivos"] == "Sem ações para o PAIF rural"
    assert [(h["acao"], h["autor"]) for h in corpo["historico"]][-1] == ("parecer", f"CMAS de {PEQUENO}")
    assert corpo["historico"][-1]["detalhes"] == {
        "parecer": "desfavoravel",
        "motivos": "Sem ações para o PAIF rural",
    }
    r = await cliente.post(parecer, json={"favoravel": True}, headers=cmas(PEQUENO))
    assert r.status_code == 409 and "já deu parecer desfavoravel" in r.json()["detail"]
    situacao = {
        m["ibge7"]: m for m in (await cliente.get(PLANO, headers=token("leitura"))).json()["municipios"]
    }
    assert situacao[PEQUENO]["parecer"] == "desfavoravel" and situacao[MEDIO]["parecer"] is None
