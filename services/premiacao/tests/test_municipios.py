from tests.apoio.leitura_municipios import verificar_leitura_de_municipios


async def test_mantem_os_municipios_recebidos_da_ingestao(servicos, token):
    await verificar_leitura_de_municipios(servicos, token, "premiacao")
