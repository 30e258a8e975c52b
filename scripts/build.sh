#!/usr/bin/env bash
# Configures and builds everything: scripts/build.sh [BUILD_DIR] [--sanitize] [--werror]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build
extra=()
for arg in "$@"; do
  case "$arg" in
    --sanitize) extra+=(-DSLUICE_SANITIZE=ON) ;;
    --werror) extra+=(-DSLUICE_WERROR=ON) ;;
    -*) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
    *) dir="$arg" ;;
  esac
done
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${extra[@]}" >/dev/null
cmake --build "$dir" -j2
