import {
  chmodSync,
  copyFileSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { isPathInside } from "./config-include.js";

export interface StateCopyLimits {
  /** A file larger than this is copied as an empty file with the same mode (its size is what it says). */
  maxFileBytes: number;
  /** Once this many bytes are copied, the remaining files are empty files with their modes. */
  maxTotalBytes: number;
}

export const DEFAULT_STATE_COPY_LIMITS: StateCopyLimits = {
  maxFileBytes: 32 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};

export interface StateCopyResult {
  bytes: number;
  /** Relative paths copied as empty files (over a limit). */
  emptied: string[];
  /** Relative paths not copied at all (FIFOs, sockets, devices, unreadable). */
  skipped: string[];
}

/**
 * Copies a state dir so that a tool which writes where it reads (the `openclaw` CLI migrates and
 * touches its SQLite state) can run on the copy. Modes (and owners, when running as root) are kept,
 * since OpenClaw's audit judges them; symlinks stay symlinks, and an absolute one into the state dir
 * is pointed at the same place in the copy, so nothing run on the copy can write through it into the
 * original. FIFOs, sockets and devices are never opened.
 */
export function copyStateTree(
  src: string,
  dest: string,
  limits: StateCopyLimits = DEFAULT_STATE_COPY_LIMITS,
): StateCopyResult {
  const res: StateCopyResult = { bytes: 0, emptied: [], skipped: [] };
  const asRoot = process.getuid?.() === 0;
  const keepOwner = (path: string, uid: number, gid: number) => {
    if (asRoot) lchownSync(path, uid, gid);
  };
  const walk = (from: string, to: string) => {
    const st = lstatSync(from);
    const rel = relative(src, from) || ".";
    if (st.isDirectory()) {
      mkdirSync(to, { recursive: true, mode: 0o700 });
      let names: string[];
      try {
        names = readdirSync(from);
      } catch {
        res.skipped.push(rel);
        names = [];
      }
      for (const name of names) walk(join(from, name), join(to, name));
      chmodSync(to, st.mode & 0o7777);
      keepOwner(to, st.uid, st.gid);
    } else if (st.isSymbolicLink()) {
      const target = readlinkSync(from);
      const inside = isAbsolute(target) && isPathInside(src, target);
      symlinkSync(inside ? join(dest, relative(src, target)) : target, to);
      keepOwner(to, st.uid, st.gid);
    } else if (st.isFile()) {
      if (st.size > limits.maxFileBytes || res.bytes + st.size > limits.maxTotalBytes) {
        writeFileSync(to, "", { mode: 0o600 });
        res.emptied.push(rel);
      } else {
        try {
          copyFileSync(from, to);
          res.bytes += st.size;
        } catch {
          writeFileSync(to, "", { mode: 0o600 });
          res.skipped.push(rel);
        }
      }
      chmodSync(to, st.mode & 0o7777);
      keepOwner(to, st.uid, st.gid);
    } else {
      res.skipped.push(rel);
    }
  };
  walk(src, dest);
  return res;
}
