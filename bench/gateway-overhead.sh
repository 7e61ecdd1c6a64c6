#!/usr/bin/env bash
# Gateway overhead (issue 2): throughput and p50/p99 latency of GET /api/auth/me with 32 concurrent
# connections, directly against auth-service and through the gateway, in one run; prints the ratio
# (target: gateway >= 0.85 x direct).
#
# Expects a running stack whose per-user rate limit will not throttle the load (the limiter still runs,
# so its Redis round trip is part of what is measured):
#   STUDILO_RATE_LIMIT_REPLENISH_RATE=1000000 STUDILO_RATE_LIMIT_BURST_CAPACITY=1000000 ./studilo up
#   bench/gateway-overhead.sh
#   ./studilo down
# Knobs (environment): STUDILO_PORT_OFFSET, STUDILO_STATE_DIR, GATEWAY_URL, AUTH_URL, CONNECTIONS (32),
# THREADS (2), DURATION (20s), WARMUP (90s: the reactive gateway needs tens of thousands of requests before the
# JIT has compiled its call paths), ROUNDS (2: direct and gateway alternate, the best round of each counts).
# When the launcher's pid files are found, it also prints the CPU time auth-service and the gateway spent per
# request: on a shared machine that figure is steadier than throughput.
# PIN=1 gives each side its own CPU, as separate Kubernetes pods have (AUTH_CPUS, default 0; GATEWAY_CPUS and
# WRK_CPUS, default 1): auth-service alone on one core in both runs, so the ratio shows what the gateway costs
# the service's throughput rather than how two JVMs share two cores. Without it all three share every core.
set -euo pipefail

offset=${STUDILO_PORT_OFFSET:-0}
gateway=${GATEWAY_URL:-http://127.0.0.1:$((8080 + offset))}
auth=${AUTH_URL:-http://127.0.0.1:$((8081 + offset))}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
duration=${DURATION:-20s}
warmup=${WARMUP:-90s}
state=${STUDILO_STATE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.studilo}
rounds=${ROUNDS:-2}

command -v wrk >/dev/null || { echo "gateway-overhead: needs wrk (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "gateway-overhead: needs curl (apt-get install curl)" >&2; exit 1; }

json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# A fresh student, registered and logged in through the gateway (the public path a client takes).
email="bench-$(date +%s)-$RANDOM@studilo.test"
password="bench-$RANDOM-$RANDOM-password"
curl -fsS -o /dev/null -X POST "$gateway/api/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench Student\"}" \
  || { echo "gateway-overhead: register through $gateway failed; is the stack up (./studilo up)?" >&2; exit 1; }
token=$(curl -fsS -X POST "$gateway/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | json_field accessToken)

for target in "$auth" "$gateway"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$target/api/auth/me")
  [[ "$status" == 200 ]] || { echo "gateway-overhead: GET $target/api/auth/me answered $status" >&2; exit 1; }
done

# CPU ticks (utime + stime) a launcher-started service has used so far, or nothing.
ticks() {
  local pid
  pid=$(cat "$state/pids/$1.pid" 2>/dev/null) || return 0
  [[ -r /proc/$pid/stat ]] && awk '{ print $14 + $15 }' "/proc/$pid/stat"
}
hz=$(getconf CLK_TCK)

wrk_prefix=()
if [[ "${PIN:-0}" == 1 ]]; then
  command -v taskset >/dev/null || { echo "gateway-overhead: PIN=1 needs taskset (util-linux)" >&2; exit 1; }
  for service in auth-service gateway-service; do
    [[ -r "$state/pids/$service.pid" ]] || { echo "gateway-overhead: PIN=1 needs $state/pids/$service.pid" >&2; exit 1; }
  done
  taskset -a -cp "${AUTH_CPUS:-0}" "$(cat "$state/pids/auth-service.pid")" >/dev/null
  taskset -a -cp "${GATEWAY_CPUS:-1}" "$(cat "$state/pids/gateway-service.pid")" >/dev/null
  wrk_prefix=(taskset -c "${WRK_CPUS:-1}")
  echo "pinned: auth-service on CPU ${AUTH_CPUS:-0}, gateway on CPU ${GATEWAY_CPUS:-1}, wrk on CPU ${WRK_CPUS:-1}"
fi

# Runs wrk once; prints "requests_per_second p50_ms p99_ms non2xx auth_cpu_ms_per_request gateway_cpu_ms_per_request".
load() {
  local out a0 g0 a1 g1
  a0=$(ticks auth-service); g0=$(ticks gateway-service)
  out=$("${wrk_prefix[@]}" wrk -t"$threads" -c"$connections" -d"$2" --latency -H "Authorization: Bearer $token" "$1/api/auth/me")
  a1=$(ticks auth-service); g1=$(ticks gateway-service)
  awk -v a0="${a0:-0}" -v a1="${a1:-0}" -v g0="${g0:-0}" -v g1="${g1:-0}" -v hz="$hz" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /requests in/ { n = $1 }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $5 }
    END { printf "%.1f %.2f %.2f %d %.3f %.3f\n", rps, p50, p99, bad, (a1 - a0) * 1000 / hz / n, (g1 - g0) * 1000 / hz / n }' <<<"$out"
}

echo "warm-up: ${warmup} each, direct and through the gateway"
load "$auth" "$warmup" >/dev/null
load "$gateway" "$warmup" >/dev/null

best_direct="0 0 0 0 0 0"
best_gateway="0 0 0 0 0 0"
better() { awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); print (y[1] > x[1] ? b : a) }'; }
for ((round = 1; round <= rounds; round++)); do
  direct=$(load "$auth" "$duration")
  via=$(load "$gateway" "$duration")
  printf 'round %d: direct %s | gateway %s (req/s p50_ms p99_ms non-2xx cpu_ms/req:auth,gateway)\n' \
    "$round" "$direct" "$via"
  for r in "$direct" "$via"; do
    read -r _ _ _ bad _ _ <<<"$r"
    [[ "$bad" == 0 ]] || { echo "gateway-overhead: non-2xx answers during the load (rate limit not raised?)" >&2; exit 1; }
  done
  best_direct=$(better "$best_direct" "$direct")
  best_gateway=$(better "$best_gateway" "$via")
done

read -r d_rps d_p50 d_p99 _ d_auth _ <<<"$best_direct"
read -r g_rps g_p50 g_p99 _ g_auth g_gw <<<"$best_gateway"
echo
echo "GET /api/auth/me, $connections connections, $threads wrk threads, $duration per run (best of $rounds)"
printf '%-10s %12s %10s %10s %16s %16s\n' "" "req/s" "p50 ms" "p99 ms" "auth cpu ms/req" "gw cpu ms/req"
printf '%-10s %12s %10s %10s %16s %16s\n' direct "$d_rps" "$d_p50" "$d_p99" "$d_auth" "-"
printf '%-10s %12s %10s %10s %16s %16s\n' gateway "$g_rps" "$g_p50" "$g_p99" "$g_auth" "$g_gw"
awk -v g="$g_rps" -v d="$d_rps" 'BEGIN { r = g / d; printf "ratio gateway/direct: %.3f (target >= 0.85: %s)\n", r, (r >= 0.85 ? "met" : "NOT met") }'
