#!/usr/bin/env bash
# Configures and builds everything: scripts/build.sh [BUILD_DIR] [--sanitize|--tsan] [--werror]
#   --sanitize  AddressSanitizer + UndefinedBehaviorSanitizer
#   --tsan      ThreadSanitizer, without the console (Qt's GUI libraries are not instrumented, so
#               TSan would report their internals; the server, its threads and the surge are
#               what runs concurrently)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build
extra=()
for arg in "$@"; do
  case "$arg" in
    --sanitize) extra+=(-DSLUICE_SANITIZE=ON) ;;
    --tsan) extra+=(-DSLUICE_TSAN=ON -DSLUICE_BUILD_CONSOLE=OFF) ;;
    --werror) extra+=(-DSLUICE_WERROR=ON) ;;
    -*) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
    *) dir="$arg" ;;
  esac
done
# ccache (installed by install-deps) makes rebuilds of unchanged files free, also across clones:
# paths are hashed relative to the source folder.
if command -v ccache >/dev/null 2>&1; then
  extra+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
fi
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${extra[@]}" >/dev/null
# One build at a time on this 2-core machine: concurrent builds wait for each other.
exec 9>"${TMPDIR:-/tmp}/sluice-build.lock"
flock 9
cmake --build "$dir" -j2
