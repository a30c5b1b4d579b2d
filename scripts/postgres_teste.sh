#!/usr/bin/env bash
# Cluster PostgreSQL descartável para a suíte de testes (initdb recusa root: roda como `postgres`).
# Exporta SUAS_TESTE_POSTGRES_URL; sem binários instaláveis, avisa e a suíte PostgreSQL é pulada.

_pg_bin() {
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  command -v initdb >/dev/null && dirname "$(command -v initdb)"
}

iniciar_postgres_teste() {
  local bin
  bin=$(_pg_bin || true)
  if [ -z "$bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== instalando PostgreSQL (Debian) para a suíte de testes"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || true
    bin=$(_pg_bin || true)
  fi
  if [ -z "$bin" ]; then
    echo "AVISO: sem binários do PostgreSQL nesta máquina; a suíte PostgreSQL será pulada." >&2
    return 0
  fi
  PG_DIR=$(mktemp -d /tmp/suas-pg.XXXXXX)
  local porta
  porta=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local como=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    como=(env -C / runuser -u postgres --)  # de /: o postgres não entra na pasta do projeto
  fi
  "${como[@]}" "$bin/initdb" -D "$PG_DIR/dados" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  "${como[@]}" "$bin/pg_ctl" -D "$PG_DIR/dados" -l "$PG_DIR/log" -w -o "-p $porta -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  PG_PARAR=("${como[@]}" "$bin/pg_ctl" -D "$PG_DIR/dados" -m fast stop)
  export SUAS_TESTE_POSTGRES_URL="postgresql+asyncpg://postgres@127.0.0.1:$porta/postgres"
  echo "== PostgreSQL de teste em 127.0.0.1:$porta ($($bin/postgres --version))"
}

parar_postgres_teste() {
  if [ -n "${PG_DIR:-}" ]; then
    "${PG_PARAR[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
