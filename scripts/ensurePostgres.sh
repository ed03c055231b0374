#!/usr/bin/env bash
# The Postgres tests start throwaway PostgreSQL servers (packages/db/src/testing/postgresCluster.ts) from the server
# binaries `initdb`, `pg_ctl` and `postgres`: found through POSTGRES_BIN, on PATH, or in Debian's
# /usr/lib/postgresql/N/bin. A machine with none gets Debian's package, as the tests' own setup, so a fresh machine
# runs them. The server refuses to run as root: as root, the tests run it as the `postgres` user, made here if missing.
set -euo pipefail
found() {
  if [[ -n "${POSTGRES_BIN:-}" ]]; then [[ -x "$POSTGRES_BIN/initdb" ]]; return; fi
  command -v initdb >/dev/null 2>&1 && return 0
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}
ensure_user() {
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then useradd --system --no-create-home postgres; fi
}
if found; then ensure_user; exit 0; fi
if [[ -n "${POSTGRES_BIN:-}" ]]; then
  echo "POSTGRES_BIN=$POSTGRES_BIN holds no initdb" >&2
  exit 1
fi
echo "▸ installing PostgreSQL for the Postgres tests (Debian package postgresql)"
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo -n); else
    echo "PostgreSQL is missing and installing it needs root: run 'sudo apt-get install -y postgresql', or set POSTGRES_BIN" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL is missing and this machine has no apt-get: install its server binaries and set POSTGRES_BIN to their folder" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Only the binaries: the tests make their own clusters, so the package is told not to create (and start) a main one.
"${as_root[@]}" mkdir -p /etc/postgresql-common
echo 'create_main_cluster = false' | "${as_root[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
"${as_root[@]}" apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1 \
  || { "${as_root[@]}" apt-get update >/dev/null && "${as_root[@]}" apt-get install -y --no-install-recommends postgresql >/dev/null; }
found || { echo "installed the postgresql package, but no initdb was found" >&2; exit 1; }
ensure_user
