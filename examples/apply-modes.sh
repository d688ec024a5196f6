#!/usr/bin/env bash
# Git keeps no file modes, so a fresh clone has 755/644 everywhere. This restores the modes each example is
# meant to have (what OpenClaw 2026.9.6 creates, plus the deliberate mistakes of the insecure and legacy ones):
#   bash examples/apply-modes.sh            # the examples next to this script
#   bash examples/apply-modes.sh /tmp/copy  # a copied examples/ folder
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")" && pwd)}"

openclaw_modes() { # what 9.6 creates: private state, agent DBs and config; workspace 755/644
  local d="$1"
  chmod 700 "$d"
  [ -f "$d/openclaw.json" ] && chmod 600 "$d/openclaw.json"
  for sub in state agents credentials .clawwarden; do
    [ -d "$d/$sub" ] || continue
    find "$d/$sub" -type d -exec chmod 700 {} +
    find "$d/$sub" -type f -exec chmod 600 {} +
  done
  if [ -d "$d/workspace" ]; then
    find "$d/workspace" -type d -exec chmod 755 {} +
    find "$d/workspace" -type f -exec chmod 644 {} +
  fi
}

if [ -d "$root/hardened" ]; then
  openclaw_modes "$root/hardened"
fi
if [ -d "$root/insecure" ]; then
  openclaw_modes "$root/insecure"
  chmod 777 "$root/insecure"                # reference (b): world-writable state dir
  chmod 666 "$root/insecure/openclaw.json"  # and a world-writable config
fi
if [ -d "$root/legacy-file-era" ]; then     # a sloppy file-era install: everything group/world readable
  find "$root/legacy-file-era" -type d -exec chmod 755 {} +
  find "$root/legacy-file-era" -type f -exec chmod 644 {} +
fi
