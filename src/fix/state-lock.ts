/**
 * One clawwarden run that changes a deployment at a time: fix, rollback, rotate, init and guard install
 * take an exclusive lock file in `<state dir>/.clawwarden/lock` (created with O_EXCL, holding pid, host and
 * command). A lock whose process is gone (same host, pid not alive) is stale and taken over; a live one is
 * a clear error naming the other run. Re-entrant within one process.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { InputError } from "../util/errors.js";
import { processAlive } from "../util/process-alive.js";

interface LockInfo {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

const held = new Map<string, number>();

export function lockPath(stateDir: string): string {
  return join(stateDir, ".clawwarden", "lock");
}

function readLock(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws an InputError naming the run that holds it. Returns the release function. */
export function acquireStateLock(stateDir: string, command: string): () => void {
  const path = lockPath(stateDir);
  const count = held.get(path) ?? 0;
  if (count > 0) {
    held.set(path, count + 1);
    return () => release(path);
  }
  mkdirSync(join(stateDir, ".clawwarden"), { recursive: true, mode: 0o700 });
  const info: LockInfo = { pid: process.pid, host: hostname(), command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const other = readLock(path);
      // A lock being written right now reads as empty: treat as held, unless it stays unreadable.
      if (other && (other.host !== info.host || processAlive(other.pid))) {
        throw new InputError(
          `another clawwarden ${other.command} (pid ${other.pid} on ${other.host}, since ${other.startedAt}) is changing ${stateDir}; wait for it, or remove ${path} if that run is gone`,
        );
      }
      if (!other && attempt === 0) continue;
      try {
        unlinkSync(path);
      } catch {
        // another process took it over first
      }
      continue;
    }
    writeSync(fd, `${JSON.stringify(info)}\n`);
    closeSync(fd);
    held.set(path, 1);
    const onExit = () => {
      if (held.has(path)) {
        held.delete(path);
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      }
    };
    process.once("exit", onExit);
    return () => release(path);
  }
  throw new InputError(`could not take the lock ${path}; remove it if no clawwarden run is active`);
}

function release(path: string): void {
  const count = held.get(path) ?? 0;
  if (count > 1) {
    held.set(path, count - 1);
    return;
  }
  held.delete(path);
  try {
    const info = readLock(path);
    if (!info || info.pid === process.pid) unlinkSync(path);
  } catch {
    // already gone
  }
}
