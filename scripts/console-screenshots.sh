#!/usr/bin/env bash
# Screenshots of the console in Korean under Xvfb, from its scripted scenes (no server needed):
#   scripts/console-screenshots.sh [OUTDIR]        (default docs/screenshots)
# Each scene runs in a fresh settings folder, so the window opens as on a first start (the
# whole screen). Scenes and sizes are listed below; docs/console.md describes each picture.
# Environment: SLUICE_CONSOLE (build/bin/sluice-console), SHOT_AFTER (seconds before the
# picture, 6), SHOT_LANG (ko).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
console=${SLUICE_CONSOLE:-build/bin/sluice-console}
after=${SHOT_AFTER:-6}
lang=${SHOT_LANG:-ko}
[[ -x $console ]] || { echo "console-screenshots: $console is missing (scripts/build.sh build)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "console-screenshots: xvfb-run is missing (scripts/install-deps.sh)" >&2; exit 1; }
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name        screen      arguments
scenes=(
  "paused-1920x1080      1920x1080 --scenario paused"
  "paused-1366x768       1366x768  --scenario paused"
  "soldout-1920x1080     1920x1080 --scenario soldout"
  "frozen-1920x1080      1920x1080 --scenario frozen"
  "normal-1280x720       1280x720  --scenario normal"
  "wall-1920x1080        1920x1080 --scenario paused --wall"
  "replay-1920x1080      1920x1080 --scenario replay"
  "replay-1366x768       1366x768  --scenario replay"
)
failed=0
for line in "${scenes[@]}"; do
  read -r name size args <<<"$line"
  home="$work/$name"
  mkdir -p "$home"
  # shellcheck disable=SC2086 # args are words on purpose
  if XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home" \
      xvfb-run -a -s "-screen 0 ${size}x24" "$console" --lang "$lang" $args \
      --screenshot "$out/$name.png" --after "$after" >"$home/log" 2>&1 &&
      [[ -s $out/$name.png ]]; then
    echo "console-screenshots: $out/$name.png ($size)"
  else
    echo "console-screenshots: $name FAILED:" >&2
    cat "$home/log" >&2
    failed=1
  fi
done
exit $failed
