#!/usr/bin/env bash
# Installs what Sluice needs from Debian 12's packages, and only what is missing.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libssl-dev libsqlite3-dev sqlite3
  qt6-base-dev qt6-charts-dev qt6-websockets-dev libqt6sql6-sqlite
  qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools
  xvfb xauth fonts-noto-cjk
  wrk nginx-light curl procps python3
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# nginx-light starts a service on install; the benchmarks run their own instance.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true; fi
echo "install-deps: done"
