#!/usr/bin/env bash
# The API as a contract (docs/openapi.yaml): lints the spec with Redocly's recommended rules
# (any warning fails), then sends real requests to a real server and validates every answer
# against it (tests/api/contract.mjs).
#   bash scripts/check-api.sh [SERVER_BINARY]     # default build/bin/sluice-server
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-build/bin/sluice-server}
[ -x "$server" ] || { echo "check-api: $server is missing (scripts/build.sh)" >&2; exit 1; }
command -v npm >/dev/null || { echo "check-api: npm is missing (scripts/install-deps.sh)" >&2; exit 1; }
# Exact versions from package-lock.json, installed once (tests/api/node_modules).
if [ ! -f tests/api/node_modules/.package-lock.json ] ||
   ! cmp -s tests/api/package-lock.json tests/api/node_modules/.sluice-lock; then
  (cd tests/api && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.sluice-lock)
fi
echo "check-api: redocly lint docs/openapi.yaml"
lint=$(cd tests/api && npx --no-install redocly lint ../../docs/openapi.yaml --config redocly.yaml --format=summary 2>&1) ||
  { echo "$lint" >&2; exit 1; }
if grep -q "warning" <<<"$lint"; then echo "$lint" >&2; echo "check-api: lint warnings" >&2; exit 1; fi
echo "check-api: the answers of a real server against the spec"
SLUICE_SERVER_CONFIG=tests/api/contract-config.json \
  bash scripts/with-demo-server.sh "$server" node tests/api/contract.mjs
