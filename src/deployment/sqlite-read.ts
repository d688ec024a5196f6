import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { decompress } from "fzstd";

/**
 * Opens an SQLite database for reading without touching it. Opening a WAL-mode database in
 * place (even read-only) creates `-wal`/`-shm` beside it, and SQLite's `immutable` URI flag
 * would ignore un-checkpointed WAL content. So the database and its `-wal` are copied into a
 * private 0700 temp dir, opened there, and the copy is removed afterwards.
 */
export function withDatabaseCopy<T>(dbPath: string, fn: (db: Database.Database) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "clawwarden-db-"));
  try {
    const copy = join(dir, basename(dbPath));
    copyFileSync(dbPath, copy);
    if (existsSync(`${dbPath}-wal`)) copyFileSync(`${dbPath}-wal`, `${copy}-wal`);
    const db = new Database(copy, { readonly: false, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TextCell {
  table: string;
  column: string;
  /** rowid, or the row's position for WITHOUT ROWID tables. */
  rowid: number | bigint;
  text: string;
}

export interface TableReadIssue {
  table: string;
  reason: string;
}

const MAX_ZSTD_BYTES = 4 * 1024 * 1024;
const utf8 = new TextDecoder("utf-8", { fatal: false });

/** Columns that hold zstd-compressed UTF-8 (OpenClaw agent schema: `transcript_events.event_zstd`). */
function isZstdColumn(name: string): boolean {
  return /_zstd$/i.test(name);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Every text value of every ordinary table, plus zstd-compressed blobs decoded. Virtual tables
 * and their shadow tables (FTS copies of transcript text) are skipped so text is seen once.
 */
export function* textCells(db: Database.Database, issues: TableReadIssue[]): Generator<TextCell> {
  const tables = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as Array<{ name: string; sql: string | null }>;
  const virtual = tables.filter((t) => /^\s*CREATE\s+VIRTUAL/i.test(t.sql ?? "")).map((t) => t.name);
  for (const { name, sql } of tables) {
    if (virtual.includes(name) || virtual.some((v) => name.startsWith(`${v}_`))) continue;
    const cols = db.prepare(`PRAGMA table_info(${quoteIdent(name)})`).all() as Array<{
      name: string;
      type: string;
    }>;
    const wanted = cols.filter((c) => !/^(INTEGER|INT|REAL|NUMERIC)$/i.test(c.type));
    if (wanted.length === 0) continue;
    const withoutRowid = /WITHOUT\s+ROWID/i.test(sql ?? "");
    const select = wanted.map((c) => quoteIdent(c.name)).join(", ");
    const query = withoutRowid
      ? `SELECT ${select} FROM ${quoteIdent(name)}`
      : `SELECT rowid, ${select} FROM ${quoteIdent(name)}`;
    let stmt: Database.Statement;
    try {
      stmt = db.prepare(query).raw(true);
    } catch (err) {
      issues.push({ table: name, reason: (err as Error).message });
      continue;
    }
    let position = 0;
    try {
      for (const row of stmt.iterate() as Iterable<unknown[]>) {
        position++;
        const rowid = withoutRowid ? position : (row[0] as number | bigint);
        const offset = withoutRowid ? 0 : 1;
        for (let i = 0; i < wanted.length; i++) {
          const v = row[i + offset];
          const column = (wanted[i] as { name: string }).name;
          if (typeof v === "string") {
            if (v.length >= 8) yield { table: name, column, rowid, text: v };
          } else if (v instanceof Uint8Array && isZstdColumn(column)) {
            try {
              const out = decompress(v);
              if (out.byteLength > MAX_ZSTD_BYTES) throw new Error("decompressed row exceeds 4 MiB");
              yield { table: name, column, rowid, text: utf8.decode(out) };
            } catch (err) {
              issues.push({
                table: `${name}.${column}#rowid=${rowid}`,
                reason: `zstd: ${(err as Error).message}`,
              });
            }
          }
        }
      }
    } catch (err) {
      issues.push({ table: name, reason: (err as Error).message });
    }
  }
}
