#!/usr/bin/env bash
# Runs a command against a real demo server: scripts/with-demo-server.sh SERVER_BINARY CMD...
# Starts SERVER_BINARY --demo in a temporary data folder on a free loopback port, waits for
# /readyz, runs CMD with SLUICE_URL=http://127.0.0.1:PORT, stops the server (SIGTERM) and
# removes the folder. Exit status: CMD's (1 when the server did not start).
# SLUICE_SERVER_CONFIG=FILE starts it with --config FILE instead of --demo.
set -euo pipefail
server=$(realpath "$1"); shift
tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mode=(--demo)
[ -n "${SLUICE_SERVER_CONFIG:-}" ] && mode=(--config "$(realpath "$SLUICE_SERVER_CONFIG")")
"$server" "${mode[@]}" --data-dir "$tmp/data" --listen "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/server.log" >&2; exit 1; }
  sleep 0.1
done
SLUICE_URL="http://127.0.0.1:$port" "$@"
