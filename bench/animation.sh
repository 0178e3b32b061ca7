#!/usr/bin/env bash
# Collective time benchmark (issue 5): yearly totals of a hub of 100 organisations, 2,000
# people and 200,000 attendance records (bench/animation-seed.sql), target <= 200 ms.
# Measures over loopback HTTP, with curl's time_total, the median and p95 of BENCH_RUNS
# requests (after one warm-up) of GET /api/v1/hubs/anim/animation/time/totals?year=2026&by=X
# for each breakdown, plus the chart's monthly series and a CSV export.
# Self-contained: its own server and database in a temporary folder, removed at the end.
# Usage: bash bench/animation.sh   (COOPOLE=path/to/coopole, default ./build/src/app/coopole)
set -euo pipefail
cd "$(dirname "$0")/.."

COOPOLE=${COOPOLE:-./build/src/app/coopole}
RUNS=${BENCH_RUNS:-21}
export COOPOLE_REFERENCE_DIR=${COOPOLE_REFERENCE_DIR:-$PWD/build/reference}
work=$(mktemp -d /tmp/coopole-anim-bench.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite:$work/anim.db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18082)

echo "== collective time fixture: 100 organisations, 2,000 people, 200,000 attendance records"
$COOPOLE migrate --db "$db" >/dev/null
start=$(date +%s.%N)
sqlite3 "$work/anim.db" < bench/animation-seed.sql
end=$(date +%s.%N)
printf 'fixture written in %.1f s: %s organisations, %s people, %s attendance records, %s entries\n' \
  "$(awk "BEGIN{print $end - $start}")" \
  "$(sqlite3 "$work/anim.db" "SELECT COUNT(*) FROM members_members m JOIN hubs_hubs h ON h.id = m.hub_id WHERE h.slug = 'anim'")" \
  "$(sqlite3 "$work/anim.db" "SELECT COUNT(*) FROM members_people p JOIN hubs_hubs h ON h.id = p.hub_id WHERE h.slug = 'anim'")" \
  "$(sqlite3 "$work/anim.db" 'SELECT COUNT(*) FROM animation_attendance')" \
  "$(sqlite3 "$work/anim.db" 'SELECT COUNT(*) FROM animation_time_entries')"
echo "bench-password-123" | $COOPOLE user add --db "$db" --email coord@coopole.test --name Coord --role coordinator --hub anim >/dev/null
token=$($COOPOLE token add --db "$db" --email coord@coopole.test --name bench)

$COOPOLE serve --db "$db" --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# path -> "median p95" in milliseconds of RUNS requests (after one warm-up checked for 200).
measure() {
  local path=$1 times=()
  code=$(curl -s -o "$work/answer" -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")
  [ "$code" = 200 ] || { echo "bench: $path answered $code" >&2; head -c 300 "$work/answer" >&2; exit 1; }
  for _ in $(seq 1 "$RUNS"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")")
  done
  printf '%s\n' "${times[@]}" | sort -n |
    awk '{a[NR]=$1*1000} END{p=int(NR*0.95+0.999); if (p>NR) p=NR; printf "%.1f %.1f\n", a[int((NR+1)/2)], a[p]}'
}

api="/api/v1/hubs/anim/animation/time"
printf '\n%-50s %10s %10s %10s\n' "collective time scenario ($RUNS requests)" "median ms" "p95 ms" "target ms"
over=0
for by in person member group kind month; do
  read -r med p95 < <(measure "$api/totals?year=2026&by=$by")
  [ "$by" = person ] && python3 -c "
import json; d=json.load(open('$work/answer'))
print('  (hub total: %d h, %.2f EUR, %d lines; FTE spent %.2f, carrier share %s bp)' % (d['hub_total']['minutes']//60,
  d['hub_total']['value_cents']/100, len(d['lines']), d['fte']['fte_spent_hundredths']/100, d['fte']['share_bp']))" >&2
  printf '%-50s %10s %10s %10s\n' "yearly totals by $by" "$med" "$p95" "200"
  awk -v p="$p95" 'BEGIN{exit !(p > 200)}' && over=1
done
read -r med p95 < <(measure "$api/totals?year=2026&month=6&by=person")
printf '%-50s %10s %10s %10s\n' "June totals by person" "$med" "$p95" "200"
read -r med p95 < <(measure "$api/monthly?year=2026")
printf '%-50s %10s %10s %10s\n' "monthly series per kind (chart)" "$med" "$p95" "-"
read -r med p95 < <(measure "$api/export?format=csv&year=2026&by=person")
printf '%-50s %10s %10s %10s\n' "CSV export by person (2,000 rows)" "$med" "$p95" "-"
[ "$over" = 0 ] || { echo "bench: collective time totals OVER TARGET (p95)"; exit 1; }
