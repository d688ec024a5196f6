import { copyFileSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { decompress as fzstdDecompress } from "fzstd";
import { makePrivateDir } from "./private-dir.js";

/** Databases up to this size without WAL content are read into memory instead of copied. */
const IN_MEMORY_MAX_BYTES = 2 * 1024 * 1024;

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Opens an SQLite database for reading without touching it. Opening a WAL-mode database in
 * place (even read-only) creates `-wal`/`-shm` beside it, and SQLite's `immutable` URI flag
 * would ignore un-checkpointed WAL content (better-sqlite3 takes no URI filenames anyway).
 * So a small database with no WAL content is read into memory and deserialized (its header
 * switched from WAL to rollback mode in the copy, as deserialize requires); otherwise the
 * database and its `-wal` are copied into a private 0700 temp dir, opened there, and removed.
 */
/** SQLite copies the image, so the file buffer is dropped as soon as the database is open. */
function openImage(dbPath: string): Database.Database {
  const image = readFileSync(dbPath);
  if (image[18] === 2 && image[19] === 2) {
    image[18] = 1;
    image[19] = 1;
  }
  return new Database(image, { readonly: true });
}

export function withDatabaseCopy<T>(dbPath: string, fn: (db: Database.Database) => T): T {
  const walBytes = fileSize(`${dbPath}-wal`);
  if (walBytes === 0 && fileSize(dbPath) <= IN_MEMORY_MAX_BYTES) {
    const db = openImage(dbPath);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }
  const { dir, remove } = makePrivateDir("db", fileSize(dbPath) + walBytes);
  try {
    const copy = join(dir, basename(dbPath));
    copyFileSync(dbPath, copy);
    if (walBytes > 0) copyFileSync(`${dbPath}-wal`, `${copy}-wal`);
    const db = new Database(copy, { readonly: false, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  } finally {
    remove();
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

/**
 * Many rows' text read in one SQLite call: every field of `columns` for each row in `rowids`,
 * joined with NUL bytes (so field i of the batch is row `i / columns.length`). One call per
 * batch instead of one per row is most of the speed of a transcript scan.
 */
export interface TextBatch {
  table: string;
  columns: string[];
  rowids: number[];
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
    // Loaded on first use: the module carries its WASM inline and costs start-up time.
    const { ZSTDDecoder } = await import("zstddec");
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

const BATCH_ROWS = 500;

/**
 * Every text value of every ordinary table, plus zstd-compressed blobs decoded. Virtual tables
 * and their shadow tables (FTS copies of transcript text) are skipped so text is seen once.
 * Text columns of rowid tables come in batches unless `perRow(table, column)` asks for single
 * cells (zstd columns always come per row).
 */
export function* textCells(
  db: Database.Database,
  issues: TableReadIssue[],
  decode: ZstdDecode = (b) => fzstdDecompress(b),
  perRow: (table: string, column: string) => boolean = () => false,
): Generator<TextCell | TextBatch> {
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
    const withoutRowid = /WITHOUT\s+ROWID/i.test(sql ?? "");
    const batched = withoutRowid ? [] : wanted.filter((c) => !isZstdColumn(c.name) && !perRow(name, c.name));
    const single = wanted.filter((c) => !batched.includes(c));
    try {
      if (batched.length > 0) {
        yield* batches(
          db,
          name,
          batched.map((c) => c.name),
        );
      }
      if (single.length > 0) {
        yield* rows(
          db,
          name,
          single.map((c) => c.name),
          cols.find((c) => /_utf8_bytes$/i.test(c.name))?.name,
          withoutRowid,
          decode,
          issues,
          "",
        );
      }
    } catch (err) {
      issues.push({ table: name, reason: (err as Error).message });
    }
  }
}

function* batches(db: Database.Database, table: string, columns: string[]): Generator<TextCell | TextBatch> {
  const fields = columns.map((c) => `coalesce(CAST(${quoteIdent(c)} AS TEXT), '')`).join(" || char(0) || ");
  const stmt = db
    .prepare(
      `SELECT max(r), group_concat(r), CAST(group_concat(v, char(0)) AS BLOB), count(*) FROM (SELECT rowid AS r, ${fields} AS v FROM ${quoteIdent(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH_ROWS})`,
    )
    .raw(true);
  let last: number | bigint = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const [max, ids, bytes, count] = stmt.get(last) as [
      number | null,
      string | null,
      Uint8Array | null,
      number,
    ];
    if (max === null || ids === null) return;
    const rowids = ids.split(",").map(Number);
    const buf = bytes ?? new Uint8Array(0);
    let nuls = 0;
    for (let i = buf.indexOf(0); i !== -1; i = buf.indexOf(0, i + 1)) nuls++;
    if (rowids.length === count && nuls === count * columns.length - 1) {
      yield { table, columns, rowids, bytes: buf };
    } else {
      // A value with a NUL byte in it would shift the mapping: read this stretch row by row.
      yield* rows(
        db,
        table,
        columns,
        undefined,
        false,
        undefined,
        [],
        `AND rowid > ${Number(last)} AND rowid <= ${max}`,
      );
    }
    last = max;
  }
}

function* rows(
  db: Database.Database,
  table: string,
  columns: string[],
  sizeCol: string | undefined,
  withoutRowid: boolean,
  decode: ZstdDecode | undefined,
  issues: TableReadIssue[],
  range: string,
): Generator<TextCell> {
  const select = [
    ...columns.map((c) => (isZstdColumn(c) ? quoteIdent(c) : `CAST(${quoteIdent(c)} AS BLOB)`)),
    ...(sizeCol ? [quoteIdent(sizeCol)] : []),
  ].join(", ");
  // Rows where all these columns are NULL (most transcript rows for `event_zstd`) never reach JS.
  const someValue = columns.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(" OR ");
  const query = withoutRowid
    ? `SELECT ${select} FROM ${quoteIdent(table)} WHERE (${someValue})`
    : `SELECT rowid, ${select} FROM ${quoteIdent(table)} WHERE (${someValue}) ${range}`;
  const stmt = db.prepare(query).raw(true);
  let position = 0;
  const offset = withoutRowid ? 0 : 1;
  for (const row of stmt.iterate() as Iterable<unknown[]>) {
    position++;
    const rowid = withoutRowid ? position : (row[0] as number | bigint);
    for (let i = 0; i < columns.length; i++) {
      const v = row[i + offset];
      const column = columns[i] as string;
      if (!(v instanceof Uint8Array)) continue;
      if (!isZstdColumn(column) || !decode) {
        if (v.byteLength >= 8) yield { table, column, rowid, bytes: v };
        continue;
      }
      try {
        const size = sizeCol ? row[offset + columns.length] : undefined;
        const out = decode(v, typeof size === "number" ? size : undefined);
        if (out.byteLength > MAX_ZSTD_BYTES) throw new Error("decompressed row exceeds 4 MiB");
        yield { table, column, rowid, bytes: out };
      } catch (err) {
        issues.push({
          table: `${table}.${column}#rowid=${rowid}`,
          reason: `zstd: ${(err as Error).message}`,
        });
      }
    }
  }
}
