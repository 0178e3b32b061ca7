#!/usr/bin/env bash
# with-postgres.sh CMD...
# Runs CMD against a throwaway PostgreSQL 15 cluster: initdb in a temporary directory,
# start on a free loopback port, export COOPOLE_TEST_PG_URL (admin URI, trust auth), run
# CMD, then stop the server and remove the directory. Exits with CMD's status.
# Works as root (the server runs as user postgres) or as an ordinary user.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD..." >&2
  exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x "$PG_BIN/initdb" ]] || { echo "with-postgres: no initdb in $PG_BIN" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/coopole-pg-XXXXXX")
if [[ $(id -u) -eq 0 ]]; then
  chown postgres: "$dir"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 2; }

# A port nobody listens on now; retried if the server still loses the race for it.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

started=0
for _ in 1 2 3 4 5; do
  port=$(free_port)
  if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null; then
    started=1
    break
  fi
done
if [[ $started -ne 1 ]]; then
  echo "with-postgres: server did not start" >&2
  cat "$dir/server.log" >&2 || true
  exit 2
fi
for _ in $(seq 1 50); do
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.1
done

export COOPOLE_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
status=0
"$@" || status=$?
exit "$status"
