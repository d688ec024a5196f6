import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { decompress as fzstdDecompress } from "fzstd";
import { ZSTDDecoder } from "zstddec";

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
  /** UTF-8 bytes of the value (decompressed for zstd columns). */
  bytes: Uint8Array;
}

export interface TableReadIssue {
  table: string;
  reason: string;
}

const MAX_ZSTD_BYTES = 4 * 1024 * 1024;

/** Decodes one zstd frame; `size` is the recorded uncompressed size when the row has it. */
export type ZstdDecode = (bytes: Uint8Array, size?: number) => Uint8Array;

let zstdDecode: ZstdDecode | undefined;

/**
 * The fastest zstd decoder this runtime has: Node's own (22.15+), else zstddec (WASM, about
 * 3x fzstd here), else fzstd (pure JS). Node 20 has no built-in zstd.
 */
export async function loadZstd(): Promise<ZstdDecode> {
  if (zstdDecode) return zstdDecode;
  const native = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array, o?: object) => Buffer })
    .zstdDecompressSync;
  if (typeof native === "function") {
    zstdDecode = (b) => native(b, { maxOutputLength: MAX_ZSTD_BYTES });
    return zstdDecode;
  }
  try {
    const wasm = new ZSTDDecoder();
    await wasm.init();
    zstdDecode = (b, size) =>
      size !== undefined && size > 0 && size <= MAX_ZSTD_BYTES ? wasm.decode(b, size) : fzstdDecompress(b);
  } catch {
    zstdDecode = (b) => fzstdDecompress(b);
  }
  return zstdDecode;
}

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
export function* textCells(
  db: Database.Database,
  issues: TableReadIssue[],
  decode: ZstdDecode = (b) => fzstdDecompress(b),
): Generator<TextCell> {
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
    // Text (and untyped) columns, read as BLOB so values arrive as UTF-8 bytes without a JS string.
    const wanted = cols.filter(
      (c) =>
        !/^(INTEGER|INT|REAL|NUMERIC)$/i.test(c.type) && (!/^BLOB$/i.test(c.type) || isZstdColumn(c.name)),
    );
    if (wanted.length === 0) continue;
    // The recorded uncompressed size of a zstd column (`event_zstd` → `event_utf8_bytes`), if any.
    const sizeCol = cols.find((c) => /_utf8_bytes$/i.test(c.name));
    const withoutRowid = /WITHOUT\s+ROWID/i.test(sql ?? "");
    const select = [
      ...wanted.map((c) =>
        isZstdColumn(c.name) ? quoteIdent(c.name) : `CAST(${quoteIdent(c.name)} AS BLOB)`,
      ),
      ...(sizeCol ? [quoteIdent(sizeCol.name)] : []),
    ].join(", ");
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
          if (!(v instanceof Uint8Array)) continue;
          if (!isZstdColumn(column)) {
            if (v.byteLength >= 8) yield { table: name, column, rowid, bytes: v };
            continue;
          }
          try {
            const size = sizeCol ? row[offset + wanted.length] : undefined;
            const out = decode(v, typeof size === "number" ? size : undefined);
            if (out.byteLength > MAX_ZSTD_BYTES) throw new Error("decompressed row exceeds 4 MiB");
            yield { table: name, column, rowid, bytes: out };
          } catch (err) {
            issues.push({
              table: `${name}.${column}#rowid=${rowid}`,
              reason: `zstd: ${(err as Error).message}`,
            });
          }
        }
      }
    } catch (err) {
      issues.push({ table: name, reason: (err as Error).message });
    }
  }
}
