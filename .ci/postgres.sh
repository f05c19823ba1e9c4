#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for the test suite: installed from Debian's packages when
# missing, started in a temporary directory, stopped (and deleted) by `pg_stop`. Sourced by .ci/run.
#   pg_start   → exports GRIDBOT_TEST_PG=postgresql+asyncpg://gridbot@127.0.0.1:$PG_PORT/postgres (a free port)
#   pg_stop    → stops what pg_start started; safe to call twice

_free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

_as_pg() {  # initdb and postgres refuse to run as root: use the packages' postgres user then
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_install() {
    if [ -z "$(_pg_bin)" ] || [ ! -x "$(_pg_bin)/initdb" ]; then
        echo "installing PostgreSQL from Debian's packages…"
        local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
        # Debian would create and start a system-wide cluster on 5432 that nobody stops: ask it not to.
        $sudo mkdir -p /etc/postgresql-common
        echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.conf >/dev/null
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    fi
}

pg_start() {
    pg_install
    local bin; bin="$(_pg_bin)"
    PG_PORT="${PG_PORT:-$(_free_port)}"
    PG_DIR="$(mktemp -d /tmp/gridbot-pg.XXXXXX)"
    [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
    _as_pg "$bin/initdb" -D "$PG_DIR/data" -U gridbot -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # Tuned for tests on loopback: no fsync (the data is thrown away), enough connections for the pools.
    _as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o \
        "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null
    export GRIDBOT_TEST_PG="postgresql+asyncpg://gridbot@127.0.0.1:$PG_PORT/postgres"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

pg_stop() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
        _as_pg "$(_pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
    PG_DIR=""
}
