pytest_plugins = ["tests.apoio.fixtures"]
