import { readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Tests make their deployments, namespaces' files and containers' roots under `<tmp>/cw-*`. Many files clean up
 * after themselves; this removes what any test of this run left behind, so a developer's /tmp does not fill up
 * run after run. Only `cw-*` entries created after the run started are touched; CW_KEEP_TMP=1 keeps them
 * for debugging a failed test.
 */
let startedMs = 0;

export function setup(): void {
  startedMs = Date.now() - 1000;
}

export function teardown(): void {
  const root = tmpdir();
  if (process.env.CW_KEEP_TMP) return;
  for (const name of readdirSync(root)) {
    if (!name.startsWith("cw-")) continue;
    const path = join(root, name);
    try {
      const st = statSync(path);
      const born = st.birthtimeMs > 0 ? st.birthtimeMs : st.ctimeMs;
      if (born >= startedMs) rmSync(path, { recursive: true, force: true });
    } catch {
      // busy (a mount a test failed to undo) or already gone: leave it
    }
  }
}
