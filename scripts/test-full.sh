#!/usr/bin/env bash
# The whole test suite from a fresh machine: installs what the tests need, builds, runs vitest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-test-deps.sh
export CLAWWARDEN_OPENCLAW_PATH="$(bash scripts/install-openclaw.sh)"
npm run build
npx biome check .
npx vitest run
