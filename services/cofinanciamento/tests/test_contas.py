"""Contas bancárias por bloco pela API (Art. 26): quem registra, a mesma conta para dois blocos recusada, troca com
If-Match e histórico."""

from __future__ import annotations

import pytest

from services.cofinanciamento.tests.cenario import cofinanciamento_com, municipio
from services.cofinanciamento.tests.test_calculo_api import MEDIO, PEQUENO
from services.cofinanciamento.tests.test_plano_acao import cmas, gestor_municipal

BASICA, ESPECIAL = "protecao_social_basica", "protecao_social_especial"


def conta(numero: str, agencia: str = "1234", banco: str = "001") -> dict[str, str]:
    return {"banco": banco, "agencia": agencia, "conta": numero}


@pytest.mark.postgresql
async def test_uma_conta_por_bloco_registrada_pelo_municipio_ou_pela_sps(servicos, token):
    servico = await cofinanciamento_com(
        servicos, [municipio(PEQUENO, "Abaiara", 11_000), municipio(MEDIO, "Acaraú", 62_000)]
    )
    cliente = servico.cliente

    def url(ibge7: str, bloco: str) -> str:
        return f"/api/v1/municipios/{ibge7}/contas/{bloco}"

    r = await cliente.put(url(PEQUENO, BASICA), json=conta("0012345-6"), headers=gestor_municipal(PEQUENO))
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"1"'
    assert (r.json()["conta"], r.json()["atualizada_por"]) == ("12345-6", f"Gestão de {PEQUENO}")

    # A mesma conta (escrita de outro jeito) para outro bloco, do mesmo ou de outro município: conta centralizadora.
    for ibge7, bloco in ((PEQUENO, ESPECIAL), (MEDIO, BASICA)):
        r = await cliente.put(url(ibge7, bloco), json=conta("12345-6"), headers=token("sps_gestor"))
        assert r.status_code == 409, r.text
        assert "Art. 26, parágrafo único" in r.json()["detail"] and r.json()["type"].endswith(
            "/conta_compartilhada"
        )
        assert (r.json()["ibge7"], r.json()["bloco"]) == (PEQUENO, BASICA)
    # Outra agência ou outro banco é outra conta.
    r = await cliente.put(
        url(PEQUENO, ESPECIAL),
        json=conta("12345-6", agencia="4321"),
        headers=token("sps_tecnico", nome="Técnica SPS"),
    )
    assert r.status_code == 200 and r.json()["atualizada_por"] == "Técnica SPS"

    for outro in (gestor_municipal(MEDIO), cmas(PEQUENO), token("leitura")):
        r = await cliente.put(url(PEQUENO, "beneficios_eventuais"), json=conta("777-1"), headers=outro)
        assert r.status_code == 403 and f"gestor municipal de {PEQUENO}" in r.json()["detail"]
    for invalida in (
        conta("777-1", banco="1"),
        conta("777-1", agencia="12-3"),
        conta("7771"),
        {**conta("777-1"), "pix": "x"},
    ):
        r = await cliente.put(
            url(PEQUENO, "beneficios_eventuais"), json=invalida, headers=gestor_municipal(PEQUENO)
        )
        assert r.status_code == 422, invalida
    r = await cliente.put(url("2399999", BASICA), json=conta("777-1"), headers=token("sps_gestor"))
    assert r.status_code == 422 and "não está na referência" in r.json()["detail"]

    # Trocar a conta exige a versão lida; a conta antiga fica livre para outro bloco.
    r = await cliente.put(url(PEQUENO, BASICA), json=conta("99999-x"), headers=gestor_municipal(PEQUENO))
    assert r.status_code == 428
    r = await cliente.put(
        url(PEQUENO, BASICA), json=conta("99999-x"), headers={**gestor_municipal(PEQUENO), "If-Match": '"3"'}
    )
    assert r.status_code == 412
    r = await cliente.put(
        url(PEQUENO, BASICA), json=conta("99999-x"), headers={**gestor_municipal(PEQUENO), "If-Match": '"1"'}
    )
    assert r.status_code == 200 and r.headers["ETag"] == '"2"' and r.json()["conta"] == "99999-X"
    r = await cliente.put(url(MEDIO, BASICA), json=conta("12345-6"), headers=gestor_municipal(MEDIO))
    assert r.status_code == 200
    # A mesma conta de novo não cria versão nem histórico.
    r = await cliente.put(
        url(PEQUENO, BASICA), json=conta("99999-X"), headers={**gestor_municipal(PEQUENO), "If-Match": '"2"'}
    )
    assert r.status_code == 200 and r.headers["ETag"] == '"2"'

    r = await cliente.get(url(PEQUENO, BASICA), headers=token("leitura"))
    assert r.headers["ETag"] == '"2"' and r.json()["conta"] == "99999-X"
    assert (
        await cliente.get(url(PEQUENO, "beneficios_eventuais"), headers=token("leitura"))
    ).status_code == 404
    contas = (await cliente.get(f"/api/v1/municipios/{PEQUENO}/contas", headers=token("leitura"))).json()
    assert contas["nome"] == "Abaiara" and [c["bloco"] for c in contas["contas"]] == [BASICA, ESPECIAL]
    assert contas["blocos_sem_conta"] == ["beneficios_eventuais"]
    assert [(h["bloco"], h["versao"], h["conta"], h["autor"]) for h in contas["historico"]] == [
        (BASICA, 1, "12345-6", f"Gestão de {PEQUENO}"),
        (ESPECIAL, 1, "12345-6", "Técnica SPS"),
        (BASICA, 2, "99999-X", f"Gestão de {PEQUENO}"),
    ]
