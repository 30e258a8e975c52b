#!/usr/bin/env bash
# Installs the Debian packages into a brand-new Debian 12 and checks them as an operations team
# would find them (docs/packaging.md). Outside the test command: it needs root and
# ../shared/tools/fresh-debian, and takes about 5 minutes.
#
#   bash scripts/test-packages.sh              # scripts/package.sh, then the check in a fresh Debian 12
#   bash scripts/test-packages.sh --no-build   # the packages already in dist/
#   bash scripts/test-packages.sh --inside     # (run by fresh-debian) the check itself
#
# The fresh system sees only the committed HEAD, so the host serves dist/ on loopback for the
# time of the check and the inside part downloads the packages from there with apt's helper.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-packages: FAIL: $*" >&2; exit 1; }
ok() { echo "test-packages: ok: $*"; }

# GET on loopback with bash alone (the fresh system has no curl); empty when nothing listens.
http_get() {
  ( exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 &&
    cat <&3 ) 2>/dev/null || true
}

inside() {
  [[ -n ${SLUICE_DEBS_URL:-} ]] || fail "SLUICE_DEBS_URL is not set"
  export DEBIAN_FRONTEND=noninteractive
  local debs=/tmp/sluice-debs
  install -d -m 0777 "$debs" # apt's helper downloads as the _apt user
  /usr/lib/apt/apt-helper download-file "$SLUICE_DEBS_URL/" "$debs/index.html" >/dev/null
  mapfile -t names < <(grep -o 'href="[^"]*\.deb"' "$debs/index.html" | sed 's/^href="//; s/"$//')
  [[ ${#names[@]} -ge 3 ]] || fail "expected 3 packages at $SLUICE_DEBS_URL, found ${#names[@]}"
  for n in "${names[@]}"; do
    /usr/lib/apt/apt-helper download-file "$SLUICE_DEBS_URL/$n" "$debs/$n" >/dev/null
  done
  apt-get update -qq
  # Depends alone must be enough: no recommended package may hide a missing dependency.
  apt-get install -y -qq --no-install-recommends "$debs"/*.deb >/dev/null \
    || fail "apt-get install ./dist/*.deb"
  ok "apt-get install of ${names[*]}"

  local version
  version=$(dpkg-query -W -f='${Version}' sluice-server)
  for b in sluice-server sluice-console sluice-surge; do
    local want got
    want="$b $version"
    got=$($b --version 2>&1 | head -1) || fail "$b --version exited with $?: $got"
    [[ $got == "$want"* ]] || fail "$b --version printed '$got', expected '$want'"
    ok "$got"
  done

  # The service: unit, user, configuration, data.
  local unit=/lib/systemd/system/sluice-server.service
  [[ -f $unit ]] || fail "$unit is missing"
  for key in User=sluice StateDirectory=sluice ProtectSystem=strict NoNewPrivileges=yes \
      PrivateTmp=yes Restart=on-failure KillSignal=SIGTERM; do
    grep -qx "$key" "$unit" || fail "$unit lacks $key"
  done
  getent passwd sluice >/dev/null || fail "no sluice user"
  dpkg-query -W -f='${Conffiles}\n' sluice-server | grep -q '/etc/sluice/config.json' \
    || fail "/etc/sluice/config.json is not a conffile"
  [[ $(stat -c '%U:%G %a' /etc/sluice/config.json) == "root:sluice 640" ]] \
    || fail "/etc/sluice/config.json is $(stat -c '%U:%G %a' /etc/sluice/config.json)"
  for f in config.example.json clinics.csv stock.csv prometheus/sluice.rules.yml grafana/sluice-dashboard.json; do
    [[ -s /usr/share/sluice/$f ]] || fail "/usr/share/sluice/$f is missing"
  done
  [[ -s /usr/share/doc/sluice-server/changelog.gz ]] || fail "no changelog"
  zcat /usr/share/doc/sluice-server/changelog.gz | head -1 | grep -q "($version)" \
    || fail "the changelog does not start with $version"
  ok "unit, sluice user, conffile, /usr/share/sluice, changelog"

  # Start the server the way the unit does (no systemd runs here): its ExecStart, as its user,
  # on a free port, with StateDirectory= made by hand.
  local exec port log
  exec=$(sed -n 's/^ExecStart=//p' "$unit")
  port=$(( 20000 + RANDOM % 20000 ))
  log=/tmp/sluice-server.log
  install -d -o sluice -g sluice -m 0700 /var/lib/sluice
  # shellcheck disable=SC2086 # ExecStart is words
  (cd /var/lib/sluice && exec setpriv --reuid=sluice --regid=sluice --init-groups -- $exec --listen "127.0.0.1:$port") >"$log" 2>&1 &
  local pid=$! ready=""
  for _ in $(seq 1 100); do
    ready=$(http_get "$port" /readyz)
    [[ $ready == *'"ready"'* ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; fail "the server exited on start"; }
    sleep 0.1
  done
  [[ $ready == *'"ready"'* ]] || { cat "$log" >&2; fail "GET /readyz never answered ready"; }
  grep -q 'booking: .* clinics' "$log" || { cat "$log" >&2; fail "the bundled clinics were not loaded"; }
  kill -TERM "$pid"
  local rc=0
  wait "$pid" || rc=$?
  [[ $rc -eq 0 ]] || { cat "$log" >&2; fail "SIGTERM stop exited with $rc"; }
  grep -q 'stopped cleanly' "$log" || { cat "$log" >&2; fail "no clean stop on SIGTERM"; }
  [[ $(stat -c '%U' /var/lib/sluice/sluice.db) == sluice ]] || fail "the database is not the sluice user's"
  ok "the unit's command line serves /readyz as the sluice user, loads /usr/share/sluice, stops cleanly on SIGTERM"

  # The console: desktop entry, icon, translations, and a real window (offscreen).
  local desktop=/usr/share/applications/sluice-console.desktop
  grep -q '^Name=Sluice Console' "$desktop" || fail "$desktop has no English name"
  grep -q '^Name\[ko\]=' "$desktop" || fail "$desktop has no Korean name"
  grep -q '^Exec=sluice-console' "$desktop" || fail "$desktop does not start sluice-console"
  [[ -s /usr/share/icons/hicolor/scalable/apps/sluice-console.svg ]] || fail "no icon in hicolor"
  for l in ko en; do
    [[ -s /usr/share/sluice-console/translations/sluice_$l.qm ]] || fail "no $l translation"
  done
  (cd /tmp && QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp HOME=/tmp \
    timeout 60 sluice-console --lang ko --scenario paused --screenshot /tmp/console.png --after 2) \
    >/tmp/console.log 2>&1 || { cat /tmp/console.log >&2; fail "the console did not run"; }
  [[ -s /tmp/console.png ]] || fail "the console wrote no screenshot"
  ok "desktop entry (Name, Name[ko]), hicolor icon, ko/en translations, console window renders"

  # Validators, installed only now so that they could not have supplied a dependency above.
  apt-get install -y -qq --no-install-recommends systemd desktop-file-utils >/dev/null
  local verify
  verify=$(systemd-analyze verify "$unit" 2>&1) || fail "systemd-analyze verify $unit: $verify"
  [[ -z $verify ]] || fail "systemd-analyze verify $unit warns: $verify"
  desktop-file-validate "$desktop" || fail "desktop-file-validate"
  systemd-analyze security --offline=true "$unit" 2>/dev/null | tail -1 || true
  ok "systemd-analyze verify, desktop-file-validate"

  # Removal keeps the citizens' data; purge removes the configuration.
  apt-get purge -y -qq sluice-server >/dev/null 2>&1 || fail "apt-get purge sluice-server"
  [[ ! -e /usr/bin/sluice-server ]] || fail "purge left /usr/bin/sluice-server"
  [[ ! -e /etc/sluice/config.json ]] || fail "purge left /etc/sluice/config.json"
  [[ -s /var/lib/sluice/sluice.db ]] || fail "purge deleted /var/lib/sluice/sluice.db"
  ok "purge removes the program and its configuration, keeps /var/lib/sluice"
  echo "test-packages: all checks passed for version $version"
}

if [[ ${1:-} == --inside ]]; then
  inside
  exit 0
fi

[[ $(id -u) -eq 0 ]] || fail "run as root (fresh-debian makes a chroot)"
fresh=../shared/tools/fresh-debian
[[ -x $fresh ]] || fail "$fresh is missing"
[[ ${1:-} == --no-build ]] || bash scripts/package.sh
ls dist/*.deb >/dev/null 2>&1 || fail "no packages in dist/ (bash scripts/package.sh)"
port=$(( 40000 + RANDOM % 20000 ))
python3 -m http.server --bind 127.0.0.1 "$port" --directory dist >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
"$fresh" -- SLUICE_DEBS_URL="http://127.0.0.1:$port" bash scripts/test-packages.sh --inside
