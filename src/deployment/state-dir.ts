import { lstatSync, readdirSync, readlinkSync, realpathSync, type Stats, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { EntryKind, StateEntry, StateInventory } from "../model/snapshot.js";

export interface InventoryOptions {
  /** Stop recording after this many entries and set `truncated` (default 50 000). */
  maxEntries?: number;
}

/** Directories whose contents are never security-relevant state but can hold millions of files. */
const NEVER_DESCEND = new Set(["node_modules", ".git", ".hg", ".svn", "__pycache__", ".venv"]);

/**
 * Top-level directories walked first, so that when the entry cap is hit the credentials,
 * transcripts and databases are already recorded and only bulk trees (workspace, media, …) are cut.
 */
const PRIORITY_TOP = ["state", "credentials", "agents", "identity", "devices", "nodes", "logs", "secrets"];

const DEFAULT_MAX_ENTRIES = 50_000;

function kindOf(st: Stats): EntryKind {
  if (st.isSymbolicLink()) return "symlink";
  if (st.isDirectory()) return "dir";
  if (st.isFile()) return "file";
  return "other";
}

function errorReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message}` : String(err);
}

function isWithin(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function toEntry(path: string, st: Stats): StateEntry {
  return {
    path,
    kind: kindOf(st),
    mode: st.mode & 0o7777,
    uid: st.uid,
    gid: st.gid,
    size: st.size,
    mtimeMs: st.mtimeMs,
  };
}

/** Where a symlink points, judged without following it out of the root. */
function describeLink(abs: string, realRoot: string): { linkTarget: string; linkInsideRoot: boolean } {
  const linkTarget = readlinkSync(abs);
  const lexical = resolve(dirname(abs), linkTarget);
  let resolved = lexical;
  try {
    // realpath only resolves names; it never opens the target, so nothing outside is read.
    resolved = realpathSync(abs);
  } catch {
    // Dangling or looping link: judge by its lexical target.
  }
  return { linkTarget, linkInsideRoot: isWithin(realRoot, resolved) && isWithin(realRoot, lexical) };
}

const FILE_ERA = [
  /^credentials\/[^/]+\.json$/,
  /^agents\/[^/]+\/agent\/auth-profiles\.json$/,
  /^agents\/[^/]+\/sessions\/[^/]+\.jsonl$/,
  /^exec-approvals\.json$/,
];
const SQLITE_ERA = [/^state\/openclaw\.sqlite$/, /^agents\/[^/]+\/agent\/openclaw-agent\.sqlite$/];

export function detectLayout(paths: Iterable<string>): StateInventory["layout"] {
  let file = false;
  let sqlite = false;
  for (const p of paths) {
    if (!file && FILE_ERA.some((re) => re.test(p))) file = true;
    if (!sqlite && SQLITE_ERA.some((re) => re.test(p))) sqlite = true;
    if (file && sqlite) return "mixed";
  }
  return sqlite ? "sqlite" : file ? "file" : "empty";
}

/**
 * Inventory of an OpenClaw state dir: every entry with mode, owner, size and mtime, read with
 * lstat. Symlinks are recorded (raw target, inside-root or not) and never followed, so the walk
 * can neither leave the root nor loop. A symlinked root itself is resolved once, as OpenClaw does.
 */
export function inventoryStateDir(root: string, opts: InventoryOptions = {}): StateInventory {
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const inv: StateInventory = {
    root,
    exists: false,
    layout: "empty",
    entries: [],
    unreadable: [],
    truncated: false,
  };
  let rootLst: Stats;
  try {
    rootLst = lstatSync(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
      inv.unreadable.push({ path: "", reason: errorReason(err) });
    }
    return inv;
  }
  let realRoot = root;
  const rootEntry = toEntry("", rootLst);
  if (rootLst.isSymbolicLink()) {
    try {
      realRoot = realpathSync(root);
      const target = statSync(realRoot);
      Object.assign(rootEntry, toEntry("", target), { linkTarget: readlinkSync(root) });
    } catch (err) {
      inv.unreadable.push({ path: "", reason: errorReason(err) });
      inv.entries.push({ ...rootEntry, error: errorReason(err) });
      inv.exists = true;
      return inv;
    }
  }
  inv.exists = true;
  inv.entries.push(rootEntry);
  if (rootEntry.kind !== "dir") return inv;

  const queue: string[] = [""];
  let deferredTop: string[] = [];
  while (queue.length > 0 || deferredTop.length > 0) {
    if (queue.length === 0) queue.push(...deferredTop.splice(0));
    const dirRel = queue.shift() as string;
    const dirAbs = dirRel === "" ? realRoot : join(realRoot, dirRel);
    let names: string[];
    try {
      names = readdirSync(dirAbs).sort();
    } catch (err) {
      inv.unreadable.push({ path: dirRel, reason: errorReason(err) });
      const own = inv.entries.find((e) => e.path === dirRel);
      if (own) own.error = errorReason(err);
      continue;
    }
    const subdirs: string[] = [];
    for (const name of names) {
      if (inv.entries.length >= maxEntries) {
        inv.truncated = true;
        break;
      }
      const rel = dirRel === "" ? name : `${dirRel}/${name}`;
      const abs = join(dirAbs, name);
      let st: Stats;
      try {
        st = lstatSync(abs);
      } catch (err) {
        inv.unreadable.push({ path: rel, reason: errorReason(err) });
        continue;
      }
      const entry = toEntry(rel, st);
      if (entry.kind === "symlink") {
        try {
          Object.assign(entry, describeLink(abs, realRoot));
        } catch (err) {
          entry.error = errorReason(err);
          inv.unreadable.push({ path: rel, reason: errorReason(err) });
        }
      }
      inv.entries.push(entry);
      if (entry.kind === "dir" && !NEVER_DESCEND.has(name)) subdirs.push(rel);
    }
    if (inv.truncated) break;
    if (dirRel === "") {
      const first = subdirs.filter((d) => PRIORITY_TOP.includes(d));
      deferredTop = subdirs.filter((d) => !PRIORITY_TOP.includes(d));
      queue.push(...first);
      if (first.length === 0) queue.push(...deferredTop.splice(0));
    } else {
      // Depth-first inside a top-level tree keeps each tree complete before the next one starts.
      queue.unshift(...subdirs);
    }
  }
  inv.layout = detectLayout(inv.entries.map((e) => e.path));
  return inv;
}

/** Entries of an inventory that are regular files matching a pattern (relative paths). */
export function stateFiles(inv: StateInventory, pattern: RegExp): StateEntry[] {
  return inv.entries.filter((e) => e.kind === "file" && pattern.test(e.path));
}
