#!/usr/bin/env bash
# Runs a command with another Node.js release first on PATH, to check the releases package.json's
# engines promise (22.15 and later; CI runs 24) on a machine that has another one:
#   npm run with-node -- 24 npm test
#   npm run with-node -- 22.23.5 npm run bench gateway
# The binary is the official build as the npm registry ships it (the package node-<platform>-<arch>,
# the one the `node` package installs), kept in ~/.cache/node-releases/<package>/<version> (outside
# node_modules, so the `npm ci` of .ci/run cannot delete the binary it runs on). Everything the
# command starts through PATH (npm, npx, tsx, vitest, the bench's child processes) runs on it.
set -euo pipefail

wanted="${1:-}"
if [ -z "$wanted" ] || [ "$#" -lt 2 ]; then
  echo "usage: npm run with-node -- <major or version> <command...>" >&2
  exit 64
fi
shift

cd "$(dirname "$0")/.."
pkg="node-$(node -p 'process.platform + "-" + process.arch')"
# The newest published version matching what was asked (npm answers one string or a list).
version="$(npm view "$pkg@$wanted" version --json | node -e '
  const v = [JSON.parse(require("node:fs").readFileSync(0, "utf8"))].flat();
  const key = (s) => s.split(".").map(Number);
  v.sort((a, b) => { const x = key(a), y = key(b); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
  if (v.length === 0) process.exit(1);
  console.log(v.at(-1));
')" || { echo "no $pkg release matches $wanted" >&2; exit 1; }

dir="${XDG_CACHE_HOME:-$HOME/.cache}/node-releases/$pkg/$version"
if [ ! -x "$dir/package/bin/node" ]; then
  # Unpacked beside it, then renamed: an interrupted download never leaves a half binary in $dir.
  mkdir -p "$(dirname "$dir")"
  tmp="$(mktemp -d "$dir.partial.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  tarball="$(npm pack "$pkg@$version" --pack-destination "$tmp" --silent)"
  tar -xzf "$tmp/$tarball" -C "$tmp"
  rm "$tmp/$tarball"
  mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp" # another run may have got there first
fi

PATH="$dir/package/bin:$PATH"
export PATH
echo "with-node: $(node --version) ($dir)" >&2
exec "$@"
