#!/usr/bin/env bash
# Provisions the mediasoup worker binary: from the cache if present; else mediasoup's prebuilt release
# where the network reaches it; else built from the C++ sources in the npm package against Debian's
# libraries (no download). The result is cached by mediasoup version, OS and architecture and verified.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[worker] %s\n' "$*"; }

pkg_dir=node_modules/mediasoup
version=$(node -p "require('./$pkg_dir/package.json').version")
# shellcheck disable=SC1091
os_id=$(. /etc/os-release && echo "${ID}${VERSION_ID:-}")
key="$version-$os_id-$(uname -m)"
cache_dir="${RB_CACHE_DIR:-$HOME/.cache/reception-bridge}/mediasoup-worker/$key"
cached="$cache_dir/mediasoup-worker"
target="$pkg_dir/worker/out/Release/mediasoup-worker"

verify() {
  [ -x "$1" ] && MEDIASOUP_WORKER_BIN="$1" node -e '
    const ms = require("mediasoup");
    ms.createWorker({ logLevel: "error" })
      .then(async (w) => { await w.createRouter({ mediaCodecs: [] }); w.close(); })
      .catch((e) => { console.error(e.message); process.exit(1); });' 2>/dev/null
}

fetch_prebuilt() {
  local base="${MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL:-https://github.com/versatica/mediasoup/releases/download}"
  local arch; arch=$(node -p process.arch)
  local tmp; tmp=$(mktemp -d)
  log "trying mediasoup's prebuilt worker"
  if curl -fsSL --max-time 60 "$base/$version/mediasoup-worker-$version-linux-$arch.tgz" | tar -xz -C "$tmp" 2>/dev/null \
    && verify "$tmp/mediasoup-worker"; then
    install -D -m 0755 "$tmp/mediasoup-worker" "$cached"
    rm -rf "$tmp"
    return 0
  fi
  rm -rf "$tmp"
  return 1
}

build_from_source() {
  local patch_dir; patch_dir=$(pwd)/scripts/mediasoup-worker
  if [ "$version" != "$(cat "$patch_dir/VERSION")" ]; then
    log "the build files in $patch_dir are for mediasoup $(cat "$patch_dir/VERSION"), not $version"
    return 1
  fi
  local src; src=$(mktemp -d)
  log "building the worker from source in $src (about 3-5 minutes on 2 cores)"
  cp -r "$pkg_dir/worker/." "$src/"
  cp "$patch_dir/meson.build" "$src/meson.build"
  cp "$patch_dir/libwebrtc.meson.build" "$src/deps/libwebrtc/meson.build"
  (cd "$src" && meson setup out --wrap-mode=nofallback --buildtype=release -Db_ndebug=true >/dev/null \
    && ninja -C out mediasoup-worker)
  install -D -m 0755 "$src/out/mediasoup-worker" "$cached"
  rm -rf "$src"
}

if verify "$cached"; then
  log "cached worker $key"
else
  fetch_prebuilt || build_from_source
  verify "$cached" || { log "the worker at $cached does not start"; exit 1; }
  log "built and cached worker $key"
fi
install -D -m 0755 "$cached" "$target"
