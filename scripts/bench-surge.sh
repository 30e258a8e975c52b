#!/usr/bin/env bash
# Benchmark: the 19 July 2021 opening (cohort 53-54) replayed by sluice-surge against a real
# sluice-server on 127.0.0.1, at >= 1,000,000 citizens by default. Prints the surge's report
# and the server's peak resident memory (VmHWM). Figures are recorded in docs/surge.md.
#
#   scripts/bench-surge.sh                      # 1,008,400 citizens (scale 0.67), clock x0.05
#   SCALE=1 TIME_SCALE=0.1 scripts/bench-surge.sh
#
# Environment: BUILD_DIR (default build), SCALE (0.67), TIME_SCALE (0.05), OPENS_IN_S (45),
# RATE (20000 admissions/s), MAX_ACTIVE (200000), SERVER_THREADS (2), DURATION_LIMIT (1500),
# REPORT (bench-surge-report.json in the build folder), CONNECTIONS (256), BOOKING_CONNECTIONS (512).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
SCALE="${SCALE:-0.67}"
TIME_SCALE="${TIME_SCALE:-0.05}"
OPENS_IN_S="${OPENS_IN_S:-45}"
RATE="${RATE:-20000}"
MAX_ACTIVE="${MAX_ACTIVE:-200000}"
SERVER_THREADS="${SERVER_THREADS:-2}"
DURATION_LIMIT="${DURATION_LIMIT:-1500}"
CONNECTIONS="${CONNECTIONS:-256}"
BOOKING_CONNECTIONS="${BOOKING_CONNECTIONS:-512}"
REPORT="${REPORT:-$BUILD_DIR/bench-surge-report.json}"

if [[ ! -x "$BUILD_DIR/bin/sluice-server" || ! -x "$BUILD_DIR/bin/sluice-surge" ]]; then
    echo "bench-surge: building sluice-server and sluice-surge in $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLUICE_BUILD_CONSOLE=OFF >/dev/null
    cmake --build "$BUILD_DIR" -j2 --target sluice-server sluice-surge
fi
SERVER="$BUILD_DIR/bin/sluice-server"
SURGE="$BUILD_DIR/bin/sluice-surge"

WORK="$(mktemp -d /tmp/sluice-bench-surge.XXXXXX)"
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

cat >"$WORK/config.json" <<JSON
{"cohorts":[{"id":"53-54","label":{"ko":"53–54세","en":"Ages 53–54"},
  "birth_year_from":1967,"birth_year_to":1968,"prequeue_opens":"+0s","opens":"+${OPENS_IN_S}s",
  "rate_per_s":${RATE},"max_rate_per_s":${RATE},"max_active":${MAX_ACTIVE}}]}
JSON

# A free port on 127.0.0.1.
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
"$SERVER" --config "$WORK/config.json" --data-dir "$WORK/data" --listen "127.0.0.1:$PORT" \
    --threads "$SERVER_THREADS" --log-level warn >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then break; fi
    sleep 0.1
done
curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null || { echo "bench-surge: the server did not start"; cat "$WORK/server.log"; exit 1; }

echo "bench-surge: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{printf "%.0f GiB", $2/1048576}'), server threads $SERVER_THREADS, scale $SCALE, time scale $TIME_SCALE, rate $RATE/s"
set +e
"$SURGE" --target "http://127.0.0.1:$PORT" --scenario "$ROOT/resources/scenarios/july-19-2021.json" \
    --scale "$SCALE" --time-scale "$TIME_SCALE" --report "$REPORT" --duration-limit "$DURATION_LIMIT" \
    --connections "$CONNECTIONS" --booking-connections "$BOOKING_CONNECTIONS" --seed 20210719
SURGE_RC=$?
set -e
if kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "bench-surge: server peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' /proc/$SERVER_PID/status)"
    echo "bench-surge: server current memory (VmRSS): $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$SERVER_PID/status)"
else
    echo "bench-surge: THE SERVER DIED during the run; its last words:"
    tail -20 "$WORK/server.log"
    SURGE_RC=1
fi
echo "bench-surge: report in $REPORT; sluice-surge exit code $SURGE_RC"
exit "$SURGE_RC"
