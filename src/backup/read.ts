import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { posix } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import { InputError } from "../util/errors.js";
import { decrypterFor } from "./keys.js";
import {
  BACKUP_FORMAT,
  type BackupKeys,
  type BackupManifest,
  MANIFEST_ENTRY,
  type ManifestEntry,
  STATE_PREFIX,
} from "./types.js";

/** Limits for reading a backup: anyone holding a recipient's public key can make a well-encrypted hostile one. */
export const READ_LIMITS = { maxEntries: 2_000_000, maxManifestBytes: 256 * 1024 * 1024, maxPathBytes: 4096 };

/** What a reader sees of one stored entry; `body` streams a file's bytes (already hashed by the reader). */
export interface StoredEntry {
  path: string;
  kind: ManifestEntry["kind"];
  mode: number;
  size: number;
  linkTarget?: string;
}

export interface EntrySink {
  /** Called per entry in archive order; for files, `chunks` yields the bytes (consume them all). */
  entry(e: StoredEntry, chunks: AsyncIterable<Buffer>): Promise<void>;
}

export interface ReadReport {
  manifest?: BackupManifest;
  /** Integrity problems: anything here means the backup must not be trusted. */
  problems: string[];
  files: number;
  bytes: number;
  hashes: Map<string, string>;
}

/**
 * Decrypts and reads a backup end to end, hashing every file, then checks the stored set against the manifest:
 * same paths, kinds, sizes and sha256, nothing missing, nothing extra, nothing twice. A wrong key is an input error
 * (exit 2); anything that fails authentication or disagrees is a problem in the report (exit 1).
 */
export async function readBackup(file: string, keys: BackupKeys, sink?: EntrySink): Promise<ReadReport> {
  const report: ReadReport = { problems: [], files: 0, bytes: 0, hashes: new Map() };
  const decrypter = decrypterFor(keys);
  let plain: ReadableStream<Uint8Array>;
  try {
    plain = await decrypter.decrypt(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
  } catch (error) {
    const message = (error as Error).message;
    if (/no identity matched|incorrect passphrase|failed to decrypt file key/i.test(message)) {
      throw new InputError(`the key does not open this backup (${message})`, { file });
    }
    report.problems.push(`not a readable age file: ${message}`);
    return report;
  }
  const seen = new Map<string, StoredEntry>();
  const extract = tar.extract();
  const consume = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      if (report.manifest) report.problems.push(`entry after the manifest: ${safe(h.name)}`);
      if (h.name === MANIFEST_ENTRY) {
        report.manifest = await readManifest(entry as AsyncIterable<Buffer>, report);
        continue;
      }
      const path = storedPath(h.name);
      if (path === undefined) {
        report.problems.push(`entry outside ${STATE_PREFIX}: ${safe(h.name)}`);
        entry.resume();
        continue;
      }
      if (seen.has(path) || seen.size >= READ_LIMITS.maxEntries) {
        report.problems.push(seen.has(path) ? `stored twice: ${path}` : "too many entries");
        entry.resume();
        continue;
      }
      const kind =
        h.type === "directory"
          ? "dir"
          : h.type === "symlink"
            ? "symlink"
            : h.type === "file"
              ? "file"
              : undefined;
      if (!kind) {
        report.problems.push(`unexpected entry type ${h.type}: ${path}`);
        entry.resume();
        continue;
      }
      const stored: StoredEntry = {
        path,
        kind,
        mode: (h.mode ?? 0o600) & 0o7777,
        size: h.size ?? 0,
        ...(kind === "symlink" ? { linkTarget: h.linkname ?? "" } : {}),
      };
      seen.set(path, stored);
      const hash = createHash("sha256");
      let bytes = 0;
      const chunks = (async function* () {
        for await (const c of entry as AsyncIterable<Buffer>) {
          hash.update(c);
          bytes += c.length;
          yield c;
        }
      })();
      if (sink) await sink.entry(stored, chunks);
      for await (const _ of chunks) {
        // drain what the sink left unread, so the hash covers every byte
      }
      if (kind === "file") {
        report.files++;
        report.bytes += bytes;
        report.hashes.set(path, hash.digest("hex"));
      }
    }
  })();
  try {
    const source = Readable.fromWeb(plain as import("node:stream/web").ReadableStream<Uint8Array>);
    const piping = pipeline(source, createGunzip(), extract);
    consume.catch(() => {});
    piping.catch(() => {});
    await Promise.all([consume, piping]);
  } catch (error) {
    report.problems.push(`the payload is damaged or was altered: ${(error as Error).message}`);
    return report;
  }
  compare(report, seen);
  return report;
}

async function readManifest(
  entry: AsyncIterable<Buffer>,
  report: ReadReport,
): Promise<BackupManifest | undefined> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of entry) {
    n += c.length;
    if (n > READ_LIMITS.maxManifestBytes) {
      report.problems.push("manifest too large");
      return undefined;
    }
    parts.push(c);
  }
  try {
    const m = JSON.parse(Buffer.concat(parts).toString("utf8")) as BackupManifest;
    if (m.format !== BACKUP_FORMAT || !Array.isArray(m.entries)) {
      report.problems.push(`unknown backup format ${String(m.format)}`);
      return undefined;
    }
    return m;
  } catch {
    report.problems.push("manifest is not JSON");
    return undefined;
  }
}

function compare(report: ReadReport, seen: Map<string, StoredEntry>): void {
  const m = report.manifest;
  if (!m) {
    if (!report.problems.length) report.problems.push("no manifest: the backup is truncated");
    return;
  }
  const listed = new Set<string>();
  for (const e of m.entries) {
    listed.add(e.path);
    const s = seen.get(e.path);
    if (!s) {
      report.problems.push(`missing: ${e.path}`);
      continue;
    }
    if (s.kind !== e.kind) report.problems.push(`${e.path}: stored as ${s.kind}, manifest says ${e.kind}`);
    if (s.mode !== e.mode)
      report.problems.push(`${e.path}: mode ${oct(s.mode)}, manifest says ${oct(e.mode)}`);
    if (e.kind === "file") {
      const got = report.hashes.get(e.path);
      if (got !== e.sha256) report.problems.push(`${e.path}: sha256 differs from the manifest`);
    }
    if (e.kind === "symlink" && s.linkTarget !== e.linkTarget)
      report.problems.push(`${e.path}: link target differs`);
  }
  for (const path of seen.keys()) if (!listed.has(path)) report.problems.push(`not in the manifest: ${path}`);
}

/** `state/<relative path>` → the relative path, or undefined when it is absolute, escapes, or is malformed. */
export function storedPath(name: string): string | undefined {
  if (!name.startsWith(STATE_PREFIX) || Buffer.byteLength(name) > READ_LIMITS.maxPathBytes) return undefined;
  const rel = name.slice(STATE_PREFIX.length).replace(/\/$/, "");
  if (!rel || rel.includes("\0") || rel.includes("\\") || posix.isAbsolute(rel)) return undefined;
  if (posix.normalize(rel) !== rel || rel.split("/").some((p) => p === ".." || p === "." || p === ""))
    return undefined;
  return rel;
}

const oct = (m: number) => `0${m.toString(8)}`;
const safe = (s: string) => JSON.stringify(s.slice(0, 200));
