#!/usr/bin/env bash
# Builds the Debian packages into dist/: sluice-server, sluice-console and sluice-surge, with
# CPack (packaging/CMakeLists.txt, docs/packaging.md). Depends: are computed from the shared
# libraries the binaries link (dpkg-shlibdeps), so the build host must be the target release
# (Debian 12).
#   bash scripts/package.sh            # -> dist/sluice-{server,console,surge}_VERSION_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
dir=build-package
# Release-like binaries without the suites: what a host runs, stripped by CPack.
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLUICE_BUILD_TESTS=OFF \
  -DSLUICE_WERROR=ON >/dev/null
exec 9>"${TMPDIR:-/tmp}/sluice-build.lock"
flock 9
cmake --build "$dir" -j2
flock -u 9
rm -rf dist "$dir/cpack"
(cd "$dir" && cpack -G DEB -B "$PWD/cpack" >/dev/null)
mkdir -p dist
cp "$dir"/cpack/*.deb dist/
for deb in dist/*.deb; do
  echo "package: $deb"
  dpkg-deb -f "$deb" Package Version Architecture Depends | sed 's/^/  /'
done
