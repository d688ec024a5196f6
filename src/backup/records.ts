import { createHash } from "node:crypto";
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  unlinkSync,
} from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import type { BackupRecord } from "./types.js";

/** Backups clawwarden names itself; `list` and `prune` only ever touch files of this shape. */
const NAME = /^openclaw-backup-[A-Za-z0-9._-]+-(\d{8}T\d{6}Z)(?:-\d+)?\.tar\.gz\.age$/;

export function backupFileName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, "_") || "host";
  return `openclaw-backup-${host}-${stamp}.tar.gz.age`;
}

/** `<state dir>/.clawwarden/backups.jsonl`: paths, sizes, hashes of the encrypted files and results; no secrets. */
export function recordsPath(stateDir: string): string {
  return join(stateDir, ".clawwarden", "backups.jsonl");
}

export function appendRecord(stateDir: string, record: BackupRecord): void {
  const dir = join(stateDir, ".clawwarden");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  appendFileSync(recordsPath(stateDir), `${JSON.stringify(record)}\n`, { mode: 0o600 });
}

/** Reads the record log, skipping torn or foreign lines (an append cut short by a crash). Bounded to 16 MiB. */
export function readRecords(stateDir: string): BackupRecord[] {
  const path = recordsPath(stateDir);
  if (!existsSync(path) || !statSync(path).isFile()) return [];
  const text = readFileSync(path, "utf8").slice(-16 * 1024 * 1024);
  const out: BackupRecord[] = [];
  for (const line of text.split("\n")) {
    try {
      const r = JSON.parse(line) as BackupRecord;
      if (r && typeof r.at === "string" && typeof r.action === "string") out.push(r);
    } catch {
      // torn line
    }
  }
  return out;
}

export interface ListedBackup {
  file: string;
  name: string;
  size: number;
  createdAt: string;
}

export function listBackups(dir: string): ListedBackup[] {
  const root = resolve(dir);
  const out: ListedBackup[] = [];
  for (const name of readdirSync(root)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const file = join(root, name);
    const st = statSync(file);
    if (!st.isFile()) continue;
    const s = m[1] as string;
    const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
    out.push({ file, name, size: st.size, createdAt });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/** Deletes all but the newest `keep` backups of our own naming; returns what it deleted. Never below one. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1)
    throw new RangeError("--keep must be a whole number of at least 1");
  const doomed = listBackups(dir).slice(keep);
  for (const b of doomed) unlinkSync(b.file);
  return doomed.map((b) => b.file);
}

export function sha256File(file: string): string {
  const hash = createHash("sha256");
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}
