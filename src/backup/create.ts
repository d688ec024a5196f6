import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import {
  closeSync,
  fstatSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import Database from "better-sqlite3";
import tar from "tar-stream";
import { encrypterFor } from "./keys.js";
import { type FoundEntry, walkStateDir } from "./snapshot.js";
import {
  BACKUP_FORMAT,
  type BackupKeys,
  type BackupManifest,
  MANIFEST_ENTRY,
  type ManifestEntry,
  STATE_PREFIX,
} from "./types.js";

export interface CreateOptions {
  stateDir: string;
  /** The encrypted file to write (atomically, mode 600). */
  out: string;
  keys: BackupKeys;
  env: NodeJS.ProcessEnv;
  now?: Date;
  openclawVersion?: string;
}

export interface CreateResult {
  file: string;
  size: number;
  fileSha256: string;
  manifest: BackupManifest;
}

const CHUNK = 1 << 20;

type Sink = ReturnType<tar.Pack["entry"]>;
type EntryHeader = Parameters<tar.Pack["entry"]>[0];

/**
 * A consistent, encrypted snapshot of the state dir: every SQLite database through SQLite's online backup API
 * (a reader's consistent view of a live WAL database, never a raw copy of the file pair), every other file read
 * once while it is hashed, all streamed through gzip into age. Nothing unencrypted reaches the disk except the
 * database copies, which live in a 0700 private folder removed before this returns.
 */
export async function createBackup(opts: CreateOptions): Promise<CreateResult> {
  const stateDir = resolve(opts.stateDir);
  const out = resolve(opts.out);
  const encrypter = encrypterFor(opts.keys, opts.env);
  const walk = walkStateDir(stateDir, new Set([out]));
  const privateDir = mkdtempSync(join(tmpdir(), "clawwarden-backup-"));
  const tmpOut = join(
    dirname(out),
    `.${basename(out)}.partial-${process.pid}-${randomBytes(3).toString("hex")}`,
  );
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: (opts.now ?? new Date()).toISOString(),
    sourceStateDir: stateDir,
    hostname: hostname(),
    ...(opts.openclawVersion ? { openclawVersion: opts.openclawVersion } : {}),
    entries: [],
    skipped: walk.skipped,
  };
  let fd: number | undefined;
  try {
    const pack = tar.pack();
    const gzip = createGzip({ level: 6 });
    pack.pipe(gzip);
    const cipher = await encrypter.encrypt(Readable.toWeb(gzip) as ReadableStream<Uint8Array>);
    fd = openSync(tmpOut, "wx", 0o600);
    const hash = createHash("sha256");
    let size = 0;
    const writeOut = (async () => {
      for await (const chunk of cipher as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        let off = 0;
        while (off < chunk.length) off += writeSync(fd as number, chunk, off, chunk.length - off);
        size += chunk.length;
      }
    })();
    const produce = (async () => {
      for (const e of walk.entries) manifest.entries.push(await addEntry(pack, e, privateDir));
      const body = Buffer.from(`${JSON.stringify(manifest)}\n`);
      await writeEntry(pack, { name: MANIFEST_ENTRY, size: body.length, mode: 0o600 }, [body]);
      pack.finalize();
    })();
    await Promise.all([
      produce.catch((e) => {
        pack.destroy(e);
        throw e;
      }),
      writeOut,
    ]);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmpOut, out);
    return { file: out, size, fileSha256: hash.digest("hex"), manifest };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmpOut);
    } catch {
      // never created
    }
    throw error;
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }
}

async function addEntry(pack: tar.Pack, e: FoundEntry, privateDir: string): Promise<ManifestEntry> {
  const name = `${STATE_PREFIX}${e.rel}`;
  if (e.kind === "dir") {
    await writeEntry(pack, { name, type: "directory", mode: e.mode }, []);
    return { path: e.rel, kind: "dir", mode: e.mode, size: 0 };
  }
  if (e.kind === "symlink") {
    await writeEntry(pack, { name, type: "symlink", linkname: e.linkTarget ?? "", mode: e.mode }, []);
    return { path: e.rel, kind: "symlink", mode: e.mode, size: 0, linkTarget: e.linkTarget ?? "" };
  }
  const source = e.sqlite ? await onlineCopy(e.abs, privateDir) : e.abs;
  const { size, sha256 } = await streamFile(pack, name, source, e.mode);
  return { path: e.rel, kind: "file", mode: e.mode, size, sha256, ...(e.sqlite ? { sqlite: true } : {}) };
}

async function onlineCopy(dbPath: string, privateDir: string): Promise<string> {
  const copy = join(privateDir, `${randomBytes(6).toString("hex")}.sqlite`);
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
  } catch {
    // a WAL database without a -shm cannot be opened read-only; a normal reader connection writes nothing
    db = new Database(dbPath, { fileMustExist: true });
  }
  try {
    await db.backup(copy);
  } finally {
    db.close();
  }
  return copy;
}

/** Streams exactly the size seen at open; a file that shrinks meanwhile fails the backup rather than store a lie. */
async function streamFile(
  pack: tar.Pack,
  name: string,
  path: string,
  mode: number,
): Promise<{ size: number; sha256: string }> {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const hash = createHash("sha256");
    const { sink, done: entryDone } = openEntry(pack, { name, size, mode });
    const buf = Buffer.allocUnsafe(CHUNK);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, size - read), read);
      if (n === 0) throw new Error(`${path} shrank while it was being backed up; run the backup again`);
      const piece = Buffer.from(buf.subarray(0, n));
      hash.update(piece);
      await write(sink, piece);
      read += n;
    }
    sink.end(null);
    await entryDone;
    return { size, sha256: hash.digest("hex") };
  } finally {
    closeSync(fd);
  }
}

async function writeEntry(pack: tar.Pack, header: EntryHeader, body: Buffer[]): Promise<void> {
  const { sink, done } = openEntry(pack, header);
  for (const b of body) await write(sink, b);
  sink.end(null);
  await done;
}

function openEntry(pack: tar.Pack, header: EntryHeader): { sink: Sink; done: Promise<void> } {
  let sink: Sink | undefined;
  const done = new Promise<void>((ok, fail) => {
    sink = pack.entry(header, (error) => (error ? fail(error) : ok()));
  });
  return { sink: sink as Sink, done };
}

async function write(sink: Sink, chunk: Buffer): Promise<void> {
  if (!sink.write(chunk)) await once(sink, "drain");
}
