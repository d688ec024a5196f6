import { constants } from "node:fs";
import { type FileHandle, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { type EventInput, type EventRecord, GENESIS, sealRecord, serialiseRecord } from "./record.js";
import { scrubData } from "./scrub-data.js";
import { CURRENT, nextSegmentNumber, segmentFiles } from "./segments.js";

export interface EventLogOptions {
  /** Rotate the current file past this size (default 16 MiB). */
  maxBytes?: number;
  /** Rotated segments kept (default 20); older ones are deleted (their chain anchor goes with them). */
  keepSegments?: number;
  /** Records waiting beyond this are dropped and counted (default 10 000). */
  capacity?: number;
  /** How long records wait to be written together (default 50 ms). */
  batchMs?: number;
}

const LOCK = "events.lock";
const STALE_LOCK_MS = 10_000;

/**
 * The hash-chained event log's writer. `append` is synchronous and cheap (no disk I/O: the guard calls it on its
 * hot path); records are sealed and written in batches by an async flush. Each batch takes a lock file, re-reads
 * the chain's tail from disk (another process — `guard replay --state-dir`, a second gateway — may have written),
 * appends, and rotates when the file is large. Never throws to the caller; failures are counted.
 */
export class EventLog {
  private queue: Array<EventInput & { ts: string }> = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  dropped = 0;
  failures = 0;
  lastError: string | undefined;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly capacity: number;
  private readonly batchMs: number;

  constructor(
    readonly dir: string,
    opts: EventLogOptions = {},
  ) {
    this.maxBytes = opts.maxBytes ?? 16 * 1024 * 1024;
    this.keep = opts.keepSegments ?? 20;
    this.capacity = opts.capacity ?? 10_000;
    this.batchMs = opts.batchMs ?? 50;
  }

  append(input: EventInput): void {
    if (this.queue.length >= this.capacity) {
      this.dropped++;
      return;
    }
    this.queue.push({ ...input, ts: input.ts ?? new Date().toISOString() });
    if (!this.timer && !this.flushing) {
      this.timer = setTimeout(() => void this.flush(), this.batchMs);
      this.timer.unref?.();
    }
  }

  /** Writes everything queued; resolves when it is on disk (or failed and was counted). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (!this.queue.length) return;
    const batch = this.queue.splice(0);
    this.flushing = this.write(batch).catch((error: Error) => {
      this.failures += batch.length;
      this.lastError = error.message;
    });
    await this.flushing;
    this.flushing = undefined;
    if (this.queue.length) await this.flush();
  }

  private async write(batch: Array<EventInput & { ts: string }>): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const release = await this.lock();
    try {
      const path = join(this.dir, CURRENT);
      let { seq, hash } = await chainTail(this.dir);
      const lines: string[] = [];
      const pending =
        this.dropped > 0
          ? [
              {
                source: "guard" as const,
                type: "events.dropped",
                ts: new Date().toISOString(),
                data: { count: this.dropped },
              },
              ...batch,
            ]
          : batch;
      this.dropped = 0;
      for (const input of pending) {
        seq++;
        const record: Omit<EventRecord, "hash"> = {
          v: 1,
          seq,
          ts: input.ts,
          source: input.source,
          type: input.type,
          ...(input.session ? { session: String(input.session).slice(0, 256) } : {}),
          ...(input.agent ? { agent: String(input.agent).slice(0, 128) } : {}),
          data: (scrubData(input.data ?? {}) as Record<string, unknown>) ?? {},
          prev: hash,
        };
        const sealed = sealRecord(record);
        hash = sealed.hash;
        lines.push(serialiseRecord(sealed));
      }
      const fh = await open(
        path,
        constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
        0o600,
      );
      try {
        await fh.write(`${lines.join("\n")}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      if ((await stat(path)).size > this.maxBytes) await this.rotate(path);
    } finally {
      await release();
    }
  }

  private async rotate(path: string): Promise<void> {
    await rename(path, join(this.dir, `events.${nextSegmentNumber(this.dir)}.jsonl`));
    const rotated = segmentFiles(this.dir);
    for (const old of rotated.slice(0, Math.max(0, rotated.length - this.keep))) await unlink(old);
  }

  /** An exclusive lock file (O_EXCL), broken when older than 10 s (a writer that died holding it). */
  private async lock(): Promise<() => Promise<void>> {
    const path = join(this.dir, LOCK);
    for (let attempt = 0; ; attempt++) {
      let fh: FileHandle | undefined;
      try {
        fh = await open(
          path,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
          0o600,
        );
        await fh.write(String(process.pid));
        await fh.close();
        return async () => {
          await unlink(path).catch(() => undefined);
        };
      } catch (error) {
        await fh?.close().catch(() => undefined);
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const age = await stat(path).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > STALE_LOCK_MS) await unlink(path).catch(() => undefined);
        if (attempt > 200) throw new Error("event log is locked by another writer");
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  }
}

/** The last record's seq and hash across segments (0 and 64 zeros for an empty log); reads only the tail. */
export async function chainTail(dir: string): Promise<{ seq: number; hash: string }> {
  const files = segmentFiles(dir).reverse();
  for (const file of files) {
    const last = await lastLine(file);
    if (!last) continue;
    const r = JSON.parse(last) as EventRecord;
    return { seq: r.seq, hash: r.hash };
  }
  return { seq: 0, hash: GENESIS };
}

async function lastLine(file: string): Promise<string | undefined> {
  const fh = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const { size } = await fh.stat();
    let window = 4096;
    while (true) {
      const start = Math.max(0, size - window);
      const buf = Buffer.alloc(size - start);
      await fh.read(buf, 0, buf.length, start);
      const text = buf.toString("utf8").replace(/\n+$/, "");
      const i = text.lastIndexOf("\n");
      if (i >= 0 || start === 0) return text.slice(i + 1) || undefined;
      if (window > 16 * 1024 * 1024) throw new Error(`${file}: last line longer than 16 MiB`);
      window *= 4;
    }
  } finally {
    await fh.close();
  }
}
