#!/usr/bin/env bash
# kill -9 at random moments, N times each, across a pre-queue opening and across a booking burst
# (docs/security.md, "Bad luck"):
#   tst_queue_crash    joins before, around and after the opening: no ticket number issued
#                      twice, `serving` never backwards, every ticket keeps its place, the
#                      shuffle never redone differently, the same admission token after a crash
#   tst_booking_crash  reservations and cancellations: no acknowledged one lost or undone,
#                      nothing oversold, stock + confirmed = initial for every clinic-day,
#                      integrity_check ok, every stored idempotent answer identical
# The test command runs the same suites with 10 and 20 kills.
#   bash scripts/crash-loop.sh [N] [BUILD_DIR]        # N defaults to 50
set -euo pipefail
n="${1:-50}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${2:-$root/build}"
[[ $n =~ ^[0-9]+$ && $n -ge 1 ]] || { echo "crash-loop: N must be a positive number" >&2; exit 2; }
exec 9>"${TMPDIR:-/tmp}/sluice-build.lock"
flock 9
cmake --build "$build" -j2 --target sluice-server tst_queue_crash tst_booking_crash >/dev/null
flock -u 9
status=0
for suite in tst_queue_crash tst_booking_crash; do
  start=$(date +%s)
  echo "crash-loop: $suite, $n kills (build: $build)"
  # QtTest stops a test function after 5 minutes by default; a long loop needs more.
  if SLUICE_CRASH_ITERATIONS="$n" QT_QPA_PLATFORM=offscreen QTEST_FUNCTION_TIMEOUT=86400000 \
      "$build/bin/$suite" -maxwarnings 0 >"${TMPDIR:-/tmp}/crash-loop-$suite.log" 2>&1; then
    grep -E "^QDEBUG|^QINFO|Totals" "${TMPDIR:-/tmp}/crash-loop-$suite.log" | sed 's/^/  /'
    echo "crash-loop: $suite passed in $(( $(date +%s) - start )) s"
  else
    tail -30 "${TMPDIR:-/tmp}/crash-loop-$suite.log" >&2
    echo "crash-loop: $suite FAILED (log: ${TMPDIR:-/tmp}/crash-loop-$suite.log)" >&2
    status=1
  fi
done
exit $status
