#!/usr/bin/env bash
# Cooperation suggestions benchmark (issue 4): an installation of 200 hubs x 100 members with
# 20,000 open posts (bench/cooperation-seed.sql). Measures over loopback HTTP, with curl's
# time_total, the median of BENCH_RUNS runs of
#   - the whole installation's suggestions (GET /api/v1/cooperation/suggestions, an admin), target <= 2 s
#   - one hub's suggestions (GET /api/v1/hubs/coop-0/cooperation/suggestions), target <= 50 ms
# Self-contained: its own server and database in a temporary folder, removed at the end.
# Usage: bash bench/cooperation.sh   (COOPOLE=path/to/coopole, default ./build/src/app/coopole)
set -euo pipefail
cd "$(dirname "$0")/.."

COOPOLE=${COOPOLE:-./build/src/app/coopole}
RUNS=${BENCH_RUNS:-7}
export COOPOLE_REFERENCE_DIR=${COOPOLE_REFERENCE_DIR:-$PWD/build/reference}
work=$(mktemp -d /tmp/coopole-coop-bench.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite:$work/coop.db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18081)

echo "== cooperation fixture: 200 hubs x 100 members, 20,000 open posts"
$COOPOLE migrate --db "$db" >/dev/null
start=$(date +%s.%N)
sed "s#:COMMUNES#$COOPOLE_REFERENCE_DIR/communes.tsv#" bench/cooperation-seed.sql | sqlite3 "$work/coop.db"
end=$(date +%s.%N)
printf 'fixture written in %.1f s: %s hubs, %s members, %s open posts\n' "$(awk "BEGIN{print $end - $start}")" \
  "$(sqlite3 "$work/coop.db" "SELECT COUNT(*) FROM hubs_hubs WHERE slug LIKE 'coop-%'")" \
  "$(sqlite3 "$work/coop.db" 'SELECT COUNT(*) FROM members_members')" \
  "$(sqlite3 "$work/coop.db" "SELECT COUNT(*) FROM cooperation_posts WHERE status = 'open'")"
echo "bench-password-123" | $COOPOLE user add --db "$db" --email admin@coopole.test --name Admin --admin >/dev/null
echo "bench-password-123" | $COOPOLE user add --db "$db" --email coord@coopole.test --name Coord --role coordinator --hub coop-0 >/dev/null
admin_token=$($COOPOLE token add --db "$db" --email admin@coopole.test --name bench)
coord_token=$($COOPOLE token add --db "$db" --email coord@coopole.test --name bench)

$COOPOLE serve --db "$db" --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

median() {  # token, path -> median seconds of RUNS requests (after one warm-up)
  local token=$1 path=$2 times=()
  code=$(curl -s -o "$work/answer.json" -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")
  [ "$code" = 200 ] || { echo "bench: $path answered $code" >&2; head -c 300 "$work/answer.json" >&2; exit 1; }
  for _ in $(seq 1 "$RUNS"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'
}

installation=$(median "$admin_token" "/api/v1/cooperation/suggestions?limit=100")
total=$(python3 -c "import json,sys; print(json.load(open('$work/answer.json'))['total'])")
hub=$(median "$coord_token" "/api/v1/hubs/coop-0/cooperation/suggestions?limit=100")
hub_total=$(python3 -c "import json,sys; print(json.load(open('$work/answer.json'))['total'])")
printf '\n%-55s %10s %10s\n' "cooperation scenario (median of $RUNS)" "seconds" "target"
printf '%-55s %10s %10s\n' "suggestions, whole installation ($total found)" "$installation" "2"
printf '%-55s %10s %10s\n' "suggestions, one hub of 100 members ($hub_total found)" "$hub" "0.05"
awk -v a="$installation" -v b="$hub" 'BEGIN{ if (a > 2 || b > 0.05) { print "bench: cooperation suggestions OVER TARGET"; exit 1 } }'
