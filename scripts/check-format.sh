#!/usr/bin/env bash
# Every C++ file of the repository is formatted by .clang-format (Debian 12's clang-format 14).
#   bash scripts/check-format.sh          # lists the files that differ; exit 1 if any
#   bash scripts/check-format.sh --fix    # formats them in place
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format is missing (scripts/install-deps.sh)" >&2; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [[ ${1:-} == --fix ]]; then
  clang-format -i "${files[@]}"
  echo "check-format: formatted ${#files[@]} files"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [[ ${#bad[@]} -gt 0 ]]; then
  echo "check-format: ${#bad[@]} of ${#files[@]} files are not formatted ($(clang-format --version)):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  echo "check-format: run 'bash scripts/check-format.sh --fix' and commit" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted ($(clang-format --version | grep -o 'version [0-9.]*'))"
