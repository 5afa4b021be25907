#!/usr/bin/env bash
# Builds the load generator's media sidecar (bench/mediagen, Go, pion) from the Go module proxy and
# caches the binary by a hash of its sources; prints the binary's path. Needs Go >= 1.24 (the same Go
# the FerretDB provisioning uses). About a minute the first time, instant afterwards.
set -euo pipefail
cd "$(dirname "$0")/mediagen"
export PATH="$PATH:/usr/local/go/bin:$HOME/go/bin"
command -v go >/dev/null || { echo "[mediagen] Go >= 1.24 is required" >&2; exit 1; }
hash=$(cat go.mod go.sum ./*.go | sha256sum | cut -c1-16)
bin="${RB_CACHE_DIR:-$HOME/.cache/reception-bridge}/mediagen/$hash/mediagen"
if [ ! -x "$bin" ]; then
  echo "[mediagen] building $bin" >&2
  mkdir -p "$(dirname "$bin")"
  CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" .
  mv "$bin.tmp" "$bin"
fi
echo "$bin"
