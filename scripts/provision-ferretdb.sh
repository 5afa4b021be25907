#!/usr/bin/env bash
# Builds FerretDB (the embedded MongoDB-wire database, SQLite backend) from the Go module proxy and caches
# the binary by version. FerretDB embeds its version from build/version/version.txt, which the module
# archive leaves empty, so the module is built from a copy with that file written.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[ferretdb] %s\n' "$*"; }

version=v1.24.2
bin="${RB_CACHE_DIR:-$HOME/.cache/reception-bridge}/ferretdb/$version/ferretdb"

if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "version: $version"; then
  log "cached FerretDB $version"
  exit 0
fi
export PATH="$PATH:/usr/local/go/bin:$HOME/go/bin"
command -v go >/dev/null || { log "Go >= 1.24 is required to build FerretDB (it is on this machine kind)"; exit 1; }
log "building FerretDB $version (about a minute)"
mod_dir=$(go mod download -json "github.com/FerretDB/FerretDB@$version" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')
src=$(mktemp -d)
cp -r "$mod_dir/." "$src/"
chmod -R u+w "$src"
echo "$version" > "$src/build/version/version.txt"
(cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$bin" ./cmd/ferretdb)
rm -rf "$src"
"$bin" --version | grep -q "version: $version"
log "built $bin"
