import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { InputError } from "../util/errors.js";
import type { SkillReport, Verdict } from "./types.js";

/**
 * Approval lockfile (K-03): what a person approved, file by file. The audit compares installed skills and
 * plugins with it: unapproved or changed items fail while the lockfile is in use.
 */

export interface LockEntry {
  name: string;
  version?: string;
  kind: "skill" | "plugin";
  /** Where it was approved from (display only). */
  source: string;
  files: Record<string, string>;
  approver: string;
  approvedAt: string;
  verdict: Verdict;
}

export interface Lockfile {
  format: "clawwarden-skills-lock/1";
  skills: Record<string, LockEntry>;
}

export type ApprovalStatus = "approved" | "unapproved" | "changed";

export const lockKey = (kind: string, name: string) => `${kind}:${name}`;

export function defaultLockfilePath(stateDir: string): string {
  return join(stateDir, ".clawwarden", "skills.lock.json");
}

export function readLockfile(path: string): Lockfile | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new InputError(`lockfile is not valid JSON: ${(e as Error).message}`, { file: path });
  }
  const lock = raw as Partial<Lockfile>;
  if (lock.format !== "clawwarden-skills-lock/1" || typeof lock.skills !== "object" || lock.skills === null) {
    throw new InputError('expected {"format":"clawwarden-skills-lock/1","skills":{…}}', { file: path });
  }
  return lock as Lockfile;
}

/** Approved = same name, kind and exactly the same files with the same sha256. */
export function approvalStatus(
  lock: Lockfile,
  report: Pick<SkillReport, "kind" | "name" | "hashes">,
): ApprovalStatus {
  const entry = lock.skills[lockKey(report.kind, report.name)];
  if (!entry) return "unapproved";
  const a = Object.keys(entry.files).sort();
  const b = Object.keys(report.hashes).sort();
  if (a.length !== b.length || a.some((p, i) => p !== b[i] || entry.files[p] !== report.hashes[p]))
    return "changed";
  return "approved";
}

/** What differs between the approved and the current files (for messages). */
export function approvalDiff(
  entry: LockEntry,
  hashes: Record<string, string>,
): { added: string[]; removed: string[]; modified: string[] } {
  const added = Object.keys(hashes).filter((p) => !(p in entry.files));
  const removed = Object.keys(entry.files).filter((p) => !(p in hashes));
  const modified = Object.keys(hashes).filter((p) => p in entry.files && entry.files[p] !== hashes[p]);
  return { added, removed, modified };
}

/** Records an approval; writes atomically and keeps the previous lockfile as `.bak`. */
export function approve(
  path: string,
  report: SkillReport,
  approver: string,
  now: Date,
): { entry: LockEntry; backup?: string } {
  const lock: Lockfile = readLockfile(path) ?? { format: "clawwarden-skills-lock/1", skills: {} };
  const entry: LockEntry = {
    name: report.name,
    kind: report.kind,
    source: report.root,
    files: Object.fromEntries(Object.entries(report.hashes).sort(([a], [b]) => a.localeCompare(b))),
    approver,
    approvedAt: now.toISOString(),
    verdict: report.verdict,
  };
  if (report.version) entry.version = report.version;
  lock.skills[lockKey(report.kind, report.name)] = entry;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const result: { entry: LockEntry; backup?: string } = { entry };
  if (existsSync(path)) {
    copyFileSync(path, `${path}.bak`);
    result.backup = `${path}.bak`;
  }
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(lock, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
  return result;
}
