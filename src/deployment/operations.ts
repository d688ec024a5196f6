import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import type { ClawwardenConfig, Fact, OperationsFacts } from "../model/snapshot.js";
import { known, notKnown } from "../model/snapshot.js";

const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Reads what clawwarden's own watch and backup commands recorded under `<state dir>/.clawwarden/`: the watcher's
 * status.json and backups.jsonl (the tail of it). Regular files only, bounded; a missing file is simply absent.
 */
export function collectOperations(stateDir: string, clawwarden: ClawwardenConfig): Fact<OperationsFacts> {
  const out: OperationsFacts = { backups: [] };
  try {
    const status = readBounded(join(stateDir, ".clawwarden", "watch", "status.json"));
    if (status !== undefined) {
      const j = JSON.parse(status) as OperationsFacts["watch"] & { sinks?: unknown[] };
      if (j && typeof j.startedAt === "string") {
        out.watch = {
          startedAt: j.startedAt,
          ...(typeof j.lastCycleAt === "string" ? { lastCycleAt: j.lastCycleAt } : {}),
          alertsRaised: Number(j.alertsRaised) || 0,
          sinks: Array.isArray(j.sinks) ? (j.sinks as NonNullable<OperationsFacts["watch"]>["sinks"]) : [],
        };
      }
    }
    const records = readBounded(join(stateDir, ".clawwarden", "backups.jsonl"), true);
    for (const line of records?.split("\n") ?? []) {
      try {
        const r = JSON.parse(line) as OperationsFacts["backups"][number];
        if (typeof r.at === "string" && typeof r.action === "string" && typeof r.ok === "boolean") {
          out.backups.push({
            at: r.at,
            action: r.action,
            ok: r.ok,
            file: String(r.file),
            ...(r.detail ? { detail: String(r.detail) } : {}),
          });
        }
      } catch {
        // torn line
      }
    }
  } catch (error) {
    return notKnown(`clawwarden's watch/backup records could not be read: ${(error as Error).message}`);
  }
  const w = clawwarden.watch as
    | { rules?: unknown[]; sinks?: Array<{ name?: string; type?: string }> }
    | undefined;
  if (w && typeof w === "object") {
    out.watchConfig = {
      rules: Array.isArray(w.rules) ? w.rules.length : 0,
      sinks: (Array.isArray(w.sinks) ? w.sinks : []).map((s, i) => ({
        name: s.name ?? `${s.type}${i}`,
        type: String(s.type),
      })),
    };
  }
  return known(out);
}

/** The file's text (its last MAX_BYTES when `tail`), or undefined when absent; never a FIFO or device. */
function readBounded(path: string, tail = false): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    const size = Math.min(st.size, MAX_BYTES);
    const buf = Buffer.alloc(size);
    const n = readSync(fd, buf, 0, size, tail ? Math.max(0, st.size - size) : 0);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
