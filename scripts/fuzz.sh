#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz/ (docs/fuzzing.md):
#   scripts/fuzz.sh MINUTES [TARGET...]      (no TARGET: all of them, one after the other)
# Configures build-fuzz (clang, -DSLUICE_FUZZ=ON, the libraries instrumented for coverage,
# AddressSanitizer + UndefinedBehaviorSanitizer), builds the targets under the build lock, runs
# each for MINUTES with new inputs going to a temporary folder, merges those that add coverage
# into tests/fuzz/corpus/<target>/ (seed-* files always kept), copies crashes, leaks, timeouts
# and out-of-memory inputs to tests/fuzz/crashes/<target>/, and prints per target: executions,
# exec/s, coverage (cov = edges, ft = features), corpus size and crashes.
# Environment: SLUICE_FUZZ_BUILD_DIR (build-fuzz), SLUICE_FUZZ_JOBS (1 fuzzing process).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
all=(http_request json_bodies ops_command config signed_codec frame_parser recording_reader)

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "usage: scripts/fuzz.sh MINUTES [TARGET...]; targets: ${all[*]}" >&2
  exit 2
fi
minutes=$1
shift
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all[@]}")
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target $t (${all[*]})" >&2; exit 2; }
done
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60); print (s < 1 ? 1 : s) }')
dir=${SLUICE_FUZZ_BUILD_DIR:-build-fuzz}
jobs=${SLUICE_FUZZ_JOBS:-1}

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is missing (scripts/install-deps.sh)" >&2; exit 1; }
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
extra=()
if command -v ccache >/dev/null 2>&1; then
  extra+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
fi
# No SLUICE_WERROR here: clang warns about things gcc does not, and this build only fuzzes.
CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSLUICE_FUZZ=ON -DSLUICE_BUILD_CONSOLE=ON -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  "${extra[@]}" >/dev/null
echo "== build: ${targets[*]/#/fuzz_} (waits for the build lock) =="
flock "${TMPDIR:-/tmp}/sluice-build.lock" cmake --build "$dir" -j2 --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen
summary=()
failed=0
for t in "${targets[@]}"; do
  bin="$dir/bin/fuzz_$t"
  corpus="$root/tests/fuzz/corpus/$t"
  crashes="$root/tests/fuzz/crashes/$t"
  mkdir -p "$corpus"
  work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-fuzz-$t.XXXXXX")
  mkdir -p "$work/new" "$work/artifacts" "$work/min"
  before=$(find "$corpus" -type f | wc -l)
  opts=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
        -artifact_prefix="$work/artifacts/")
  [[ -f "$root/tests/fuzz/$t.dict" ]] && opts+=(-dict="$root/tests/fuzz/$t.dict")
  [[ $jobs -gt 1 ]] && opts+=(-fork="$jobs")
  echo "== fuzz_$t: $minutes min; log $work/log =="
  set +e
  "$bin" "${opts[@]}" "$work/new" "$corpus" >"$work/log" 2>&1
  rc=$?
  set -e
  # Merge: the seeds, then whatever of the old corpus and the new inputs adds coverage.
  cp "$corpus"/seed-* "$work/min/" 2>/dev/null || true
  if "$bin" -merge=1 -rss_limit_mb=2048 -timeout=10 "$work/min" "$corpus" "$work/new" \
      >"$work/merge.log" 2>&1; then
    find "$corpus" -type f ! -name 'seed-*' -delete
    find "$work/min" -type f ! -name 'seed-*' -exec cp {} "$corpus/" \;
  else
    echo "fuzz.sh: merge failed (corpus left as it was): $work/merge.log" >&2
  fi
  after=$(find "$corpus" -type f | wc -l)
  size=$(du -sk "$corpus" | cut -f1)
  found=0
  for a in "$work"/artifacts/*; do
    [[ -e $a ]] || continue
    mkdir -p "$crashes"
    cp "$a" "$crashes/"
    cp "$work/log" "$crashes/$(basename "$a").log"
    echo "fuzz.sh: $t: $(basename "$a") -> tests/fuzz/crashes/$t/ (stack: $(basename "$a").log)"
    found=$((found + 1))
  done
  [[ $rc -ne 0 || $found -gt 0 ]] && failed=1
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/log" | tail -1 | awk '{print $2}')
  rate=$(grep -o 'stat::average_exec_per_sec: [0-9]*' "$work/log" | tail -1 | awk '{print $2}')
  rss=$(grep -o 'stat::peak_rss_mb: [0-9]*' "$work/log" | tail -1 | awk '{print $2}')
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$work/log" | tail -1)
  summary+=("$(printf '%-17s %12s %8s %-22s %5s -> %-5s %6s %6s %3s' "$t" "${execs:-?}" \
    "${rate:-?}" "${cov:-?}" "$before" "$after" "${size}K" "${rss:-?}M" "$found")")
  [[ $size -gt 1024 || $after -gt 200 ]] && echo "fuzz.sh: $t: corpus is ${size}K / $after files, above 1 MB / 200 files" >&2
done

echo
echo "== fuzz summary: $minutes min per target =="
printf '%-17s %12s %8s %-22s %14s %6s %6s %3s\n' target executions exec/s coverage corpus size rss crashes
for line in "${summary[@]}"; do echo "$line"; done
exit $failed
