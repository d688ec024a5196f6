import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  constants as fsc,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, posix, resolve } from "node:path";
import Database from "better-sqlite3";
import { InputError } from "../util/errors.js";
import { type ReadReport, readBackup, type StoredEntry } from "./read.js";
import type { BackupKeys } from "./types.js";

export interface RestoreOptions {
  file: string;
  keys: BackupKeys;
  to: string;
  /** Restore over a non-empty folder (its old content is moved aside, never deleted). */
  force: boolean;
}

export interface RestoreResult {
  to: string;
  files: number;
  bytes: number;
  databases: Array<{ path: string; integrity: string; tables: number }>;
  /** Links that were stored but not recreated because they point outside the restored tree. */
  linksNotRestored: string[];
  /** Where the folder's previous content went, with --force. */
  movedAside?: string;
}

/**
 * Restores into a staging folder beside the target, checks every hash against the manifest and every SQLite
 * database with `PRAGMA integrity_check`, and only then moves it into place. Never over a live deployment unless
 * forced, and even then the old content is moved aside, not deleted.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const to = resolve(opts.to);
  const occupied = existsSync(to) && (!lstatSync(to).isDirectory() || readdirSync(to).length > 0);
  if (occupied && !opts.force) {
    const live = existsSync(join(to, "openclaw.json")) ? " (it holds an openclaw.json: a deployment)" : "";
    throw new InputError(
      `${to} is not empty${live}; restore into a new folder, or pass --force to move it aside`,
    );
  }
  mkdirSync(dirname(to), { recursive: true });
  const staging = join(dirname(to), `.${basename(to)}.restoring-${randomBytes(4).toString("hex")}`);
  mkdirSync(staging, { mode: 0o700 });
  const dirs: StoredEntry[] = [];
  const links: StoredEntry[] = [];
  try {
    const report = await readBackup(opts.file, opts.keys, {
      async entry(e, chunks) {
        const abs = join(staging, ...e.path.split("/"));
        if (e.kind === "dir") {
          mkdirSync(abs, { recursive: true, mode: 0o700 });
          dirs.push(e);
          return;
        }
        mkdirSync(dirname(abs), { recursive: true, mode: 0o700 });
        if (e.kind === "symlink") {
          links.push(e);
          return;
        }
        // O_EXCL | O_NOFOLLOW: a hostile archive cannot make us write through a link it planted
        const fd = openSync(abs, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL | fsc.O_NOFOLLOW, 0o600);
        try {
          for await (const c of chunks) {
            let off = 0;
            while (off < c.length) off += writeSync(fd, c, off, c.length - off);
          }
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        chmodSync(abs, e.mode & 0o777);
      },
    });
    failOn(report);
    const linksNotRestored: string[] = [];
    for (const l of links) {
      const target = l.linkTarget ?? "";
      const landing = posix.normalize(posix.join(posix.dirname(l.path), target));
      if (posix.isAbsolute(target) || landing === ".." || landing.startsWith("../")) {
        linksNotRestored.push(`${l.path} -> ${target}`);
        continue;
      }
      symlinkSync(target, join(staging, ...l.path.split("/")));
    }
    for (const d of [...dirs].reverse()) chmodSync(join(staging, ...d.path.split("/")), d.mode & 0o1777);
    const databases = checkDatabases(staging, report);
    const bad = databases.filter((d) => d.integrity !== "ok");
    if (bad.length)
      throw new Error(`restored database fails integrity_check: ${bad.map((d) => d.path).join(", ")}`);
    let movedAside: string | undefined;
    if (existsSync(to)) {
      if (occupied) {
        movedAside = `${to}.pre-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
        renameSync(to, movedAside);
      } else rmdirSync(to);
    }
    chmodSync(staging, report.manifest?.entries.find((e) => e.path === "")?.mode ?? 0o700);
    renameSync(staging, to);
    return {
      to,
      files: report.files,
      bytes: report.bytes,
      databases,
      linksNotRestored,
      ...(movedAside ? { movedAside } : {}),
    };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

export class BackupIntegrityError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the backup failed verification: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? " …" : ""}`,
    );
    this.name = "BackupIntegrityError";
  }
}

function failOn(report: ReadReport): void {
  if (report.problems.length) throw new BackupIntegrityError(report.problems);
}

function checkDatabases(root: string, report: ReadReport): RestoreResult["databases"] {
  const out: RestoreResult["databases"] = [];
  for (const e of report.manifest?.entries ?? []) {
    if (!e.sqlite) continue;
    const db = new Database(join(root, ...e.path.split("/")), { readonly: true, fileMustExist: true });
    try {
      const rows = db.pragma("integrity_check") as Array<{ integrity_check: string }>;
      const tables = (
        db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }
      ).n;
      out.push({ path: e.path, integrity: rows.map((r) => r.integrity_check).join("; "), tables });
    } finally {
      db.close();
    }
  }
  return out;
}
