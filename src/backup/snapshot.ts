import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { EntryKind } from "./types.js";

/** One thing found under the state dir, not yet read. */
export interface FoundEntry {
  rel: string;
  abs: string;
  kind: EntryKind;
  mode: number;
  size: number;
  sqlite: boolean;
  linkTarget?: string;
}

export interface Walk {
  entries: FoundEntry[];
  skipped: Array<{ path: string; reason: string }>;
}

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");
const SIDE_FILE = /-(wal|shm|journal)$/;

/**
 * Lists the state dir without following links (a link is stored as a link) and without reading contents, except
 * the 16-byte header that tells a SQLite database. `exclude` holds absolute paths to leave out (the backup
 * being written, when it sits inside the state dir).
 */
export function walkStateDir(stateDir: string, exclude: Set<string>): Walk {
  const entries: FoundEntry[] = [];
  const skipped: Walk["skipped"] = [];
  const databases = new Set<string>();
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (exclude.has(abs)) continue;
      const rel = relative(stateDir, abs).split(sep).join("/");
      const st = lstatSync(abs);
      const mode = st.mode & 0o7777;
      if (st.isDirectory()) {
        entries.push({ rel, abs, kind: "dir", mode, size: 0, sqlite: false });
        visit(abs);
      } else if (st.isSymbolicLink()) {
        entries.push({
          rel,
          abs,
          kind: "symlink",
          mode,
          size: 0,
          sqlite: false,
          linkTarget: readlinkSync(abs),
        });
      } else if (st.isFile()) {
        const sqlite = hasSqliteHeader(abs);
        if (sqlite) databases.add(abs);
        entries.push({ rel, abs, kind: "file", mode, size: st.size, sqlite });
      } else {
        skipped.push({ path: rel, reason: "not a regular file, directory or link (socket, FIFO or device)" });
      }
    }
  };
  visit(stateDir);
  // A live database's -wal/-shm/-journal are folded into its online backup; storing them would restore a
  // mismatched pair.
  const kept = entries.filter((e) => {
    const m = SIDE_FILE.exec(e.abs);
    if (e.kind !== "file" || !m || !databases.has(e.abs.slice(0, -m[0].length))) return true;
    skipped.push({ path: e.rel, reason: "SQLite side file, folded into the database's online backup" });
    return false;
  });
  return { entries: kept, skipped };
}

function hasSqliteHeader(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    if (fstatSync(fd).size < 100) return false;
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.equals(SQLITE_MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
