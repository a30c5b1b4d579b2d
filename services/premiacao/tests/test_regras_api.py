"""Regras do exercício pela API: semente de 2022, validação, auditoria, permissões, simulação e erros claros."""

from __future__ import annotations

from decimal import Decimal

from services.premiacao.dominio.regras import RegrasPremio, regras_2022
from services.premiacao.tests.cenario import eventos_do_cenario, id_cras
from services.premiacao.tests.test_apuracao import URL, _esperar_cras, _premiacao_com_dados


async def test_regras_de_2022_vem_do_decreto_e_mudancas_sao_auditadas(servicos, token):
    servico = await servicos.iniciar("premiacao")
    cliente = servico.cliente
    r = await cliente.get(f"{URL}/regras", headers=token("leitura"))
    assert r.status_code == 200
    corpo = r.json()
    regras = corpo["regras"]
    assert (regras["ano_t"], regras["ano_t_menos_1"], regras["numero_premios"]) == (2021, 2020, 30)
    assert regras["valor_total"] == "2000000.00" and "35.038/2022" in regras["base_legal"]
    assert corpo["versao"] == 1 and corpo["autor"].startswith("sistema")
    assert RegrasPremio.model_validate(regras) == regras_2022()  # a semente da migração é o decreto
    assert {p["codigo"] for p in corpo["premissas"]} >= {
        "equacoes_iq",
        "desempate_final",
        "data_referencia_plano_ativo",
    }

    novas = {**regras, "pesos": {"w1": "0.4", "w2": "0.2", "w3": "0.2", "w4": "0.2"}}
    r = await cliente.put(f"{URL}/regras", json=novas, headers=token("sps_tecnico"))
    assert r.status_code == 403 and "sps_gestor" in r.json()["detail"]

    invalidas = {
        **regras,
        "pesos": {"w1": "0.5", "w2": "0.25", "w3": "0.25", "w4": "0.25"},
        "faixas": [{"de": 1, "ate": 5, "valor": "150000.00"}, {"de": 7, "ate": 30, "valor": "25000.00"}],
    }
    r = await cliente.put(f"{URL}/regras", json=invalidas, headers=token("sps_gestor"))
    assert r.status_code == 422
    detalhe = r.json()["detail"]
    assert "somam 1.25" in detalhe and "6–6" in detalhe and "total declarado" in detalhe
    assert (await cliente.get(f"{URL}/regras", headers=token("leitura"))).json()["versao"] == 1

    r = await cliente.put(f"{URL}/regras", json=novas, headers=token("sps_gestor", nome="Gestora SPS"))
    assert r.status_code == 200
    assert r.json()["versao"] == 2 and r.json()["autor"] == "Gestora SPS"
    assert {"campo": "pesos.w1", "antes": "0.25", "depois": "0.4"} in r.json()["alteracoes"]
    r = await cliente.put(f"{URL}/regras", json=novas, headers=token("sps_gestor"))
    assert r.json()["versao"] == 2  # o mesmo conteúdo não cria versão
    historico = (await cliente.get(f"{URL}/regras/historico", headers=token("leitura"))).json()
    assert [v["versao"] for v in historico["versoes"]] == [1, 2]

    r = await cliente.put(f"{URL}/regras", json={**novas, "exercicio": 2023}, headers=token("sps_gestor"))
    assert r.status_code == 422 and "exercício 2023" in r.json()["detail"]


async def test_pedidos_sem_sentido_tem_4xx_claro(servicos, token):
    servico = await servicos.iniciar("premiacao")
    cliente = servico.cliente
    r = await cliente.get("/api/v1/exercicios/2031/regras", headers=token("leitura"))
    assert r.status_code == 404 and "PUT" in r.json()["detail"]
    r = await cliente.post("/api/v1/exercicios/2031/apuracoes", headers=token("sps_gestor"))
    assert r.status_code == 404
    r = await cliente.post(f"{URL}/apuracoes", headers=token("sps_gestor"))
    assert r.status_code == 422 and "não há dados de CRAS" in r.json()["detail"]
    r = await cliente.get(f"{URL}/apuracoes/nao-existe", headers=token("leitura"))
    assert r.status_code == 404
    r = await cliente.get(f"{URL}/apuracoes/x/classificacao.pdf", headers=token("leitura"))
    assert r.status_code == 422
    r = await cliente.get("/api/v1/exercicios/1999/regras", headers=token("leitura"))
    assert r.status_code == 422
    r = await cliente.put(f"{URL}/regras", json={"exercicio": "dois mil"}, headers=token("sps_gestor"))
    assert r.status_code == 422
    r = await cliente.post(f"{URL}/apuracoes", headers=token("municipio", ibge7="2304400"))
    assert r.status_code == 403


async def test_simulacao_mostra_o_efeito_sem_guardar(servicos, token):
    servico = await _premiacao_com_dados(servicos, token, eventos_do_cenario(municipios=6))
    await _esperar_cras(
        servico, token, id_cras("2300060", 2), lambda c: c["meses_sisc"] == {"2020": 1, "2021": 1}
    )
    cliente = servico.cliente
    vigente = (await cliente.post(f"{URL}/simulacoes", json={}, headers=token("sps_tecnico"))).json()
    so_idcras = {"pesos": {"w1": "0.5", "w2": "0.5", "w3": "0", "w4": "0"}, "numero_premios": 2}
    so_idcras["faixas"] = [{"de": 1, "ate": 2, "valor": "100.00"}]
    so_idcras["valor_total"] = "200.00"
    r = await cliente.post(f"{URL}/simulacoes", json={"regras": so_idcras}, headers=token("sps_tecnico"))
    assert r.status_code == 200, r.text
    simulada = r.json()
    assert simulada["impressao_digital"] == vigente["impressao_digital"]
    assert {a["campo"] for a in simulada["alteracoes"]} >= {"pesos.w1", "pesos.w3", "numero_premios"}
    assert simulada["resumo"]["premiados"] == 2 and simulada["resumo"]["valor_total_distribuido"] == "200.00"
    aptos = [linha for linha in simulada["classificacao"] if linha["apto"]]
    for linha in aptos:  # só o IDCRAS pesa: IC = 0,5·Z_id[t] + 0,5·Z_id[t−1]
        z = linha["padronizados"]
        esperado = (Decimal(z["idcras_t"]) + Decimal(z["idcras_t_menos_1"])) / 2
        assert abs(Decimal(linha["ic"]) - esperado) <= Decimal("1e-10")
    assert [Decimal(linha["iq"]) for linha in aptos] == sorted(
        (Decimal(linha["iq"]) for linha in aptos), reverse=True
    )
    assert [linha["id_cras"] for linha in aptos] != [
        linha["id_cras"] for linha in vigente["classificacao"] if linha["apto"]
    ]
    assert (await cliente.get(f"{URL}/apuracoes", headers=token("leitura"))).json()["itens"] == []

    r = await cliente.post(
        f"{URL}/simulacoes", json={"regras": {"pesos": {"w1": "2"}}}, headers=token("sps_tecnico")
    )
    assert r.status_code == 422 and "pesos.w1" in r.json()["detail"]
    r = await cliente.post(f"{URL}/simulacoes", json={"regras": {"escala": "0"}}, headers=token("leitura"))
    assert r.status_code == 403
