import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * One temp root per test run: every test's `tmpdir()` resolves inside it (TMPDIR is set here, before the
 * worker forks start, and inherited by them and by the processes they spawn), and teardown removes that root
 * and nothing else. Other processes' files in the shared /tmp are never touched, even ones named like ours.
 * CW_KEEP_TMP=1 keeps the root for debugging a failed test.
 */
let runRoot = "";

export function setup(): void {
  runRoot = mkdtempSync(join(tmpdir(), "cw-run-"));
  // mkdtemp makes it 0700; tests that run collectors as an unprivileged user (setpriv) must reach inside it,
  // as they could reach /tmp itself
  chmodSync(runRoot, 0o755);
  process.env.TMPDIR = runRoot;
  process.env.CW_TEST_RUN_ROOT = runRoot;
  // Private SQLite copies (and the sweep of stale ones) stay inside this run's root, never in /dev/shm.
  process.env.CLAWWARDEN_PRIVATE_DIR = runRoot;
}

export function teardown(): void {
  if (!runRoot) return;
  if (process.env.CW_KEEP_TMP) {
    console.error(`CW_KEEP_TMP: test files kept in ${runRoot}`);
    return;
  }
  try {
    rmSync(runRoot, { recursive: true, force: true });
  } catch {
    // busy (a mount a test failed to undo): leave it rather than fail the run
  }
}
