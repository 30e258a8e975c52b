#!/usr/bin/env bash
# Benchmark of the waiting room's hot paths (status, join, admit) over loopback with wrk
# (2 threads, 128 keep-alive connections), measured in the same run as nginx answering a
# fixed 200 with a body of the same size. The ratio to nginx is the figure that counts:
# absolute numbers drift on a shared machine. Server and nginx get core 0, wrk core 1.
# --tls: the same over HTTPS, sluice-server's own TLS against nginx terminating TLS with the
# same certificate and key (made here with `openssl`), plus nginx with TLS proxying to the plain
# sluice-server, and one row of a new connection and TLS handshake (resumed) per request.
# Usage: bench/queue_http.sh [--tls] [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
tls=0 pos=()
for arg in "$@"; do
  case "$arg" in
    --tls) tls=1 ;;
    -*) echo "usage: bench/queue_http.sh [--tls] [BUILD_DIR] [SECONDS]" >&2; exit 2 ;;
    *) pos+=("$arg") ;;
  esac
done
build="${pos[0]:-build}"
secs="${pos[1]:-10}"
bin="$build/bin/sluice-server"
[ -x "$bin" ] || { echo "build first: scripts/build.sh"; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx: scripts/install-deps.sh"; exit 1; }
[ $tls = 0 ] || command -v openssl >/dev/null || { echo "--tls needs openssl: scripts/install-deps.sh"; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
port=18931; nport=18932
scheme=http server_json="" nginx_listen="" nginx_upstream="" nginx_proxy="" curl=(curl)
if [ $tls = 1 ]; then
  # A CA and a server certificate for 127.0.0.1 (EC P-256), as the TLS tests make them.
  (
    cd "$work"
    openssl ecparam -name prime256v1 -genkey -noout -out ca.key
    openssl req -x509 -new -key ca.key -sha256 -days 2 -subj "/CN=Sluice bench CA" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out ca.pem
    openssl ecparam -name prime256v1 -genkey -noout -out server.key
    openssl req -new -key server.key -subj /CN=localhost -out server.csr
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -sha256 \
      -extfile server.ext -out server.pem
  ) >"$work/openssl.log" 2>&1 || { cat "$work/openssl.log"; exit 1; }
  scheme=https
  curl=(curl --cacert "$work/ca.pem")
  server_json=',"server":{"tls":{"certificate_file":"server.pem","key_file":"server.key","plain_http":"loopback"}}'
  # The same protocols and TLS 1.2 suites as sluice-server (src/server/http/tls.cpp).
  nginx_listen=" ssl;
    ssl_certificate $work/server.pem;
    ssl_certificate_key $work/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL;
    ssl_prefer_server_ciphers on"
  # The common deployment: nginx terminates TLS and forwards over kept-alive plain HTTP.
  nginx_upstream="upstream sluice { server 127.0.0.1:$port; keepalive 64; }"
  nginx_proxy='location /v1/ { proxy_pass http://sluice; proxy_http_version 1.1; proxy_set_header Connection ""; }'
fi
base=$scheme://127.0.0.1:$port
cat >"$work/config.json" <<JSON
{"cohorts":[{"id":"53-54","label":{"ko":"53–54세","en":"Ages 53–54"},"birth_year_from":1967,"birth_year_to":1968,
 "prequeue_opens":"-1m","opens":"-1s","rate_per_s":10000000,"max_active":1000000000}]$server_json}
JSON
taskset -c 0 "$bin" --config "$work/config.json" --data-dir "$work/data" --listen 127.0.0.1:$port --threads 1 --log-level warn &
for _ in $(seq 1 100); do "${curl[@]}" -sf $base/readyz >/dev/null && break; sleep 0.1; done

sleep 1 # past the opening instant (joins answer 503 + Retry-After during it)
# Tickets that are served, for admit (asking again returns the same token: a refresh).
seq 1 2000 | sed "s|.*|url = $base/v1/queue/53-54/join|" | "${curl[@]}" -s -XPOST -w '\n' -K - |
  python3 -c 'import json,sys; [print(json.loads(l)["ticket"]) for l in sys.stdin if "ticket" in l]' >"$work/tickets"
sleep 1
status_body=$("${curl[@]}" -s $base/v1/queue/53-54/status)
join_body=$("${curl[@]}" -s -XPOST $base/v1/queue/53-54/join)
admit_body=$("${curl[@]}" -s -XPOST -H "X-Sluice-Ticket: $(head -1 "$work/tickets")" $base/v1/queue/53-54/admit)
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
  $nginx_upstream
  server {
    listen 127.0.0.1:$nport$nginx_listen;
    location = /status { return 200 '$(pad ${#status_body})'; }
    location = /join { return 200 '$(pad ${#join_body})'; }
    location = /admit { return 200 '$(pad ${#admit_body})'; }
    $nginx_proxy
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

# One route's request (method, headers) sent to BASE_URL/v1/...: sluice-server, or nginx proxying.
route_run() { # route base_url
  case $1 in
    status) run "$2/v1/queue/53-54/status" ;;
    join) run "$2/v1/queue/53-54/join" -s "$work/post.lua" ;;
    admit) run "$2/v1/queue/53-54/admit" -s "$work/admit.lua" -- "$work/tickets" ;;
  esac
}
row() { # label "rps p50 p99 non2xx" nginx_rps target
  local rps p50 p99 bad ratio
  read -r rps p50 p99 bad <<<"$2"
  ratio=$(python3 -c "print(f'{$rps/$3:.2f}')")
  printf "%-*s %12s %9s %9s %12s %8s %8s%s\n" $w "$1" "$rps" "$p50" "$p99" "$3" "$ratio" "$4" \
    "$([ "$bad" != 0 ] && echo "  ($bad non-2xx)")"
}

nbase=$scheme://127.0.0.1:$nport
w=8 # the width of the route column
[ $tls = 0 ] || w=16
printf "%-*s %12s %9s %9s %12s %8s %8s\n" $w route "req/s" "p50 ms" "p99 ms" "nginx req/s" ratio target
for route in status join admit; do
  case $route in status) target=0.8 ;; join) target=0.6 ;; admit) target=0.5 ;; esac
  [ $tls = 0 ] || target=- # the targets are those of plain HTTP (issue 2)
  r=$(route_run $route "$base")
  n=$(run "$nbase/$route")
  read -r nrps _ _ _ <<<"$n"
  row "$route" "$r" "$nrps" "$target"
  if [ $tls = 1 ]; then row "$route via nginx" "$(route_run $route "$nbase")" "$nrps" -; fi
done
if [ $tls = 1 ]; then
  # A new TCP and TLS connection for every request: the cost of handshakes.
  r=$(run "$base/v1/queue/53-54/status" -H "Connection: close")
  read -r nrps _ _ _ <<<"$(run "$nbase/status" -H "Connection: close")"
  row "status, close" "$r" "$nrps" -
  for who in sluice-server:$port nginx:$nport; do # what a TLS 1.3 client gets; does it resume?
    sleep 0.5 | openssl s_client -connect "127.0.0.1:${who#*:}" -CAfile "$work/ca.pem" -sess_out "$work/sess" >"$work/s1" 2>&1 || true
    sleep 0.5 | openssl s_client -connect "127.0.0.1:${who#*:}" -CAfile "$work/ca.pem" -sess_in "$work/sess" >"$work/s2" 2>&1 || true
    echo "${who%:*}: $(grep -m1 -E '^New,' "$work/s1"); second connection: $(grep -m1 -oE '^(New|Reused)' "$work/s2")"
  done
  echo '"via nginx": nginx TLS -> keep-alive plain HTTP -> sluice-server, ratio to nginx alone; "close": Connection: close, a new TCP and TLS connection per request (wrk resumes sessions when the server allows it)'
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), server: 1 io thread on core 0, nginx: 1 worker on core 0, wrk -t2 -c128 on core 1, ${secs}s per run"
