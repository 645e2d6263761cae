#!/usr/bin/env bash
# Sends the abusive documents of issue 15 to a running API and prints, for each, the answer, the wall time and the
# server CPU it cost; then sends four of them at once, and four streams of 25 each, while timing /health/ready.
#   usage: docs/security-probe.sh [URL] [PID]     (defaults: http://127.0.0.1:5080, the process listening on URL's port)
# Server CPU is the sum of /proc/PID/task/*/schedstat (nanoseconds, every thread), read before and after each request:
# background work (the projection daemon) in that window counts too, so the figures are upper bounds.
set -euo pipefail
URL="${1:-http://127.0.0.1:5080}"
PORT="${URL##*:}"; PORT="${PORT%%/*}"
PID="${2:-$(ss -Hltnp "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)}"
[ -n "$PID" ] || { echo "No process listens on port $PORT; pass its PID." >&2; exit 1; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT

cpu_ns() { cat /proc/"$PID"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s }'; }
repeat() { local i; for ((i = 0; i < $2; i++)); do printf '%s ' "$1"; done; }
body() { printf '{"query":"%s"}' "$1" > "$WORK/$2.json"; }  # documents below hold no quotes or backslashes

body "{ $(repeat 'me { id }' 10000) }" duplicate-fields
body "{ $(repeat 'communities(first: 1) { nodes { id } }' 5000) }" list-reads
body "{ $(for ((i = 0; i < 5000; i++)); do printf 'c%d: community(slug: \\"s%d\\") { id } ' $i $i; done) }" aliased-lookups
body "fragment F on Query { me { id } } { $(repeat '...F' 1000) }" fragment-spreads
body "{ communities { nodes { $(repeat 'parent {' 200) id $(repeat '}' 200) } } }" nested-200
body "{ $(repeat 'me{id}' 1500) }" many-tokens
body "{ ...F10 } fragment F0 on Query { me { id } } $(for ((i = 1; i <= 10; i++)); do printf 'fragment F%d on Query { ...F%d ...F%d } ' $i $((i - 1)) $((i - 1)); done)" fragment-bomb
body "{ $(for ((i = 0; i < 45; i++)); do printf 'c%d: community(slug: \\"s%d\\") { id } ' $i $i; done) }" root-lookups

post() { curl -s -o "$WORK/out" -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' --data-binary @"$WORK/$1.json" "$URL/graphql"; }

printf '%-18s %8s %6s %-20s %9s %12s\n' document bytes status code wall_ms server_cpu_ms
for name in duplicate-fields list-reads aliased-lookups fragment-spreads nested-200 many-tokens fragment-bomb root-lookups; do
  before="$(cpu_ns)"
  read -r status wall < <(post "$name")
  after="$(cpu_ns)"
  code="$(grep -o '"code":"[A-Z_]*"' "$WORK/out" | head -n 1 | cut -d'"' -f4)"
  printf '%-18s %8d %6s %-20s %9.1f %12.1f\n' "$name" "$(wc -c < "$WORK/$name.json")" "$status" "${code:--}" \
    "$(echo "$wall * 1000" | bc)" "$(echo "($after - $before) / 1000000" | bc -l)"
done

health_summary() {
  awk '{ t = $2 * 1000; n++; s += t; if (t > m) m = t; if ($1 != 200) bad++ } END {
    printf "  /health/ready: %d probes, mean %.1f ms, max %.1f ms, not 200: %d\n", n, s / n, m, bad + 0 }' "$1"
}

echo
echo "baseline, no attack: /health/ready timed every 100 ms, 15 times:"
for ((i = 0; i < 15; i++)); do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$URL/health/ready"; sleep 0.1; done > "$WORK/baseline"
health_summary "$WORK/baseline"

echo "four abusive documents sent at once, one each, while /health/ready is timed back to back:"
touch "$WORK/running"
( while [ -e "$WORK/running" ]; do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$URL/health/ready"; done ) > "$WORK/health-once" &
health=$!
attackers=()
for name in duplicate-fields list-reads aliased-lookups fragment-spreads; do post "$name" > /dev/null & attackers+=($!); done
wait "${attackers[@]}"
rm "$WORK/running"; wait "$health"
health_summary "$WORK/health-once"

echo "four abusive documents in parallel, 25 times each, while /health/ready is timed every 100 ms:"
touch "$WORK/running"
( while [ -e "$WORK/running" ]; do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$URL/health/ready"; sleep 0.1; done ) > "$WORK/health" &
health=$!
attackers=()
for name in duplicate-fields list-reads aliased-lookups fragment-spreads; do
  ( for ((i = 0; i < 25; i++)); do post "$name" | cut -d' ' -f1; done > "$WORK/$name.statuses" ) &
  attackers+=($!)
done
wait "${attackers[@]}"
rm "$WORK/running"; wait "$health"
echo "  answers: $(cat "$WORK"/*.statuses | sort | uniq -c | awk '{ printf "%s×%s ", $1, $2 }')"
health_summary "$WORK/health"
