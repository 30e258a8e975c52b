#!/usr/bin/env bash
# The longer booking crash loop: start -> reservation load -> kill -9 at a random moment ->
# restart -> integrity, no acknowledged reservation lost, no oversell, every stored answer
# identical. Runs the tst_booking_crash suite with more iterations (default 200).
#   scripts/crash-loop-booking.sh [ITERATIONS] [BUILD_DIR]
set -euo pipefail
iterations="${1:-200}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${2:-$root/build}"
if [ ! -x "$build/bin/tst_booking_crash" ]; then
    cmake --build "$build" -j2 --target sluice-server tst_booking_crash
fi
echo "booking crash loop: $iterations iterations (build: $build)"
# QtTest stops a test function after 5 minutes by default; a long loop needs more.
SLUICE_CRASH_ITERATIONS="$iterations" QT_QPA_PLATFORM=offscreen QTEST_FUNCTION_TIMEOUT=86400000 \
    "$build/bin/tst_booking_crash" -maxwarnings 0
