#!/usr/bin/env bash
# make test: ruff, mypy e pytest. A suíte PostgreSQL roda contra um cluster descartável iniciado aqui.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv

echo "== ruff"
$VENV/bin/ruff check .
$VENV/bin/ruff format --check .
echo "== mypy"
$VENV/bin/mypy shared services bench

source scripts/postgres_teste.sh
iniciar_postgres_teste
trap parar_postgres_teste EXIT

echo "== pytest"
$VENV/bin/python -m pytest -q -p no:cacheprovider "$@"
