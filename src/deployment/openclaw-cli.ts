import { spawn } from "node:child_process";
import { chmodSync, constants, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { access, stat } from "node:fs/promises";
import { basename, delimiter, dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { Fact, Locator, OpenClawAuditFinding, OpenClawFacts } from "../model/snapshot.js";
import { known, notKnown } from "../model/snapshot.js";
import { isPathInside } from "./config-include.js";
import { makePrivateDir } from "./private-dir.js";
import { copyStateTree, DEFAULT_STATE_COPY_LIMITS } from "./state-copy.js";

/**
 * The real `openclaw` CLI as extra evidence: `--version`, `security audit --json` and
 * `doctor --lint --json`, run against the audited deployment. Never the only evidence and never fatal:
 * every failure (missing CLI, Node too old, invalid config, timeout, garbage output) becomes an
 * unknown Fact with the reason.
 */

export interface CollectOpenClawOptions {
  /** Explicit `--openclaw-bin` path; otherwise `openclaw` is looked up on `env.PATH`. */
  bin?: string;
  locator: Locator;
  /** The environment OpenClaw would see (PATH decides which `node` runs the `openclaw` script). */
  env: Record<string, string | undefined>;
  /** Per command; default 60 s. */
  timeoutMs?: number;
  /** Also run `openclaw doctor --lint --json` (P-05). */
  doctor?: boolean;
  /** The config files the audit read (main and includes): copied when the config lives outside the state dir. */
  configFiles?: readonly string[];
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;
const NODE_HINT =
  "OpenClaw 2026.9+ needs Node >= 24.16: put a Node 24 bin dir first on PATH, or pass --openclaw-bin with a wrapper that runs openclaw under Node 24";

export async function collectOpenClaw(opts: CollectOpenClawOptions): Promise<OpenClawFacts> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const found = await findOpenClaw(opts.bin, opts.env);
  if (!found.ok) {
    const skipped = notKnown<never>(found.reason, found.hint);
    return { version: skipped, audit: skipped, doctorLint: opts.doctor ? skipped : notRequested() };
  }
  const bin = found.path;
  // OpenClaw writes where it reads (it migrates and touches its SQLite state on every run), so it runs on a
  // private copy of the state dir: `clawwarden audit` only reads the deployment.
  let copy: PrivateStateCopy;
  try {
    copy = privateStateCopy(opts.locator, opts.configFiles ?? [opts.locator.configPath]);
  } catch (err) {
    const why = notKnown<never>(
      `could not make a private copy of the state dir for openclaw: ${(err as Error).message}`,
    );
    return { bin, version: why, audit: why, doctorLint: opts.doctor ? why : notRequested() };
  }
  try {
    const env = childEnv(opts.env, copy.locator);
    const run = async (args: string[]) => copy.mapBack(await runCommand(bin, args, env, timeoutMs));
    const [versionRun, auditRun, doctorRun] = await Promise.all([
      run(["--version"]),
      run(["security", "audit", "--json"]),
      opts.doctor ? run(["doctor", "--lint", "--json"]) : Promise.resolve(undefined),
    ]);
    return {
      bin,
      version: parseVersionRun(versionRun),
      audit: parseAuditRun(auditRun),
      doctorLint: doctorRun ? parseDoctorRun(doctorRun) : notRequested(),
      ...(copy.note !== undefined && { copyNote: copy.note }),
    };
  } finally {
    copy.remove();
  }
}

interface PrivateStateCopy {
  locator: Locator;
  /** What the copy left out, when anything. */
  note?: string;
  /** Output about the copy's paths, rewritten to the deployment's. */
  mapBack: (run: CommandRun) => CommandRun;
  remove: () => void;
}

function privateStateCopy(locator: Locator, configFiles: readonly string[]): PrivateStateCopy {
  const { dir, remove } = makePrivateDir("state", DEFAULT_STATE_COPY_LIMITS.maxTotalBytes);
  try {
    const stateDir = join(dir, "state");
    const copied = copyStateTree(locator.stateDir, stateDir);
    let configPath = join(stateDir, relative(locator.stateDir, locator.configPath));
    const pairs: Array<[string, string]> = [[stateDir, locator.stateDir]];
    if (!isPathInside(locator.stateDir, locator.configPath)) {
      // A config outside the state dir: the files the audit read from its folder are copied, at the same relative
      // paths (includes resolve relative to it) and modes; never the whole folder, which may be a home directory.
      const configDir = join(dir, "config");
      const home = dirname(locator.configPath);
      for (const file of new Set([locator.configPath, ...configFiles])) {
        if (!isPathInside(home, file)) continue;
        const to = join(configDir, relative(home, file));
        mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
        copyFileSync(file, to);
        chmodSync(to, statSync(file).mode & 0o7777);
      }
      configPath = join(configDir, basename(locator.configPath));
      pairs.unshift([configDir, home]);
    }
    const left = [...copied.emptied, ...copied.skipped];
    return {
      locator: { ...locator, stateDir, configPath },
      ...(left.length > 0 && {
        note: `openclaw ran on a private copy of the state dir; ${left.length} file(s) over the copy's size limits or not regular files were left empty there (e.g. ${left.slice(0, 3).join(", ")})`,
      }),
      mapBack: (run) => {
        const swap = (text: string) => pairs.reduce((t, [from, to]) => t.split(from).join(to), text);
        return { ...run, stdout: swap(run.stdout), stderr: swap(run.stderr) };
      },
      remove,
    };
  } catch (err) {
    remove();
    throw err;
  }
}

function notRequested(): Fact<never> {
  return notKnown("openclaw doctor --lint was not run", "pass --doctor (or --deep) to run it");
}

type Located = { ok: true; path: string } | { ok: false; reason: string; hint: string };

async function findOpenClaw(
  bin: string | undefined,
  env: Record<string, string | undefined>,
): Promise<Located> {
  if (bin !== undefined) {
    const path = isAbsolute(bin) ? bin : resolve(bin);
    if (await isExecutableFile(path)) return { ok: true, path };
    return {
      ok: false,
      reason: `--openclaw-bin ${path} is not an executable file`,
      hint: "pass the path of the openclaw executable (e.g. $(npm root -g)/../bin/openclaw)",
    };
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, "openclaw");
    if (await isExecutableFile(path)) return { ok: true, path };
  }
  return {
    ok: false,
    reason: "openclaw CLI not found on PATH",
    hint: "install OpenClaw (npm i -g openclaw) or pass --openclaw-bin to add its own audit as evidence",
  };
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** OpenClaw resolves the deployment from these; pin them to what we audit, whatever the caller's env says. */
function childEnv(env: Record<string, string | undefined>, locator: Locator): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  delete out.OPENCLAW_PROFILE;
  delete out.FORCE_COLOR;
  out.OPENCLAW_STATE_DIR = locator.stateDir;
  out.OPENCLAW_CONFIG_PATH = locator.configPath;
  out.NO_COLOR = "1";
  out.OPENCLAW_NO_AUTO_UPDATE = "1";
  // Auditing must not install anything: 9.6 runs npm to install plugins its config implies (an openai/*
  // model pulls @openclaw/codex); offline, that attempt fails instead of downloading into the deployment.
  out.npm_config_offline = "true";
  return out;
}

export interface CommandRun {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  spawnError?: string;
  ms: number;
}

/**
 * Runs one command; a timeout kills the whole tree. The `openclaw` launcher re-spawns itself in a new
 * session (its own process group), so killing our child's group alone would leave the real worker running.
 */
export function runCommand(
  bin: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<CommandRun> {
  const command = `openclaw ${args.join(" ")}`;
  const started = Date.now();
  return new Promise((done) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    let spawnError: string | undefined;
    const child = spawn(bin, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let settled = false;
    const killTree = () => {
      if (child.pid === undefined) return;
      killProcessTree(child.pid);
      // A killed run must not hang on pipes some orphan still holds open.
      setTimeout(() => finish(null, "SIGKILL"), 2000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree();
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => {
      outBytes += b.length;
      if (outBytes <= MAX_OUTPUT_BYTES) out.push(b);
      else killTree();
    });
    child.stderr.on("data", (b: Buffer) => {
      errBytes += b.length;
      if (errBytes <= MAX_OUTPUT_BYTES) err.push(b);
    });
    child.on("error", (e) => {
      spawnError = e.message;
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout.destroy();
      child.stderr.destroy();
      const run: CommandRun = {
        command,
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        timedOut,
        ms: Date.now() - started,
      };
      if (spawnError !== undefined) run.spawnError = spawnError;
      done(run);
    };
    child.on("close", finish);
  });
}

/** Kills a process, everything it started (found through /proc on Linux) and their process groups. */
function killProcessTree(root: number): void {
  const pids = [root, ...descendants(root)];
  for (const pid of pids) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, "SIGKILL");
      } catch {
        // not a group leader, or already gone
      }
    }
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // exited while we looked
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const pid of children.get(queue.shift() as number) ?? []) {
      out.push(pid);
      queue.push(pid);
    }
  }
  return out;
}

/** Why a run produced nothing usable, or undefined when it ran to completion. */
function failure(run: CommandRun): Fact<never> | undefined {
  if (run.spawnError !== undefined) return notKnown(`${run.command} could not start: ${run.spawnError}`);
  if (run.timedOut)
    return notKnown(`${run.command} timed out after ${run.ms} ms and was killed`, "raise --openclaw-timeout");
  const text = `${run.stderr}\n${run.stdout}`;
  // openclaw.mjs: "openclaw: Node 20.20.2: node:sqlite is unavailable; use 24.16+/26.1+ ..."
  const nodeTooOld = /node:sqlite is unavailable|does not provide node:sqlite|^openclaw: Node \d/im;
  if (nodeTooOld.test(text)) {
    const line = text.split("\n").find((l) => nodeTooOld.test(l)) ?? "node too old";
    return notKnown(`${run.command} cannot run under this Node: ${line.trim().slice(0, 200)}`, NODE_HINT);
  }
  if (run.signal !== null) return notKnown(`${run.command} was killed by ${run.signal}`);
  return undefined;
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean)
      ?.slice(0, 300) ?? "(no output)"
  );
}

function parseVersionRun(run: CommandRun): Fact<string> {
  const failed = failure(run);
  if (failed) return failed;
  const match = /\b(\d{4}\.\d{1,2}\.\d{1,2}(?:-[0-9A-Za-z.]+)?)\b/.exec(run.stdout);
  if (run.code === 0 && match?.[1]) return known(match[1]);
  return notKnown(
    `openclaw --version printed no version (rc ${run.code}): ${firstLine(run.stderr || run.stdout)}`,
  );
}

/** JSON from a CLI that may print banners or warnings around it. */
export function parseJsonLoose(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    // fall through: look for a JSON object that starts at a line start
  }
  const end = trimmed.lastIndexOf("}");
  for (let start = trimmed.indexOf("{"); start !== -1 && start < end; ) {
    if (start === 0 || trimmed[start - 1] === "\n") {
      try {
        return JSON.parse(trimmed.slice(start, end + 1));
      } catch {
        // try the next candidate
      }
    }
    start = trimmed.indexOf("{", start + 1);
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const SEVERITIES = new Set(["info", "warn", "critical"]);

function toAuditFinding(v: unknown): OpenClawAuditFinding | undefined {
  if (!isRecord(v) || typeof v.checkId !== "string" || !v.checkId) return undefined;
  const severity = typeof v.severity === "string" && SEVERITIES.has(v.severity) ? v.severity : "warn";
  const f: OpenClawAuditFinding = {
    checkId: v.checkId,
    severity: severity as OpenClawAuditFinding["severity"],
    title: typeof v.title === "string" ? v.title : v.checkId,
    detail: typeof v.detail === "string" ? v.detail : "",
  };
  if (typeof v.remediation === "string") f.remediation = v.remediation;
  return f;
}

/**
 * `{"ok":false,"issues":[{path,message}]}` → config issues ("gateway.bind: Invalid input; …");
 * `{"ok":false,"error":{message}}` without issues → the CLI refused for another reason (e.g. legacy state to migrate).
 */
function cliRefusal(json: unknown): { config: boolean; text: string } | undefined {
  if (!isRecord(json) || json.ok !== false) return undefined;
  const issues = Array.isArray(json.issues) ? json.issues : [];
  const parts = issues
    .filter(isRecord)
    .map((i) => `${String(i.path ?? "<root>")}: ${String(i.message ?? "invalid")}`)
    .slice(0, 10);
  if (parts.length) return { config: true, text: parts.join("; ") };
  const error = isRecord(json.error) ? json.error.message : undefined;
  return {
    config: false,
    text: typeof error === "string" ? error.slice(0, 500) : "failed without a message",
  };
}

type AuditValue = {
  summary: { critical: number; warn: number; info: number };
  findings: OpenClawAuditFinding[];
};

function parseAuditRun(run: CommandRun): Fact<AuditValue> {
  const failed = failure(run);
  if (failed) return failed;
  const json = parseJsonLoose(run.stdout);
  const refusal = cliRefusal(json);
  if (refusal?.config)
    return notKnown(
      `OpenClaw rejected the config, so its audit did not run: ${refusal.text}`,
      "run `openclaw config validate` for details",
    );
  if (refusal) return notKnown(`${run.command} refused to run: ${refusal.text}`);
  if (!isRecord(json) || !Array.isArray(json.findings))
    return notKnown(
      `${run.command} exited ${run.code} without an audit report: ${firstLine(run.stderr || run.stdout)}`,
    );
  const findings = json.findings.map(toAuditFinding).filter((f): f is OpenClawAuditFinding => !!f);
  // Suppressed findings stay visible, marked (the summary counts only the others, as OpenClaw's does).
  const suppressed = (Array.isArray(json.suppressedFindings) ? json.suppressedFindings : [])
    .map(toAuditFinding)
    .filter((f): f is OpenClawAuditFinding => !!f)
    .map((f) => ({ ...f, suppressed: true }));
  const count = (s: OpenClawAuditFinding["severity"]) => findings.filter((f) => f.severity === s).length;
  const summary = isRecord(json.summary) ? json.summary : {};
  const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
  return known({
    summary: {
      critical: num(summary.critical, count("critical")),
      warn: num(summary.warn, count("warn")),
      info: num(summary.info, count("info")),
    },
    findings: [...findings, ...suppressed],
  });
}

function parseDoctorRun(run: CommandRun): Fact<{ ok: boolean; findings: Array<Record<string, unknown>> }> {
  const failed = failure(run);
  if (failed) return failed;
  const json = parseJsonLoose(run.stdout);
  // rc 1 = findings at or above the threshold (normal); rc 2 = doctor itself failed.
  if ((run.code === 0 || run.code === 1) && isRecord(json) && Array.isArray(json.findings)) {
    return known({
      ok: json.ok === true,
      findings: json.findings.filter(isRecord),
    });
  }
  return notKnown(
    `${run.command} exited ${run.code} without a lint report: ${firstLine(run.stderr || run.stdout)}`,
  );
}
