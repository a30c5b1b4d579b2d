# SUAS-CE — tudo começa aqui. `make run` sobe o sistema; `make test` roda lint, tipos e testes.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
INSTALADO := $(VENV)/.instalado

.PHONY: run test bench migrate lint tipos asyncapi k8s lock instalar limpar

$(INSTALADO): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check "uv==0.13.9"
	@$(UV) pip sync -q --python $(PY) requirements.lock
	@$(UV) pip install -q --python $(PY) --no-deps -e .
	@touch $@

instalar: $(INSTALADO)

## Sobe broker Tansu, migra os quatro bancos, inicia os serviços e carrega os municípios.
run: $(INSTALADO)
	@$(PY) -m services.cli rodar

## Lint (ruff), tipos (mypy) e a suíte inteira (com broker próprio e um PostgreSQL descartável).
test: $(INSTALADO)
	@bash scripts/testar.sh

bench: $(INSTALADO)
	@$(PY) -m bench

migrate: $(INSTALADO)
	@$(PY) -m services.cli migrar todos

lint: $(INSTALADO)
	@$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

tipos: $(INSTALADO)
	@$(VENV)/bin/mypy shared services

asyncapi: $(INSTALADO)
	@$(PY) -m services.cli asyncapi

## Regenera os manifestos Kubernetes que derivam do catálogo de eventos (KafkaTopic, KafkaUser, KEDA).
k8s: $(INSTALADO)
	@$(PY) -m services.cli k8s

## Atualiza o lock de dependências (com hashes) a partir do pyproject.toml.
lock: $(INSTALADO)
	@$(UV) pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -q -o requirements.lock
	@$(UV) pip compile pyproject.toml --generate-hashes --python-version 3.11 -q -c requirements.lock -o requirements-prod.lock

limpar:
	rm -rf var .pytest_cache .ruff_cache .mypy_cache
