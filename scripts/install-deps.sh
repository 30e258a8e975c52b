#!/usr/bin/env bash
# Installs what Sluice needs from Debian 12's packages, and only what is missing.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libssl-dev libsqlite3-dev sqlite3
  qt6-base-dev qt6-charts-dev qt6-websockets-dev libqt6sql6-sqlite
  # qt6-charts-dev's CMake package needs Qt6OpenGL but the package does not depend on it.
  libqt6opengl6-dev
  qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools
  qt6-translations-l10n # Qt's own Korean (standard buttons, file dialog) for the console
  xvfb xauth fonts-noto-cjk
  wrk nginx-light curl procps python3 python3-yaml openssl ccache
  # fuzzing (libFuzzer) and the monitoring rules' checker (promtool)
  clang libfuzzer-14-dev libclang-rt-14-dev prometheus
  # Debian packages (scripts/package.sh: dpkg-shlibdeps computes Depends, CPack needs file)
  dpkg-dev file
  # the formatting check of the test command (scripts/check-format.sh): Debian 12's version 14
  clang-format
)
# The API contract check (scripts/check-api.sh) runs Redocly and Ajv on Node.js. A Node.js from
# elsewhere (NodeSource bundles its own npm) is used as it is; Debian's otherwise.
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)
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
# nginx-light and prometheus start services on install; the project runs its own instances.
if command -v systemctl >/dev/null 2>&1; then
  $SUDO systemctl disable --now nginx prometheus >/dev/null 2>&1 || true
fi
echo "install-deps: done"
