/**
 * Applies a plan as one transaction:
 *   1. back up every file it will touch (and the mode of every path it will chmod) into
 *      `<stateDir>/.clawwarden/backups/<run-id>/` (0700) with a manifest of sha256s and modes,
 *      marked `pending` before the first change;
 *   2. write each file atomically (temp file in the same dir, fsync, rename, fsync dir), then chmod;
 *   3. verify (re-audit the fixed items); any failure, signal or crash rolls EVERYTHING back.
 * A crash (kill -9, power loss) leaves the manifest `pending`: the next `fix` or `rollback` restores it
 * first, so a deployment is always either fully fixed or byte-for-byte as before.
 *
 * Test-only fault hook: CLAWWARDEN_FAULT=after-step:N throws after the N-th change,
 * CLAWWARDEN_FAULT=kill-after-step:N SIGKILLs the process there (simulated crash),
 * CLAWWARDEN_FAULT=term-after-step:N sends it SIGTERM (an operator's Ctrl-C / kill).
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { sha256Hex } from "../util/fingerprint.js";
import { processAlive } from "../util/process-alive.js";
import { identityOf, safeChmod, UnsafePathError } from "../util/safe-chmod.js";
import { clawwardenDir, type Plan } from "./plan.js";

export interface ManifestFile {
  path: string;
  existed: boolean;
  sha256?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Backup copy, relative to the run dir. */
  backup?: string;
  afterSha256: string;
  afterMode: number;
}

export interface Manifest {
  version: 1;
  runId: string;
  createdAt: string;
  by: string;
  command: string;
  status: "pending" | "applied" | "rolled-back" | "restored";
  items: string[];
  stateDir: string;
  configPath: string;
  files: ManifestFile[];
  /** dev/ino: the inode the plan saw (older manifests lack them); a chmod never hits a different file. */
  chmods: Array<{ path: string; from: number; to: number; dev?: number; ino?: number }>;
  createdDirs: string[];
  note?: string;
  /** Monotonic run number in this state dir: runs in the same second order by it, never by their random suffix. */
  seq?: number;
}

export function backupsRoot(stateDir: string): string {
  return join(clawwardenDir(stateDir), "backups");
}

export function newRunId(now: Date): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}-${randomBytes(3).toString("hex")}`;
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some filesystems cannot fsync a directory; the rename is still atomic
  }
}

/** temp file beside the target + fsync + rename + fsync dir: readers see the old or the new file, never half. */
export function atomicWrite(
  path: string,
  data: string | Buffer,
  mode: number,
  owner?: { uid: number; gid: number },
): void {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.clawwarden-${process.pid}-${randomBytes(3).toString("hex")}`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", mode);
    const buf = typeof data === "string" ? Buffer.from(data) : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    chmodSync(tmp, mode);
    if (owner && process.getuid?.() === 0) chownSync(tmp, owner.uid, owner.gid);
    renameSync(tmp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    throw error;
  }
  fsyncDir(dirname(path));
}

function writeManifest(runDir: string, m: Manifest): void {
  const path = join(runDir, "manifest.json");
  const text = `${JSON.stringify(m, null, 2)}\n`;
  try {
    atomicWrite(path, text, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code !== "ENOSPC" && code !== "EDQUOT") || !existsSync(path)) throw error;
    // Disk full: rewrite the manifest in place (it reuses its own blocks). A torn write here only
    // makes the next run re-check this run, which is idempotent.
    const fd = openSync(path, "r+");
    try {
      const buf = Buffer.from(text);
      writeSync(fd, buf, 0, buf.length, 0);
      ftruncateSync(fd, buf.length);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

export function readManifest(runDir: string): Manifest {
  return JSON.parse(readFileSync(join(runDir, "manifest.json"), "utf8")) as Manifest;
}

function mkdirs(dir: string, created: string[]): void {
  if (existsSync(dir)) return;
  mkdirs(dirname(dir), created);
  mkdirSync(dir, { mode: 0o700 });
  created.push(dir);
}

function shaOf(path: string): string | undefined {
  try {
    return sha256Hex(readFileSync(path));
  } catch {
    return undefined;
  }
}

/**
 * What the re-audit concluded. `problems` empty = keep everything. Otherwise, `retry` may name a smaller
 * plan (the items that verified): the run restores every backup and applies only that plan, inside the
 * same transaction and backups, so a later `rollback` stays byte-exact. Without `retry`, the whole run
 * rolls back.
 */
export interface Verdict {
  problems: string[];
  /** Builds the smaller plan; called after the backups are restored, so it plans from the original files. */
  retry?: () => Promise<Plan | undefined>;
}

export interface ApplyHooks {
  /** Re-audit after writing the given plan; problems (non-empty) → narrow to `retry` or roll back. */
  verify: (applied: Plan) => Promise<string[] | Verdict>;
  log: (line: string) => void;
  by: string;
  command: string;
  now: Date;
  env: Record<string, string | undefined>;
  /** Called after each change (tests use it to change the deployment under the transaction). */
  afterStep?: (step: number) => void;
}

export interface ApplyResult {
  runId: string;
  runDir: string;
  /** aborted: the backup could not be made, so nothing was changed. */
  status: "applied" | "rolled-back" | "aborted";
  error?: string;
  rollbackErrors: string[];
  /** Changes (writes + chmods) made before the run finished or failed. */
  stepsDone: number;
  /** The plan in force at the end (smaller than the one given when items were taken out). */
  plan?: Plan;
}

class Interrupted extends Error {}

function faultAt(env: Record<string, string | undefined>): { step: number; how: string } | undefined {
  const m = /^(?:(kill|term)-)?after-step:(\d+)$/.exec(env.CLAWWARDEN_FAULT ?? "");
  return m ? { step: Number(m[2]), how: m[1] ?? "throw" } : undefined;
}

export async function applyPlan(plan: Plan, hooks: ApplyHooks): Promise<ApplyResult> {
  const runId = newRunId(hooks.now);
  const created: string[] = [];
  const root = backupsRoot(plan.stateDir);
  const runDir = join(root, runId);
  const chmodTarget = new Map(plan.chmods.map((c) => [c.path, c.mode]));

  const manifest: Manifest = {
    version: 1,
    runId,
    createdAt: hooks.now.toISOString(),
    by: hooks.by,
    command: hooks.command,
    status: "pending",
    seq: Math.max(0, ...listRuns(plan.stateDir).map((r, i) => r.manifest.seq ?? i + 1)) + 1,
    items: plan.items.map((i) => i.id),
    stateDir: plan.stateDir,
    configPath: plan.configPath,
    files: [],
    chmods: [],
    createdDirs: [],
  };
  try {
    mkdirs(root, created);
    mkdirSync(runDir, { mode: 0o700 });
    mkdirSync(join(runDir, "files"), { mode: 0o700 });
    // 1. backups (nothing of the deployment has changed yet; a failure here aborts cleanly)
    plan.files.forEach((f, i) => {
      const entry: ManifestFile = {
        path: f.path,
        existed: false,
        afterSha256: sha256Hex(f.after),
        afterMode: chmodTarget.get(f.path) ?? f.mode,
      };
      try {
        const st = lstatSync(f.path);
        if (!st.isFile()) throw new Error(`${f.path} is not a regular file; refusing to replace it`);
        const backup = join("files", String(i));
        copyFileSync(f.path, join(runDir, backup));
        chmodSync(join(runDir, backup), 0o600);
        const fd = openSync(join(runDir, backup), "r");
        fsyncSync(fd);
        closeSync(fd);
        Object.assign(entry, {
          existed: true,
          sha256: shaOf(f.path),
          mode: st.mode & 0o7777,
          uid: st.uid,
          gid: st.gid,
          backup,
          afterMode: chmodTarget.get(f.path) ?? st.mode & 0o7777,
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      manifest.files.push(entry);
    });
    for (const c of plan.chmods) {
      if (manifest.files.some((f) => f.path === c.path)) continue;
      const id = identityOf(c.path);
      if (id.isLink)
        throw new UnsafePathError(`${c.path} is a symbolic link; refusing to change a mode through it`);
      manifest.chmods.push({ path: c.path, from: id.mode, to: c.mode, dev: id.dev, ino: id.ino });
    }
    fsyncDir(join(runDir, "files"));
    writeManifest(runDir, manifest);
  } catch (error) {
    // Nothing of the deployment was touched yet: drop the partial backup and report.
    rmSync(runDir, { recursive: true, force: true });
    for (const d of [...created].reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty
      }
    }
    const message = error instanceof Error ? error.message : String(error);
    hooks.log(`error: could not back up before changing anything: ${message}`);
    return { runId, runDir, status: "aborted", error: message, rollbackErrors: [], stepsDone: 0 };
  }
  hooks.log(
    `backup: ${runDir} (${manifest.files.filter((f) => f.existed).length} files, ${manifest.chmods.length} modes)`,
  );

  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupted = sig;
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const fault = faultAt(hooks.env);
  let step = 0;
  const stepDone = async () => {
    step++;
    hooks.afterStep?.(step);
    if (fault && step === fault.step) {
      if (fault.how === "kill") process.kill(process.pid, "SIGKILL");
      else if (fault.how === "term") {
        process.kill(process.pid, "SIGTERM");
        await new Promise((r) => setTimeout(r, 50));
      } else throw new Error(`CLAWWARDEN_FAULT: injected failure after step ${step}`);
    }
    await new Promise((r) => setImmediate(r));
    if (interrupted) throw new Interrupted(`interrupted by ${interrupted}`);
  };

  const writeChanges = async (current: Plan) => {
    const chmodTo = new Map(current.chmods.map((c) => [c.path, c.mode]));
    for (const f of manifest.files) {
      const change = current.files.find((x) => x.path === f.path);
      if (!change) continue;
      const dirsBefore = manifest.createdDirs.length;
      mkdirs(dirname(f.path), manifest.createdDirs);
      if (manifest.createdDirs.length !== dirsBefore) writeManifest(runDir, manifest);
      const owner = f.uid !== undefined && f.gid !== undefined ? { uid: f.uid, gid: f.gid } : undefined;
      atomicWrite(f.path, change.after, chmodTo.get(f.path) ?? f.afterMode, owner);
      await stepDone();
    }
    for (const c of manifest.chmods) {
      if (!chmodTo.has(c.path)) continue;
      safeChmod(
        c.path,
        c.to,
        c.ino !== undefined && c.dev !== undefined ? { dev: c.dev, ino: c.ino } : undefined,
      );
      await stepDone();
    }
  };

  try {
    // 2. changes
    await writeChanges(plan);
    // 3. verify; an item that does not verify is taken out and the rest re-applied (bounded rounds)
    let current = plan;
    for (let round = 0; ; round++) {
      const raw = await hooks.verify(current);
      const verdict: Verdict = Array.isArray(raw) ? { problems: raw } : raw;
      if (!verdict.problems.length) break;
      const why = `verification failed:\n  ${verdict.problems.join("\n  ")}`;
      if (!verdict.retry || round >= 3) throw new Error(why);
      hooks.log(`${why}\nundoing every change, then re-applying the items that verified…`);
      const undoErrors = restoreRun(runDir, manifest, { force: true });
      if (undoErrors.length) throw new Error(`could not undo the failed items: ${undoErrors.join("; ")}`);
      const retry = await verdict.retry();
      if (!retry?.items.length) throw new Error(why);
      const unbacked = retry.files.filter((f) => !manifest.files.some((m) => m.path === f.path));
      const unplanned = retry.chmods.filter(
        (c) =>
          !manifest.chmods.some((m) => m.path === c.path) && !manifest.files.some((m) => m.path === c.path),
      );
      if (unbacked.length || unplanned.length || retry.files.length + retry.chmods.length === 0)
        throw new Error(`${why}\n  (the remaining items would change files this run did not back up)`);
      const kept = retry.items.map((i) => i.id);
      hooks.log(`keeping ${kept.join(", ")}`);
      manifest.items = kept;
      for (const f of manifest.files) {
        const change = retry.files.find((x) => x.path === f.path);
        if (change) f.afterSha256 = sha256Hex(change.after);
        else if (f.existed && f.sha256) f.afterSha256 = f.sha256;
      }
      writeManifest(runDir, manifest);
      current = retry;
      await writeChanges(retry);
    }
    manifest.status = "applied";
    writeManifest(runDir, manifest);
    return { runId, runDir, status: "applied", rollbackErrors: [], stepsDone: step, plan: current };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    hooks.log(`error: ${message}`);
    hooks.log("rolling back every change of this run…");
    const rollbackErrors = restoreRun(runDir, manifest, { force: true });
    manifest.status = "rolled-back";
    manifest.note = `rolled back after: ${message}`;
    try {
      writeManifest(runDir, manifest);
    } catch (e) {
      rollbackErrors.push(`manifest: ${(e as Error).message}`);
    }
    return { runId, runDir, status: "rolled-back", error: message, rollbackErrors, stepsDone: step };
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** Puts a backed-up file back: copy to temp + rename; on a full disk, hard-link the backup instead. */
function restoreFile(runDir: string, f: ManifestFile): void {
  const src = join(runDir, f.backup as string);
  const mode = f.mode ?? 0o600;
  const owner = f.uid !== undefined && f.gid !== undefined ? { uid: f.uid, gid: f.gid } : undefined;
  try {
    atomicWrite(f.path, readFileSync(src), mode, owner);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOSPC" && code !== "EDQUOT") throw error;
    const tmp = join(dirname(f.path), `.${basename(f.path)}.clawwarden-restore-${process.pid}`);
    linkSync(src, tmp);
    chmodSync(tmp, mode);
    renameSync(tmp, f.path);
    fsyncDir(dirname(f.path));
  }
}

/**
 * Restores every file and mode of a run. Without `force`, files changed since the run are left alone
 * and reported. Returns the problems (empty = restored exactly, checked by sha256).
 */
export function restoreRun(runDir: string, m: Manifest, opts: { force: boolean }): string[] {
  const errors: string[] = [];
  for (const f of [...m.files].reverse()) {
    try {
      const now = shaOf(f.path);
      if (f.existed) {
        if (now === f.sha256) {
          if ((lstatSync(f.path).mode & 0o7777) !== f.mode) safeChmod(f.path, f.mode as number);
          continue;
        }
        if (!opts.force && now !== f.afterSha256) {
          errors.push(`${f.path} changed after the fix; not restored (use --force)`);
          continue;
        }
        restoreFile(runDir, f);
        if (shaOf(f.path) !== f.sha256) errors.push(`${f.path}: restored content does not match the backup`);
      } else if (now !== undefined) {
        if (!opts.force && now !== f.afterSha256) {
          errors.push(`${f.path} changed after the fix; not removed (use --force)`);
          continue;
        }
        unlinkSync(f.path);
        fsyncDir(dirname(f.path));
      }
    } catch (error) {
      errors.push(`${f.path}: ${(error as Error).message}`);
    }
  }
  for (const c of [...m.chmods].reverse()) {
    try {
      if ((lstatSync(c.path).mode & 0o7777) !== c.from) {
        safeChmod(
          c.path,
          c.from,
          c.ino !== undefined && c.dev !== undefined ? { dev: c.dev, ino: c.ino } : undefined,
        );
      }
    } catch (error) {
      errors.push(`chmod ${c.path}: ${(error as Error).message}`);
    }
  }
  for (const d of [...m.createdDirs].reverse()) {
    try {
      if (readdirSync(d).length === 0) rmdirSync(d);
    } catch {
      // already gone or not empty (someone put files there): keep it
    }
  }
  return errors;
}

export function listRuns(stateDir: string): Array<{ dir: string; manifest: Manifest }> {
  const root = backupsRoot(stateDir);
  let names: string[] = [];
  try {
    names = readdirSync(root).sort();
  } catch {
    return [];
  }
  const out: Array<{ dir: string; manifest: Manifest }> = [];
  for (const n of names) {
    try {
      out.push({ dir: join(root, n), manifest: readManifest(join(root, n)) });
    } catch {
      // not a run dir, or its manifest was never written (the run had not changed anything)
    }
  }
  // Older manifests have no seq: they keep their name order, before every numbered run.
  return out
    .map((r, i) => ({ r, key: r.manifest.seq ?? (i + 1) / (out.length + 1) }))
    .sort((a, b) => a.key - b.key)
    .map(({ r }) => r);
}

/**
 * Deletes the backups of all but the newest `keep` finished runs. Backups hold the files as they were
 * before a fix — often the plaintext secrets the fix moved out — so they should not outlive the check
 * that the fixed deployment works. Pending runs are never pruned (the next command rolls them back).
 */
export function pruneRuns(stateDir: string, keep: number): string[] {
  const finished = listRuns(stateDir).filter(({ manifest }) => manifest.status !== "pending");
  const doomed = finished.slice(0, Math.max(0, finished.length - keep));
  for (const { dir } of doomed) rmSync(dir, { recursive: true, force: true });
  // A backup without a manifest (killed while backing up) changed nothing but may hold pre-fix secrets.
  const orphans = orphanRunDirs(stateDir);
  for (const dir of orphans) rmSync(dir, { recursive: true, force: true });
  return [...doomed.map(({ manifest }) => manifest.runId), ...orphans.map((d) => basename(d))];
}

/** Backup folders without a readable manifest: a run killed before its backup was complete. */
export function orphanRunDirs(stateDir: string): string[] {
  const root = backupsRoot(stateDir);
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names
    .map((n) => join(root, n))
    .filter((dir) => {
      try {
        if (!lstatSync(dir).isDirectory()) return false;
        readManifest(dir);
        return false;
      } catch {
        return true;
      }
    });
}

const TEMP_NAME = /^\..+\.clawwarden-(?:restore-)?(\d+)(?:-[0-9a-f]{6})?$/;

/**
 * Temp files a killed run left beside the files it was replacing (they can hold a new token or a moved
 * secret). Only our own naming, only when the process that made them is gone, never through a link.
 */
export function sweepTempResidue(stateDir: string, configPath?: string): string[] {
  const dirs = new Set([stateDir, clawwardenDir(stateDir), ...(configPath ? [dirname(configPath)] : [])]);
  try {
    for (const agent of readdirSync(join(stateDir, "agents")))
      dirs.add(join(stateDir, "agents", agent, "agent"));
  } catch {
    // no agents dir
  }
  const removed: string[] = [];
  for (const dir of dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = TEMP_NAME.exec(name);
      if (!m || processAlive(Number(m[1]))) continue;
      const path = join(dir, name);
      try {
        if (!lstatSync(path).isFile()) continue;
        unlinkSync(path);
        removed.push(path);
      } catch {
        // gone meanwhile
      }
    }
  }
  return removed;
}

/** Rolls back runs a crash left `pending`. Returns what it did, for the CLI to print. */
export function recoverInterrupted(stateDir: string, configPath?: string): string[] {
  const out: string[] = [];
  const residue = sweepTempResidue(stateDir, configPath);
  if (residue.length)
    out.push(`removed ${residue.length} temp file(s) an interrupted run left behind: ${residue.join(", ")}`);
  const orphans = orphanRunDirs(stateDir);
  if (orphans.length)
    out.push(
      `${orphans.length} backup folder(s) without a manifest (a run killed while backing up; nothing was changed): ${orphans.join(", ")} — \`clawwarden fix --prune-backups N\` removes them`,
    );
  for (const { dir, manifest } of listRuns(stateDir)) {
    if (manifest.status !== "pending") continue;
    const errors = restoreRun(dir, manifest, { force: true });
    manifest.status = "rolled-back";
    manifest.note = errors.length
      ? `interrupted run rolled back with problems: ${errors.join("; ")}`
      : "interrupted run rolled back";
    writeManifest(dir, manifest);
    out.push(`run ${manifest.runId} was interrupted; ${manifest.note}`);
  }
  return out;
}
