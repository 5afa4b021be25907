#!/usr/bin/env bash
# Installs what Reception Bridge needs on Debian 12 (as root) from package registries only:
# Debian packages, npm dependencies, the mediasoup worker and the embedded FerretDB.
# Usage: scripts/install.sh [--test]   (--test adds what the test suite needs: Chromium)
# Builds are cached under $RB_CACHE_DIR (default ~/.cache/reception-bridge), so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

with_test=0
[ "${1:-}" = "--test" ] && with_test=1

export RB_CACHE_DIR="${RB_CACHE_DIR:-$HOME/.cache/reception-bridge}"
log() { printf '[install] %s\n' "$*"; }

# Debian packages: worker build dependencies, the documents' font (Liberation Serif 2, which covers
# Vietnamese); for tests, Chromium, iptables (packet loss), coturn (TURN),
# poppler-utils (pdffonts), xmllint (the national-database XML against its schema), and redis-server
# and nginx (the cluster tests start both on loopback).
packages=(g++ pkg-config meson ninja-build libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev curl ca-certificates fonts-liberation2)
[ "$with_test" = 1 ] && packages+=(chromium iptables coturn poppler-utils libxml2-utils redis-server nginx)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm dependencies. Scripts are ignored: mediasoup's postinstall would download or build the worker
# its own way; the worker is provisioned below instead.
log "npm ci"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

bash scripts/provision-worker.sh
bash scripts/provision-ferretdb.sh
log "done"
