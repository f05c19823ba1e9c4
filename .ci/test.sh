#!/usr/bin/env bash
# `make test`: lint, then the whole suite; the integration and e2e tests run on SQLite and on a
# PostgreSQL started here on loopback (installed from Debian's packages when missing) and stopped
# afterwards. Give your own server with GRIDBOT_TEST_PG=postgresql+asyncpg://…, or skip PostgreSQL
# with GRIDBOT_NO_PG=1 (for a machine where you cannot install packages).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
"$BIN/ruff" check .
if [ -z "${GRIDBOT_TEST_PG:-}" ] && [ "${GRIDBOT_NO_PG:-0}" != 1 ]; then
    # shellcheck source=.ci/postgres.sh
    source .ci/postgres.sh
    trap pg_stop EXIT
    pg_start || { echo "could not start PostgreSQL; GRIDBOT_NO_PG=1 runs the suite on SQLite only" >&2; exit 1; }
fi
"$BIN/python" -m pytest "$@"
