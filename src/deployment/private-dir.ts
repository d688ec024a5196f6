import { mkdtempSync, readdirSync, rmSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processAlive } from "../util/process-alive.js";

/**
 * Private working copies (an SQLite database, a whole state dir for the `openclaw` CLI) hold what the
 * deployment holds: unredacted prompts, keys, tokens. They live in a 0700 dir named by kind and pid,
 * are deleted when the work ends or a signal arrives, and are swept at the next start when their
 * process is gone (kill -9, a crash).
 */
export type PrivateCopyKind = "db" | "state";

const NAME = /^clawwarden-(?:db|state)-(\d+)-/;

/**
 * Where private copies go: a RAM-backed /dev/shm when it has room (copies to a disk-backed /tmp
 * cost ~2 s of wall time per GB in write-back on the bench), else the OS temp dir.
 * CLAWWARDEN_PRIVATE_DIR overrides both (the test suite points it at its own temp root).
 */
function privateRoot(bytes: number): string {
  if (process.env.CLAWWARDEN_PRIVATE_DIR) return process.env.CLAWWARDEN_PRIVATE_DIR;
  try {
    const fs = statfsSync("/dev/shm");
    if (fs.bavail * fs.bsize > bytes * 2 + 64 * 1024 * 1024) return "/dev/shm";
  } catch {
    // No /dev/shm here.
  }
  return tmpdir();
}

/** A new private dir (mode 0700 from mkdtemp) for about `bytes` of copies, and the function that removes it. */
export function makePrivateDir(kind: PrivateCopyKind, bytes: number): { dir: string; remove: () => void } {
  sweepStalePrivateDirs();
  const dir = mkdtempSync(join(privateRoot(bytes), `clawwarden-${kind}-${process.pid}-`));
  const release = removeOnSignal(dir);
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      release();
    },
  };
}

/**
 * While a copy exists, SIGINT/SIGTERM/SIGHUP delete it first; when nothing else handles the signal, the
 * process then ends as it would have.
 */
function removeOnSignal(dir: string): () => void {
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const handler = (sig: NodeJS.Signals) => {
    rmSync(dir, { recursive: true, force: true });
    if (process.listenerCount(sig) === 1) {
      for (const s of signals) process.off(s, handler);
      process.kill(process.pid, sig);
    }
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}

let swept = false;

/** Deletes private copies whose process is gone (left by kill -9 or a crash); once per process. */
export function sweepStalePrivateDirs(): string[] {
  if (swept) return [];
  swept = true;
  const removed: string[] = [];
  const roots = process.env.CLAWWARDEN_PRIVATE_DIR
    ? [process.env.CLAWWARDEN_PRIVATE_DIR]
    : ["/dev/shm", tmpdir()];
  for (const root of new Set(roots)) {
    let names: string[] = [];
    try {
      names = readdirSync(root);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = NAME.exec(name);
      if (!m || processAlive(Number(m[1]))) continue;
      rmSync(join(root, name), { recursive: true, force: true });
      removed.push(join(root, name));
    }
  }
  return removed;
}
