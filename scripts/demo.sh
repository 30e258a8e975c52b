#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds, then runs the July 2021 night
# in miniature: sluice-server on its embedded SQLite with the demo cohorts (the first pre-queue
# opens at once, its cohort 90 s later, the next ones every few minutes), an operator, a surge
# of citizens (with refreshers, ten-window users and bots) in a loop, and the console watching.
# Ctrl-C stops everything it started. DEMO_DURATION=S stops it by itself after S seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/install-deps.sh
bash scripts/build.sh build
bin="$root/build/bin"
run="$root/run/demo"
port="${DEMO_PORT:-8080}"
rm -rf "$run" && mkdir -p "$run"

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "demo: stopping everything it started"
  # Every process the demo starts names the run folder in its arguments: that finds children
  # orphaned when their loop shell goes first.
  for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill -TERM "$pid" 2>/dev/null || true; done
  pkill -TERM -f -- "$run/" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do pgrep -f -- "$run/" >/dev/null || break; sleep 0.5; done
  pkill -KILL -f -- "$run/" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pgrep -fa -- "$run/" >/dev/null && echo "demo: some processes did not stop: $(pgrep -fa -- "$run/")" || echo "demo: nothing left running"
}
trap cleanup INT TERM EXIT

"$bin/sluice-server" --demo --data-dir "$run/data" --listen "127.0.0.1:$port" >"$run/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { echo "demo: the server did not start:"; cat "$run/server.log"; exit 1; }
echo "demo: sluice-server on http://127.0.0.1:$port (log: $run/server.log)"

"$bin/sluice-server" --data-dir "$run/data" operator add demo-operator --role operator | tail -n 1 >"$run/operator.token"
chmod 600 "$run/operator.token"
echo "demo: operator 'demo-operator' created (token in $run/operator.token)"

if [ -x "$bin/sluice-surge" ]; then
  (
    for cohort in 55-59 53-54 50-52 18-49; do
      "$bin/sluice-surge" --target "http://127.0.0.1:$port" --scenario resources/scenarios/demo.json \
        --cohort "$cohort" --report "$run/surge-$cohort.json" --quiet >>"$run/surge.log" 2>&1 || true
      echo "demo: surge on cohort $cohort finished (report: $run/surge-$cohort.json)"
    done
  ) &
  pids+=($!)
  echo "demo: sluice-surge is replaying the opening of each cohort in turn (log: $run/surge.log)"
fi

if [ -x "$bin/sluice-console" ]; then
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    "$bin/sluice-console" --connect "http://127.0.0.1:$port" --token-file "$run/operator.token" >"$run/console.log" 2>&1 &
    pids+=($!)
    echo "demo: sluice-console is open on your display"
  else
    echo "demo: no display here; taking a screenshot of the console under the offscreen platform instead"
    shot="$run/console-dashboard.png"
    (
      sleep 100 # until the first cohort is open and the surge is running
      QT_QPA_PLATFORM=offscreen "$bin/sluice-console" --connect "http://127.0.0.1:$port" \
        --token-file "$run/operator.token" --screenshot "$shot" --after 15 >"$run/console.log" 2>&1 &&
        echo "demo: console screenshot: $shot"
    ) &
    pids+=($!)
  fi
fi

echo "demo: the first pre-queue is open now; cohort 55-59 opens in 90 s. Ctrl-C to stop."
deadline=$(( $(date +%s) + ${DEMO_DURATION:-31536000} ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  sleep 5
  kill -0 "${pids[0]}" 2>/dev/null || { echo "demo: the server stopped unexpectedly:"; tail -5 "$run/server.log"; exit 1; }
  for cohort in 55-59 53-54 50-52 18-49; do
    curl -s "http://127.0.0.1:$port/v1/queue/$cohort/status" | python3 -c '
import json, sys
s = json.load(sys.stdin)
if s["issued"] or s["state"] == "open":
    print("demo: %s %s: issued %d, serving %d, waiting %d, admitting %.0f/s" % (
        s["cohort"], s["state"], s["issued"], s["serving"], s["waiting"], s["rate_per_s"]))' 2>/dev/null || true
  done
  # People booked so far (durable reservations), from the server's own counters.
  curl -s "http://127.0.0.1:$port/metrics" | awk '
    /^sluice_reservations_total\{result="confirmed"\}/ { booked = $2 }
    /^sluice_reservations_total\{result="cancelled"\}/ { cancelled = $2 }
    END { if (booked != "") printf "demo: booked %d people so far (%d cancelled)\n", booked, cancelled }' || true
done
exit 0
