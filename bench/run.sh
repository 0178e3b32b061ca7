#!/usr/bin/env bash
# Bounded loopback benchmarks of the foundation (make bench). Every load goes to 127.0.0.1
# only, for a fixed duration; the server and its data live in a temporary folder removed at
# the end. Prints one table; the README keeps the figures of the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

COOPOLE=./build/src/app/coopole
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
export COOPOLE_REFERENCE_DIR=${COOPOLE_REFERENCE_DIR:-$PWD/build/reference}
work=$(mktemp -d /tmp/coopole-bench.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite:$work/bench.db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)

echo "== preparing: migrate, one hub, 5,000 members, a coordinator"
$COOPOLE migrate --db "$db" >/dev/null
$COOPOLE hub add --db "$db" --slug bench --name "Pôle de mesure" >/dev/null
$COOPOLE hub add --db "$db" --slug import --name "Pôle d'import" >/dev/null
echo "bench-password-123" | $COOPOLE user add --db "$db" --email bench@coopole.test --name Bench --role coordinator --hub bench >/dev/null
node bench/generate-members.mjs 5000 "$work/members-5k.csv" "$COOPOLE_REFERENCE_DIR"
$COOPOLE import members "$work/members-5k.csv" --hub bench --db "$db" >/dev/null

echo "== import of 100,000 CSV rows"
node bench/generate-members.mjs 100000 "$work/members-100k.csv" "$COOPOLE_REFERENCE_DIR"
start=$(date +%s.%N)
$COOPOLE import members "$work/members-100k.csv" --hub import --db "$db" >/dev/null
end=$(date +%s.%N)
import_seconds=$(awk "BEGIN{print $end - $start}")

echo "== pooling fixture: 1,000 resources and 1,000,000 bookings; a hub of 100 members with 50,000 bookings in November 2026"
$COOPOLE hub add --db "$db" --slug stmt --name "Pôle des relevés" >/dev/null
node bench/generate-members.mjs 100 "$work/members-100.csv" "$COOPOLE_REFERENCE_DIR"
$COOPOLE import members "$work/members-100.csv" --hub stmt --db "$db" >/dev/null
echo "bench-password-123" | $COOPOLE user add --db "$db" --email stmt@coopole.test --name Releves --role coordinator --hub stmt >/dev/null
dbfile="$work/bench.db"
bench_hub=$(sqlite3 "$dbfile" "SELECT id FROM hubs_hubs WHERE slug = 'bench'")
stmt_hub=$(sqlite3 "$dbfile" "SELECT id FROM hubs_hubs WHERE slug = 'stmt'")
start=$(date +%s.%N)
sed -e "s/:BENCH_HUB/$bench_hub/g" -e "s/:STMT_HUB/$stmt_hub/g" bench/pooling-seed.sql | sqlite3 "$dbfile"
end=$(date +%s.%N)
seed_seconds=$(awk "BEGIN{print $end - $start}")
# 16 rooms without opening hours for the concurrent booking scenario, and 20 members to book them.
sqlite3 "$dbfile" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 16)
  INSERT INTO pooling_resources (hub_id, kind, category, name, name_folded, search_text, price_unit, price_member, created_at, updated_at)
  SELECT $bench_hub, 'premises', 'room', 'Salle disputée ' || i, 'salle disputee ' || i, 'salle disputee', 'hour', 1000, 0, 0 FROM n"
book_resources=$(sqlite3 "$dbfile" "SELECT group_concat(id) FROM pooling_resources WHERE hub_id = $bench_hub AND name LIKE 'Salle disputée%'")
book_members=$(sqlite3 "$dbfile" "SELECT group_concat(id) FROM (SELECT id FROM members_members WHERE hub_id = $bench_hub ORDER BY id LIMIT 20)")
printf 'pooling fixture written in %.1f s (%s bookings)\n' "$seed_seconds" "$(sqlite3 "$dbfile" 'SELECT COUNT(*) FROM pooling_bookings')"

token=$($COOPOLE token add --db "$db" --email bench@coopole.test --name bench)
stmt_token=$($COOPOLE token add --db "$db" --email stmt@coopole.test --name bench)

echo "== serving on 127.0.0.1:$port"
COOPOLE_ACCESS_LOG=${BENCH_ACCESS_LOG:-true} $COOPOLE serve --db "$db" --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# A signed-in browser session for the pages (cookie + CSRF through the real login form).
jar="$work/cookies"
curl -fs -c "$jar" "http://127.0.0.1:$port/login" -o "$work/login.html"
csrf=$(grep -o 'name="csrf" value="[^"]*"' "$work/login.html" | head -1 | sed 's/.*value="//; s/"$//')
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=bench@coopole.test" \
  --data-urlencode "password=bench-password-123" --data-urlencode "csrf=$csrf" --data-urlencode "next=/" "http://127.0.0.1:$port/login"
session=$(awk '$6=="coopole_session"{print $7}' "$jar")
[ -n "$session" ] || { echo "bench: sign-in failed"; exit 1; }

directory="/hubs/bench/members?q=economie&legal_form=association&per_page=50"
declare -a names=("directory page (search + filter, 50 rows)" "directory, 96 searches in turn" "members API list (50 rows)" "/healthz" "static asset (pico.min.css)")
declare -a urls=("$directory" "/hubs/bench/members" "/api/v1/hubs/bench/members?per_page=50" "/healthz" "/static/vendor/pico.min.css")
declare -a headers=("Cookie: coopole_session=$session" "Cookie: coopole_session=$session" "Authorization: Bearer $token" "X-Bench: 1" "X-Bench: 1")
declare -a scripts=("" "bench/rotating-searches.lua" "" "" "")

# Check the pages answer 200 before measuring them.
for i in "${!urls[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "${headers[$i]}" "http://127.0.0.1:$port${urls[$i]}")
  [ "$code" = 200 ] || { echo "bench: ${urls[$i]} answered $code"; exit 1; }
done

peak_rss_kb=0
printf '\n%-45s %12s %10s %10s\n' "scenario" "requests/s" "p50" "p99"
for i in "${!urls[@]}"; do
  script_args=()
  [ -n "${scripts[$i]}" ] && script_args=(-s "${scripts[$i]}")
  BENCH_HUB_PATH=/hubs/bench/members wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${script_args[@]}" \
    -H "${headers[$i]}" "http://127.0.0.1:$port${urls[$i]}" >"$work/wrk-$i.txt" &
  wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/{print $2}' "/proc/$server_pid/status")
    [ "$rss" -gt "$peak_rss_kb" ] && peak_rss_kb=$rss
    sleep 0.5
  done
  wait "$wrk_pid"
  rps=$(awk '/Requests\/sec/{print $2}' "$work/wrk-$i.txt")
  p50=$(awk '$1=="50%"{print $2}' "$work/wrk-$i.txt")
  p99=$(awk '$1=="99%"{print $2}' "$work/wrk-$i.txt")
  errors=$(grep -E 'Non-2xx|Socket errors' "$work/wrk-$i.txt" | tr '\n' ' ' || true)
  printf '%-45s %12s %10s %10s %s\n' "${names[$i]}" "$rps" "$p50" "$p99" "$errors"
done

directory_rss_kb=$peak_rss_kb

# Pooling: availability over 1,000 resources and 1,000,000 bookings; monthly statements of
# 100 members and 50,000 bookings; 64 clients booking colliding slots of 16 rooms.
export BENCH_POOLING_PATH=/api/v1/hubs/bench/pooling BENCH_BOOK_RESOURCES="$book_resources" BENCH_BOOK_MEMBERS="$book_members"
probe="$BENCH_POOLING_PATH/availability?start=2027-03-02T09:00&end=2027-03-02T12:00&kind=premises&capacity=10"
code=$(curl -s -o "$work/availability.json" -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$probe")
[ "$code" = 200 ] || { echo "bench: availability answered $code"; cat "$work/availability.json"; exit 1; }
code=$(curl -s -o "$work/statement.json" -w '%{http_code}' -H "Authorization: Bearer $stmt_token" \
  "http://127.0.0.1:$port/api/v1/hubs/stmt/pooling/statements?month=2026-11")
[ "$code" = 200 ] || { echo "bench: statements answered $code"; cat "$work/statement.json"; exit 1; }

measure() {  # name, connections, output file, wrk arguments...
  local name=$1 conns=$2 out=$3
  shift 3
  local threads=2
  [ "$conns" -lt 2 ] && threads=1
  wrk -t"$threads" -c"$conns" -d"$DURATION" --latency "$@" >"$out" &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/{print $2}' "/proc/$server_pid/status")
    [ "$rss" -gt "$peak_rss_kb" ] && peak_rss_kb=$rss
    sleep 0.5
  done
  wait "$wrk_pid"
  printf '%-45s %12s %10s %10s %s\n' "$name" "$(awk '/Requests\/sec/{print $2}' "$out")" \
    "$(awk '$1=="50%"{print $2}' "$out")" "$(awk '$1=="99%"{print $2}' "$out")" \
    "$(grep -E 'Non-2xx|Socket errors' "$out" | tr '\n' ' ' || true)"
}
measure "availability, 1,000 res. / 1M bookings" "$CONNECTIONS" "$work/wrk-availability.txt" -s bench/availability-searches.lua \
  -H "Authorization: Bearer $token" "http://127.0.0.1:$port/"
measure "availability, same, 8 clients" 8 "$work/wrk-availability-8.txt" -s bench/availability-searches.lua \
  -H "Authorization: Bearer $token" "http://127.0.0.1:$port/"
# A statement is a computation someone waits for: measured one at a time.
measure "monthly statement of the hub, 1 client" 1 "$work/wrk-statements.txt" -H "Authorization: Bearer $stmt_token" \
  "http://127.0.0.1:$port/api/v1/hubs/stmt/pooling/statements?month=2026-11"
before=$(sqlite3 "$dbfile" "SELECT COUNT(*) FROM pooling_bookings WHERE resource_id IN ($book_resources)")
measure "booking, 64 clients, colliding slots" 64 "$work/wrk-bookings.txt" -s bench/create-bookings.lua \
  -H "Authorization: Bearer $token" "http://127.0.0.1:$port/"
after=$(sqlite3 "$dbfile" "SELECT COUNT(*) FROM pooling_bookings WHERE resource_id IN ($book_resources)")
overlaps=$(sqlite3 "$dbfile" "SELECT COUNT(*) FROM pooling_bookings a JOIN pooling_bookings b
  ON a.resource_id = b.resource_id AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
  WHERE a.resource_id IN ($book_resources) AND a.holds_slot = 1 AND b.holds_slot = 1")
seconds=${DURATION%s}
printf 'bookings confirmed under 64 clients: %d in %s s (%.0f bookings/s), overlapping pairs: %d\n' \
  $((after - before)) "$seconds" "$(awk "BEGIN{print ($after - $before) / $seconds}")" "$overlaps"
[ "$overlaps" = 0 ] || { echo "bench: DOUBLE BOOKING"; exit 1; }

printf '\nserver peak RSS under load: %d MB during the directory scenarios, %d MB at the end\n' \
  $((directory_rss_kb / 1024)) $((peak_rss_kb / 1024))
echo "(RSS counts the pages of the database file the server has read through its memory map.)"
printf 'import of 100,000 CSV rows: %.2f s\n' "$import_seconds"

# Cooperation: suggestions for 200 hubs x 100 members with 20,000 open posts (its own server).
COOPOLE="$COOPOLE" COOPOLE_REFERENCE_DIR="$COOPOLE_REFERENCE_DIR" bash bench/cooperation.sh

# Animation: yearly collective-time totals of 2,000 people / 200,000 attendance records (its own server).
COOPOLE="$COOPOLE" COOPOLE_REFERENCE_DIR="$COOPOLE_REFERENCE_DIR" bash bench/animation.sh
