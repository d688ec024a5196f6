import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync } from "node:fs";
import type { SourceLocation } from "../model/location.js";
import { InputError } from "../util/errors.js";

/** OpenClaw's own cap for one `$include` file (`MAX_INCLUDE_FILE_BYTES`). */
export const MAX_INCLUDE_FILE_BYTES = 2 * 1024 * 1024;
/** Our cap for the main config: OpenClaw configs are kilobytes; anything this big is not a config. */
export const MAX_CONFIG_FILE_BYTES = 10 * 1024 * 1024;

export interface ReadOptions {
  maxBytes: number;
  /** What the file is, for messages: "config file", "include file". */
  label: string;
  /** Where the file was referenced from (an `$include` value), used when the file itself has no position. */
  referencedAt?: SourceLocation;
  /** OpenClaw refuses hard-linked include files. */
  rejectHardLinks?: boolean;
  /**
   * Real directories the opened file must lie in. Checked on the open descriptor (`/proc/self/fd`), so
   * a symlink swapped in after the caller's realpath check cannot lead the read outside.
   */
  confineTo?: string[];
}

export type ReadResult = { exists: false } | { exists: true; text: string };

function kindOf(mode: number): string {
  switch (mode & constants.S_IFMT) {
    case constants.S_IFDIR:
      return "a directory";
    case constants.S_IFIFO:
      return "a FIFO";
    case constants.S_IFSOCK:
      return "a socket";
    case constants.S_IFCHR:
      return "a character device";
    case constants.S_IFBLK:
      return "a block device";
    default:
      return "not a regular file";
  }
}

function errnoMessage(code: string | undefined, label: string): string {
  switch (code) {
    case "ELOOP":
      return `${label} is a symlink loop (too many levels of symbolic links)`;
    case "EACCES":
    case "EPERM":
      return `${label} is unreadable: permission denied`;
    case "ENOTDIR":
      return `${label} path goes through something that is not a directory`;
    case "ENAMETOOLONG":
      return `${label} path is too long`;
    case "EISDIR":
      return `${label} is a directory, not a regular file`;
    default:
      return `${label} is unreadable (${code ?? "unknown error"})`;
  }
}

/**
 * Reads a UTF-8 text file without ever blocking or reading more than `maxBytes`:
 * opened non-blocking (a FIFO cannot hang us), checked with fstat on the open descriptor (no race
 * between the check and the read), size-capped before any byte is read, strictly UTF-8 decoded.
 * A missing file is `{ exists: false }`; every other problem is an InputError naming the file.
 */
export function readTextFileBounded(path: string, opts: ReadOptions): ReadResult {
  const fileLoc = (line?: number, column?: number): SourceLocation =>
    line === undefined ? { file: path } : { file: path, line, ...(column === undefined ? {} : { column }) };
  const where = opts.referencedAt ?? fileLoc();
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { exists: false };
    throw new InputError(`${errnoMessage(code, opts.label)}: ${path}`, where, { cause: err });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw new InputError(`${opts.label} is ${kindOf(st.mode)}, not a regular file: ${path}`, where);
    }
    if (opts.confineTo) checkConfined(fd, path, opts.confineTo, opts.label, where);
    if (opts.rejectHardLinks && st.nlink > 1) {
      throw new InputError(`${opts.label} has ${st.nlink} hard links; OpenClaw refuses it: ${path}`, where);
    }
    if (st.size > opts.maxBytes) {
      throw new InputError(
        `${opts.label} is ${formatBytes(st.size)}, over the ${formatBytes(opts.maxBytes)} limit: ${path}`,
        where,
      );
    }
    const buf = readAtMost(fd, opts.maxBytes, path, opts.label, where);
    return { exists: true, text: decodeUtf8(buf, path, opts.label) };
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${errnoMessage(code, opts.label)}: ${path}`, where, { cause: err });
  } finally {
    closeSync(fd);
  }
}

function checkConfined(
  fd: number,
  path: string,
  roots: string[],
  label: string,
  where: SourceLocation,
): void {
  let real: string;
  try {
    real = readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return; // no /proc (not Linux): the caller's realpath check stands alone
  }
  const inside = roots.some(
    (root) => real === root || real.startsWith(root.endsWith("/") ? root : `${root}/`),
  );
  if (!inside)
    throw new InputError(`${label} opened outside the allowed directories (${real}): ${path}`, where);
}

/** Reads to EOF but never more than `max` bytes (the file may grow after fstat). */
function readAtMost(fd: number, max: number, path: string, label: string, where: SourceLocation): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, max + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > max) {
      throw new InputError(`${label} grew over the ${formatBytes(max)} limit while reading: ${path}`, where);
    }
  }
  return Buffer.concat(chunks, total);
}

function decodeUtf8(buf: Buffer, path: string, label: string): string {
  if (!isUtf8(buf)) {
    const offset = firstInvalidUtf8Offset(buf);
    const { line, column } = byteLineColumn(buf, offset);
    throw new InputError(
      `${label} is not valid UTF-8 (byte 0x${(buf[offset] ?? 0).toString(16).padStart(2, "0")} at offset ${offset})`,
      { file: path, line, column },
    );
  }
  const text = buf.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates). */
export function firstInvalidUtf8Offset(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    min = 0x80;
    if (b === 0xe0) min = 0xa0;
    else if (b === 0xed) max = 0x9f;
    else if (b === 0xf0) min = 0x90;
    else if (b === 0xf4) max = 0x8f;
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return buf.length;
}

/** 1-based line and (byte) column of an offset. */
function byteLineColumn(buf: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = buf.indexOf(10); i !== -1 && i < offset; i = buf.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} bytes`;
}
