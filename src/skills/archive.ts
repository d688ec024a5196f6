import { gunzipSync, inflateRawSync } from "node:zlib";
import type { RuleId } from "../detect/rule-catalog.js";

/**
 * Minimal, bounded readers for .zip and .tar(.gz): every size is checked before memory is allocated,
 * inflation is capped with zlib's maxOutputLength, and nothing is written to disk. Written here rather than
 * taken from a library because the limits (entries, total bytes, ratio, nesting) must be enforced per entry
 * before extraction, and the entries are only ever needed in memory.
 */

export interface ArchiveLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxFileBytes: number;
  maxRatio: number;
  maxDepth: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  // 64 MiB unpacked is far beyond any skill or plugin package; at 128 MiB a well-compressed .tgz peaked near 290 MB.
  maxTotalBytes: 64 * 1024 * 1024,
  maxFileBytes: 16 * 1024 * 1024,
  maxRatio: 200,
  maxDepth: 3,
};

export interface ArchiveEntry {
  path: string;
  kind: "file" | "dir" | "symlink" | "other";
  size: number;
  data?: Buffer;
  linkTarget?: string;
  problem?: { rule: RuleId; reason: string; incomplete: boolean };
}

export interface ArchiveResult {
  entries: ArchiveEntry[];
  problems: Array<{ path: string; rule: RuleId; reason: string; incomplete: boolean }>;
}

export function archiveType(name: string, head?: Buffer): "zip" | "tgz" | "tar" | undefined {
  const lower = name.toLowerCase();
  if (head && head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return "zip";
  if (head && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)
    return lower.endsWith(".gz") || lower.endsWith(".tgz") ? "tgz" : "tgz";
  if (lower.endsWith(".zip") || lower.endsWith(".skill")) return "zip";
  if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) return "tgz";
  if (lower.endsWith(".tar")) return "tar";
  if (head && head.length >= 262 && head.toString("latin1", 257, 262) === "ustar") return "tar";
  return undefined;
}

/** `a/../b`, absolute paths and drive letters are refused (zip-slip). Returns a clean relative path or undefined. */
function pathEscape(rawName: string): ArchiveResult["problems"][number] {
  return {
    path: rawName,
    rule: "packaging.path-escape",
    reason: "member path is absolute or climbs out with ..",
    incomplete: false,
  };
}

export function safeEntryPath(raw: string): string | undefined {
  const p = raw.replace(/\\/g, "/");
  if (p.startsWith("/") || /^[a-zA-Z]:/.test(p)) return undefined;
  const parts: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") return undefined;
    parts.push(seg);
  }
  return parts.join("/");
}

/**
 * zlib's sync gunzip collects output chunks and then concatenates them, holding the archive twice. The gzip
 * trailer's ISIZE (uncompressed size mod 2^32) lets one chunk hold it all; a lying trailer only costs the old
 * behaviour, since the output cap still applies.
 */
function gunzipChunkSize(buf: Buffer, limits: ArchiveLimits): number {
  const isize = buf.length >= 18 ? buf.readUInt32LE(buf.length - 4) : 0;
  return Math.max(64 * 1024, Math.min(isize + 1, limits.maxTotalBytes + 1));
}

export function readArchive(
  name: string,
  buf: Buffer,
  limits: ArchiveLimits = DEFAULT_LIMITS,
): ArchiveResult {
  const type = archiveType(name, buf.subarray(0, 512));
  if (type === "zip") return readZip(buf, limits);
  if (type === "tgz") {
    let tar: Buffer;
    try {
      tar = gunzipSync(buf, {
        maxOutputLength: limits.maxTotalBytes,
        chunkSize: gunzipChunkSize(buf, limits),
      });
    } catch (e) {
      const over = e instanceof RangeError || /maxOutputLength|buffer/i.test(String(e));
      return {
        entries: [],
        problems: [
          {
            path: name,
            rule: over ? "packaging.archive-bomb" : "packaging.unreadable",
            reason: over
              ? `decompresses past ${limits.maxTotalBytes} bytes`
              : `gzip error: ${(e as Error).message}`,
            incomplete: true,
          },
        ],
      };
    }
    if (buf.length > 0 && tar.length / buf.length > limits.maxRatio && tar.length > 1024 * 1024) {
      return {
        entries: [],
        problems: [
          {
            path: name,
            rule: "packaging.archive-bomb",
            reason: `compression ratio ${Math.round(tar.length / buf.length)}:1 over ${limits.maxRatio}:1`,
            incomplete: true,
          },
        ],
      };
    }
    return readTar(tar, limits);
  }
  if (type === "tar") return readTar(buf, limits);
  return {
    entries: [],
    problems: [
      { path: name, rule: "packaging.unreadable", reason: "unknown archive format", incomplete: true },
    ],
  };
}

function octal(buf: Buffer, start: number, len: number): number {
  if ((buf[start] as number) & 0x80) {
    // GNU base-256 encoding for large sizes.
    let v = 0;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + (buf[i] as number);
    return v;
  }
  const s = buf
    .toString("latin1", start, start + len)
    .replace(/\0.*$/s, "")
    .trim();
  return s === "" ? 0 : Number.parseInt(s, 8);
}

function cstr(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString("utf8", start, end === -1 || end > start + len ? start + len : end);
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp === -1) break;
    const len = Number.parseInt(data.toString("latin1", i, sp), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = data.toString("utf8", sp + 1, i + len - 1);
    const eq = rec.indexOf("=");
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

export function readTar(tar: Buffer, limits: ArchiveLimits): ArchiveResult {
  const entries: ArchiveEntry[] = [];
  const problems: ArchiveResult["problems"] = [];
  let off = 0;
  let total = 0;
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let endMarkerAt = -1;
  let afterEnd = false;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    // node-tar (what npm installs with) and `tar -i` skip zero blocks and read on; stopping at the first one let a
    // lone zero block hide what the installer will still unpack. Read on too, and say the archive disagrees.
    if (header.every((b) => b === 0)) {
      if (endMarkerAt < 0) endMarkerAt = off;
      off += 512;
      continue;
    }
    if (endMarkerAt >= 0 && !afterEnd) {
      afterEnd = true;
      problems.push({
        path: cstr(header, 0, 100),
        rule: "packaging.unreadable",
        reason: `entries after an end-of-archive marker at byte ${endMarkerAt}: tools disagree on what this archive holds (npm reads them)`,
        incomplete: true,
      });
    }
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const dataStart = off + 512;
    const dataEnd = dataStart + size;
    off = dataStart + Math.ceil(size / 512) * 512;
    if (dataEnd > tar.length) {
      problems.push({
        path: cstr(header, 0, 100),
        rule: "packaging.unreadable",
        reason: "truncated tar entry",
        incomplete: true,
      });
      break;
    }
    if (type === "x" || type === "g") {
      if (type === "x") pax = parsePax(tar.subarray(dataStart, dataEnd));
      continue;
    }
    if (type === "L") {
      longName = tar.toString("utf8", dataStart, dataEnd).replace(/\0+$/, "");
      continue;
    }
    const prefix = header.toString("latin1", 257, 262) === "ustar" ? cstr(header, 345, 155) : "";
    const rawName =
      pax.path ?? longName ?? (prefix ? `${prefix}/${cstr(header, 0, 100)}` : cstr(header, 0, 100));
    const linkTarget = pax.linkpath ?? cstr(header, 157, 100);
    pax = {};
    longName = undefined;
    if (entries.length >= limits.maxEntries) {
      problems.push({
        path: rawName,
        rule: "packaging.archive-bomb",
        reason: `more than ${limits.maxEntries} entries`,
        incomplete: true,
      });
      break;
    }
    const path = safeEntryPath(rawName);
    if (path === undefined) {
      problems.push(pathEscape(rawName));
      continue;
    }
    if (type === "5") {
      entries.push({ path, kind: "dir", size: 0 });
      continue;
    }
    if (type === "2" || type === "1") {
      entries.push({ path, kind: "symlink", size: 0, linkTarget });
      continue;
    }
    if (type !== "0" && type !== "\0" && type !== "7") {
      entries.push({ path, kind: "other", size });
      continue;
    }
    total += size;
    if (size > limits.maxFileBytes) {
      entries.push({
        path,
        kind: "file",
        size,
        problem: {
          rule: "packaging.oversize",
          reason: `${size} bytes over the ${limits.maxFileBytes}-byte file limit`,
          incomplete: true,
        },
      });
      continue;
    }
    if (total > limits.maxTotalBytes) {
      problems.push({
        path,
        rule: "packaging.archive-bomb",
        reason: `total size over ${limits.maxTotalBytes} bytes`,
        incomplete: true,
      });
      break;
    }
    // A view, not a copy: the entries together are the tar, and copying them doubled a large archive's memory.
    entries.push({ path, kind: "file", size, data: tar.subarray(dataStart, dataEnd) });
  }
  return { entries, problems };
}

export function readZip(buf: Buffer, limits: ArchiveLimits): ArchiveResult {
  const entries: ArchiveEntry[] = [];
  const problems: ArchiveResult["problems"] = [];
  const fail = (reason: string, rule: RuleId = "packaging.unreadable"): ArchiveResult => ({
    entries,
    problems: [...problems, { path: "", rule, reason, incomplete: true }],
  });
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) return fail("zip end-of-central-directory not found");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) return fail("zip64 archives are not supported");
  if (count > limits.maxEntries)
    return fail(`more than ${limits.maxEntries} entries`, "packaging.archive-bomb");
  let total = 0;
  const used: Array<[number, number]> = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      return fail("corrupt zip central directory");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const madeBy = buf.readUInt16LE(p + 4) >> 8;
    const extAttr = buf.readUInt32LE(p + 38);
    const localOff = buf.readUInt32LE(p + 42);
    const rawName = buf.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    const path = safeEntryPath(rawName);
    if (path === undefined) {
      problems.push(pathEscape(rawName));
      continue;
    }
    if (rawName.endsWith("/")) {
      entries.push({ path, kind: "dir", size: 0 });
      continue;
    }
    const unixMode = madeBy === 3 ? extAttr >>> 16 : 0;
    const isLink = (unixMode & 0o170000) === 0o120000;
    if (flags & 0x1) {
      entries.push({
        path,
        kind: "file",
        size: usize,
        problem: {
          rule: "packaging.encrypted-archive",
          reason: "encrypted (password-protected) zip member",
          incomplete: true,
        },
      });
      continue;
    }
    total += usize;
    if (usize > limits.maxFileBytes) {
      entries.push({
        path,
        kind: "file",
        size: usize,
        problem: {
          rule: "packaging.oversize",
          reason: `${usize} bytes over the ${limits.maxFileBytes}-byte file limit`,
          incomplete: true,
        },
      });
      continue;
    }
    if (total > limits.maxTotalBytes)
      return fail(`total size over ${limits.maxTotalBytes} bytes`, "packaging.archive-bomb");
    if (csize > 0 && usize / csize > limits.maxRatio && usize > 1024 * 1024) {
      entries.push({
        path,
        kind: "file",
        size: usize,
        problem: {
          rule: "packaging.archive-bomb",
          reason: `compression ratio ${Math.round(usize / csize)}:1 over ${limits.maxRatio}:1`,
          incomplete: true,
        },
      });
      continue;
    }
    if (localOff + 30 > buf.length || buf.readUInt32LE(localOff) !== 0x04034b50)
      return fail("corrupt zip local header");
    const localNameLen = buf.readUInt16LE(localOff + 26);
    const dataStart = localOff + 30 + localNameLen + buf.readUInt16LE(localOff + 28);
    // Installers read the local headers, scanners often the central directory: when the two disagree, or
    // two entries share bytes, what gets installed is not what was scanned.
    const localName = buf.toString(
      flags & 0x800 ? "utf8" : "latin1",
      localOff + 30,
      localOff + 30 + localNameLen,
    );
    const localSizes = (buf.readUInt16LE(localOff + 6) & 0x8) === 0;
    const disagree =
      localName !== rawName ||
      (localSizes &&
        (buf.readUInt32LE(localOff + 18) !== csize || buf.readUInt32LE(localOff + 22) !== usize)) ||
      (method === 0 && csize !== usize) ||
      dataStart + csize > buf.length;
    const overlaps = used.some(([a, b]) => localOff < b && dataStart + csize > a);
    used.push([localOff, dataStart + csize]);
    if (disagree || overlaps) {
      entries.push({
        path,
        kind: "file",
        size: usize,
        problem: {
          rule: "packaging.archive-mismatch",
          reason: overlaps
            ? "zip entries overlap (two names share the same bytes)"
            : "zip central directory and local header disagree (name or sizes)",
          incomplete: true,
        },
      });
      continue;
    }
    const raw = buf.subarray(dataStart, dataStart + csize);
    let data: Buffer;
    try {
      if (method === 0) data = raw;
      else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(usize, 1) });
      else {
        entries.push({
          path,
          kind: "file",
          size: usize,
          problem: {
            rule: "packaging.unreadable",
            reason: `unsupported zip compression method ${method}`,
            incomplete: true,
          },
        });
        continue;
      }
    } catch (e) {
      entries.push({
        path,
        kind: "file",
        size: usize,
        problem: {
          rule: "packaging.unreadable",
          reason: `inflate failed: ${(e as Error).message}`,
          incomplete: true,
        },
      });
      continue;
    }
    if (isLink) entries.push({ path, kind: "symlink", size: 0, linkTarget: data.toString("utf8") });
    else entries.push({ path, kind: "file", size: data.length, data });
  }
  return { entries, problems };
}
