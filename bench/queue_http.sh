#!/usr/bin/env bash
# Benchmark of the waiting room's hot paths (status, join, admit) over loopback with wrk
# (2 threads, 128 keep-alive connections), measured in the same run as nginx answering a
# fixed 200 with a body of the same size. The ratio to nginx is the figure that counts:
# absolute numbers drift on a shared machine. Server and nginx get core 0, wrk core 1.
# Usage: bench/queue_http.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
secs="${2:-10}"
bin="$build/bin/sluice-server"
[ -x "$bin" ] || { echo "build first: scripts/build.sh"; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx: scripts/install-deps.sh"; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
port=18931; nport=18932
cat >"$work/config.json" <<JSON
{"cohorts":[{"id":"53-54","label":{"ko":"53–54세","en":"Ages 53–54"},"birth_year_from":1967,"birth_year_to":1968,
 "prequeue_opens":"-1m","opens":"-1s","rate_per_s":10000000,"max_active":1000000000}]}
JSON
taskset -c 0 "$bin" --config "$work/config.json" --data-dir "$work/data" --listen 127.0.0.1:$port --threads 1 --log-level warn &
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$port/readyz >/dev/null && break; sleep 0.1; done

sleep 1 # past the opening instant (joins answer 503 + Retry-After during it)
# Tickets that are served, for admit (asking again returns the same token: a refresh).
for _ in $(seq 1 2000); do curl -s -XPOST http://127.0.0.1:$port/v1/queue/53-54/join; echo; done |
  python3 -c 'import json,sys; [print(json.loads(l)["ticket"]) for l in sys.stdin if "ticket" in l]' >"$work/tickets"
sleep 1
status_body=$(curl -s http://127.0.0.1:$port/v1/queue/53-54/status)
join_body=$(curl -s -XPOST http://127.0.0.1:$port/v1/queue/53-54/join)
admit_body=$(curl -s -XPOST -H "X-Sluice-Ticket: $(head -1 "$work/tickets")" http://127.0.0.1:$port/v1/queue/53-54/admit)
echo "$admit_body" | grep -q admission_token || { echo "admit did not answer a token: $admit_body"; exit 1; }

pad() { python3 -c 'import sys; print("x"*int(sys.argv[1]), end="")' "$1"; }
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
worker_cpu_affinity 01;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
daemon on;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  default_type application/json;
  server {
    listen 127.0.0.1:$nport;
    location = /status { return 200 '$(pad ${#status_body})'; }
    location = /join { return 200 '$(pad ${#join_body})'; }
    location = /admit { return 200 '$(pad ${#admit_body})'; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
LUA
cat >"$work/admit.lua" <<'LUA'
local tickets, i = {}, 0
function init(args) for line in io.lines(args[1]) do tickets[#tickets + 1] = line end end
function request()
  i = i + 1
  return wrk.format("POST", nil, { ["X-Sluice-Ticket"] = tickets[(i % #tickets) + 1] })
end
LUA

run() { # url [wrk options...] [-- script args] -> "rps p50_ms p99_ms non2xx"
  local url=$1; shift
  local opts=() args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && { shift; args=("$@"); }
  taskset -c 1 wrk -t2 -c128 -d"${secs}s" --latency "${opts[@]}" "$url" ${args[@]+-- "${args[@]}"} >"$work/out" 2>&1
  python3 - "$work/out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p = {int(m.group(1)): ms(m.group(2), m.group(3)) for m in re.finditer(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)", text, re.M)}
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
print(f"{rps:.0f} {p.get(50, 0):.3f} {p.get(99, 0):.3f} {non2xx.group(1) if non2xx else 0}")
PY
}

printf "%-8s %12s %9s %9s %12s %8s %8s\n" route "req/s" "p50 ms" "p99 ms" "nginx req/s" ratio target
for route in status join admit; do
  case $route in
    status) r=$(run "http://127.0.0.1:$port/v1/queue/53-54/status"); target=0.8 ;;
    join) r=$(run "http://127.0.0.1:$port/v1/queue/53-54/join" -s "$work/post.lua"); target=0.6 ;;
    admit) r=$(run "http://127.0.0.1:$port/v1/queue/53-54/admit" -s "$work/admit.lua" -- "$work/tickets"); target=0.5 ;;
  esac
  n=$(run "http://127.0.0.1:$nport/$route")
  read -r rps p50 p99 bad <<<"$r"
  read -r nrps _ _ _ <<<"$n"
  ratio=$(python3 -c "print(f'{$rps/$nrps:.2f}')")
  printf "%-8s %12s %9s %9s %12s %8s %8s%s\n" "$route" "$rps" "$p50" "$p99" "$nrps" "$ratio" "$target" \
    "$([ "$bad" != 0 ] && echo "  ($bad non-2xx)")"
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), server: 1 io thread on core 0, nginx: 1 worker on core 0, wrk -t2 -c128 on core 1, ${secs}s per run"
