#!/usr/bin/env bash
# The README's test command: installs what is missing, checks the formatting, builds, runs every
# suite, the monitoring and API checks; then builds and runs every suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer, and the server's, the surge's and their suites
# under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
start=$(date +%s)
bash scripts/install-deps.sh

echo "== formatting (.clang-format) =="
bash scripts/check-format.sh

echo "== build (warnings are errors) =="
bash scripts/build.sh build --werror
echo "== tests =="
(cd build && ctest --output-on-failure --timeout 900)

echo "== monitoring: Prometheus rules and their tests, the Grafana dashboard, a live /metrics =="
bash scripts/check-monitoring.sh
bash scripts/with-demo-server.sh build/bin/sluice-server \
  bash -c 'bash scripts/check-monitoring.sh --metrics "$SLUICE_URL"'

echo "== the API as a contract: docs/openapi.yaml linted, a real server's answers validated =="
bash scripts/check-api.sh build/bin/sluice-server

echo "== build with ASan + UBSan =="
bash scripts/build.sh build-asan --sanitize
echo "== tests under ASan + UBSan =="
(cd build-asan && SLUICE_SANITIZED=1 ctest --output-on-failure --timeout 1200)

echo "== build with ThreadSanitizer (server, surge and their suites) =="
bash scripts/build.sh build-tsan --tsan --werror
echo "== tests under ThreadSanitizer =="
(cd build-tsan && SLUICE_SANITIZED=1 ctest --output-on-failure --timeout 1200)

echo "== all suites passed in $(( $(date +%s) - start )) s =="
