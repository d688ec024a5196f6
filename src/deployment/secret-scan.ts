import { existsSync, lstatSync, readdirSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { detectSecrets, isPlaceholder, LineCounter } from "../detect/secrets.js";
import type { Progress } from "../model/progress.js";
import type {
  Fact,
  LoadedConfig,
  Locator,
  SecretHit,
  SecretScan,
  StateInventory,
} from "../model/snapshot.js";
import { known, notKnown } from "../model/snapshot.js";
import { secretFingerprint } from "../util/fingerprint.js";
import { readTextFileBounded } from "./config-read.js";
import { runScanTask, type ScanTask, type ScanTaskResult } from "./secret-scan-core.js";

/** Below this much state data the scan runs in-process (worker start-up would dominate). */
const WORKER_THRESHOLD_BYTES = 16 * 1024 * 1024;

export interface StateScanOptions {
  /** Worker threads (default: min(2, cores), or 0 below 16 MiB of state data); 0 scans in-process. */
  workers?: number;
  /**
   * Text files outside the state dir to scan too, e.g. the gateway log
   * `/tmp/openclaw/openclaw-YYYY-MM-DD.log` (see gatewayLogFiles). Missing ones are skipped.
   */
  extraFiles?: string[];
  /** Skip text files larger than this (default 4 GiB); they are listed as incomplete. */
  maxFileBytes?: number;
  /** Told the bytes scanned after each file or database. */
  progress?: Progress;
}

/** State files that can hold credentials or transcripts (C-03). Auth profiles are C-01 (config scan). */
const STATE_TEXT_FILES = [
  /^credentials\/.+\.json$/,
  /^agents\/[^/]+\/sessions\/[^/]+\.jsonl?$/,
  /^agents\/[^/]+\/sessions\/.+\.jsonl$/,
  /^logs\/.+\.(?:log|jsonl|txt|json)$/,
  /^exec-approvals\.json$/,
  /^identity\/[^/]+\.json$/,
  /^(?:devices|nodes)\/[^/]+\.json$/,
  /^secrets\.json$/,
  /^cron\/[^/]+\.json$/,
];
const STATE_DATABASES = [/^state\/[^/]+\.sqlite$/, /^agents\/[^/]+\/agent\/[^/]+\.sqlite$/];

export function stateScanTasks(root: string, state: StateInventory): Array<ScanTask & { size: number }> {
  const tasks: Array<ScanTask & { size: number }> = [];
  for (const e of state.entries) {
    if (e.kind !== "file") continue;
    const kind = STATE_DATABASES.some((re) => re.test(e.path))
      ? "sqlite"
      : STATE_TEXT_FILES.some((re) => re.test(e.path))
        ? "file"
        : undefined;
    if (!kind) continue;
    const wal = kind === "sqlite" ? (state.entries.find((w) => w.path === `${e.path}-wal`)?.size ?? 0) : 0;
    tasks.push({ kind, path: join(root, e.path), rel: e.path, size: e.size + wal });
  }
  // Largest first keeps both workers busy until the end.
  return tasks.sort((a, b) => b.size - a.size);
}

function extraTasks(files: string[]): Array<ScanTask & { size: number }> {
  const out: Array<ScanTask & { size: number }> = [];
  for (const file of files) {
    try {
      const st = lstatSync(file);
      if (st.isFile()) out.push({ kind: "file", path: file, rel: file, size: st.size });
    } catch {
      // Not there: nothing to scan.
    }
  }
  return out;
}

/** OpenClaw's gateway logs outside the state dir: `<tmp>/openclaw/openclaw-*.log` (default logging.file). */
export function gatewayLogFiles(dir = join(tmpdir(), "openclaw")): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => /^openclaw-.*\.log$/.test(n))
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

function workerUrl(): URL | undefined {
  const url = new URL("./secret-scan-worker.js", import.meta.url);
  // Under a TypeScript loader (tests) there is no compiled worker: scan in-process instead.
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

async function runPool(
  tasks: ScanTask[],
  workers: number,
  onDone: (task: ScanTask) => void,
): Promise<ScanTaskResult[]> {
  const url = workerUrl();
  if (workers <= 0 || !url || tasks.length <= 1) {
    const out: ScanTaskResult[] = [];
    for (const t of tasks) {
      out.push(await runScanTask(t));
      onDone(t);
    }
    return out;
  }
  const results: ScanTaskResult[] = new Array(tasks.length);
  // Largest first (LPT): one big database started last would leave the other worker idle at the end.
  // Results stay in task order, so the report does not depend on scheduling.
  const order = tasks.map((_, i) => i).sort((a, b) => (tasks[b]?.size ?? 0) - (tasks[a]?.size ?? 0));
  let next = 0;
  const runOne = (w: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      const feed = () => {
        if (next >= tasks.length) return resolve();
        const index = order[next++] as number;
        w.once("message", (r: ScanTaskResult) => {
          results[index] = r;
          onDone(tasks[index] as ScanTask);
          feed();
        });
        w.postMessage(tasks[index]);
      };
      w.once("error", reject);
      feed();
    });
  const pool = Array.from({ length: Math.min(workers, tasks.length) }, () => new Worker(url));
  try {
    await Promise.all(pool.map(runOne));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

/**
 * C-03: secrets inside state files — credentials, JSONL transcripts, logs and the SQLite
 * databases (including zstd-compressed transcript rows and `task_runs` prompts). Files are
 * spread over worker threads; databases are read from private copies and never modified.
 */
export async function scanStateSecrets(
  root: string,
  state: StateInventory,
  opts: StateScanOptions = {},
): Promise<Fact<SecretScan>> {
  if (!state.exists) return notKnown(`state dir ${root} does not exist`);
  const maxFileBytes = opts.maxFileBytes ?? 4 * 1024 ** 3;
  const all = [...stateScanTasks(root, state), ...extraTasks(opts.extraFiles ?? [])];
  const incomplete: SecretScan["incomplete"] = [];
  const tasks = all.filter((t) => {
    if (t.kind === "file" && t.size > maxFileBytes) {
      incomplete.push({ path: t.rel, reason: `larger than ${maxFileBytes} bytes; not scanned` });
      return false;
    }
    return true;
  });
  // Starting a worker costs tens of milliseconds: small state dirs are faster in-process.
  const totalBytes = tasks.reduce((n, t) => n + t.size, 0);
  const workers =
    opts.workers ?? (totalBytes < WORKER_THRESHOLD_BYTES ? 0 : Math.min(2, availableParallelism()));
  let doneBytes = 0;
  const task = "secret scan of the state dir";
  opts.progress?.({ task, done: 0, total: totalBytes, unit: "bytes" });
  const results = await runPool(tasks, workers, (t) => {
    doneBytes += t.size ?? 0;
    opts.progress?.({ task, done: doneBytes, total: totalBytes, unit: "bytes" });
  });
  opts.progress?.({ task, done: totalBytes, total: totalBytes, unit: "bytes" });
  const scan: SecretScan = { hits: [], filesScanned: tasks.length, bytesScanned: 0, incomplete };
  for (const r of results) {
    scan.hits.push(...r.hits);
    scan.bytesScanned += r.bytes;
    scan.incomplete.push(...r.incomplete);
  }
  for (const u of state.unreadable) scan.incomplete.push({ path: u.path, reason: u.reason });
  if (state.truncated) scan.incomplete.push({ path: "", reason: "state dir inventory was truncated" });
  return known(scan);
}

/* ---------------------------------------------------------------- C-01: config and env files */

/** Config keys whose string value is a credential when written in clear. */
const SECRET_KEY =
  /(?:token|password|passwd|secret|api[-_]?key|apikey|privatekey|private_key|credential|signingsecret|webhooktoken|pushtoken|authorization|cookie)$/i;
/** Keys that name where a secret lives, not the secret itself. */
const NOT_SECRET_KEY =
  /(?:file|path|env|ref|id|ids|url|mode|provider|source|kind|type|name|header|policy|ttl|expires\w*)$/i;

function hit(
  ruleId: string,
  description: string,
  value: string,
  file: string,
  where: string | undefined,
  confidence: SecretHit["confidence"],
  line?: number,
  column?: number,
): SecretHit {
  return {
    ruleId,
    description,
    fingerprint: secretFingerprint(value),
    location: { file, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) },
    ...(where ? { where } : {}),
    confidence,
  };
}

function looksLikeReference(value: string): boolean {
  return (
    /^\$\{[A-Z][A-Z0-9_]*\}$/.test(value) ||
    /^[A-Z][A-Z0-9_]{2,}$/.test(value) ||
    /^(?:env|file|exec|store|secretref|keychain):/i.test(value) ||
    /secretref|__openclaw|oc-sent-v\d/i.test(value)
  );
}

/**
 * Any literal in a secret-bearing key is plaintext at rest (its strength is N-03's business):
 * "high" for a real-looking value, "low" for a short or placeholder-like one, undefined for
 * references (`${VAR}`, SecretRef markers, env-var names) and empty values.
 */
function plaintextConfidence(value: string): SecretHit["confidence"] | undefined {
  const v = value.trim();
  if (v.length === 0 || looksLikeReference(v) || v.includes("${")) return undefined;
  return v.length < 8 || isPlaceholder(v) ? "low" : "high";
}

function walkStrings(value: unknown, path: string[], visit: (keyPath: string[], s: string) => void): void {
  if (typeof value === "string") {
    visit(path, value);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walkStrings(v, [...path, String(i)], visit);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) walkStrings(v, [...path, k], visit);
  }
}

function secretKeyPath(keyPath: string[]): boolean {
  const last = [...keyPath].reverse().find((k) => !/^\d+$/.test(k)) ?? "";
  return SECRET_KEY.test(last) && !NOT_SECRET_KEY.test(last);
}

function scanConfigValue(config: LoadedConfig, scan: SecretScan): void {
  const substituted = new Set(Object.keys(config.envSubstituted));
  walkStrings(config.value, [], (keyPath, value) => {
    const dotted = keyPath.join(".");
    if (substituted.has(dotted) || !secretKeyPath(keyPath)) return;
    const confidence = plaintextConfidence(value);
    if (!confidence) return;
    const pos = config.positions[dotted];
    scan.hits.push({
      ...hit(
        "config-plaintext-secret",
        `Plaintext secret in config key ${dotted}`,
        value,
        pos?.file ?? config.path,
        dotted,
        confidence,
      ),
      ...(pos ? { location: pos } : {}),
    });
  });
}

/** Known token shapes anywhere in a text file, merged with the key-based hits (no duplicates). */
function scanTextForShapes(file: string, text: string, scan: SecretScan, highEntropy: boolean): void {
  const seen = new Map(scan.hits.map((h) => [h.fingerprint, h]));
  for (const d of detectSecrets(text, { highEntropyStrings: highEntropy })) {
    const already = seen.get(d.fingerprint);
    if (already) {
      // Same value already reported by key; borrow the position if the key had none.
      if (already.location.line === undefined) already.location = { file, line: d.line, column: d.column };
      continue;
    }
    scan.hits.push({
      ruleId: d.ruleId,
      description: d.description,
      fingerprint: d.fingerprint,
      location: { file, line: d.line, column: d.column },
      confidence: d.confidence,
    });
  }
}

function readIfPresent(file: string, scan: SecretScan): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    // regular files only, bounded: a FIFO .env or a link to /dev/zero is reported, never read forever
    const read = readTextFileBounded(file, { maxBytes: 64 * 1024 * 1024, label: "secret store" });
    if (!read.exists) return undefined;
    const text = read.text;
    scan.filesScanned++;
    scan.bytesScanned += Buffer.byteLength(text);
    return text;
  } catch (err) {
    scan.incomplete.push({ path: file, reason: (err as Error).message });
    return undefined;
  }
}

const ENV_SECRET_NAME =
  /(?:TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|PRIVATE_KEY|ACCESS_KEY|CREDENTIALS?|AUTH)$/i;

/** `.env` style files: `KEY=value` lines with a secret-looking name and a literal value. */
export function scanEnvText(file: string, text: string, scan: SecretScan): void {
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) return;
    const name = m[1] as string;
    let value = (m[2] as string).trim();
    const quoted = /^(["'])(.*)\1(?:\s+#.*)?$/.exec(value);
    value = quoted ? (quoted[2] as string) : value.replace(/\s+#.*$/, "");
    const confidence = ENV_SECRET_NAME.test(name) ? plaintextConfidence(value) : undefined;
    if (!confidence) return;
    scan.hits.push(
      hit(
        "env-plaintext-secret",
        `Plaintext secret in ${name}`,
        value,
        file,
        name,
        confidence,
        i + 1,
        raw.indexOf(value) + 1,
      ),
    );
  });
  scanTextForShapes(file, text, scan, true);
}

/** Auth profile / models JSON: plaintext values under key/token-like names, located by line. */
export function scanCredentialJson(file: string, text: string, scan: SecretScan): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    scan.incomplete.push({ path: file, reason: `not valid JSON: ${(err as Error).message}` });
    scanTextForShapes(file, text, scan, false);
    return;
  }
  const lines = new LineCounter(text);
  const found: Array<{ index: number; keyPath: string; value: string; confidence: SecretHit["confidence"] }> =
    [];
  walkStrings(parsed, [], (keyPath, value) => {
    const last = keyPath[keyPath.length - 1] ?? "";
    const credentialKey =
      secretKeyPath(keyPath) || /^(?:key|access|refresh|accessToken|refreshToken|idToken)$/.test(last);
    const confidence = credentialKey && !NOT_SECRET_KEY.test(last) ? plaintextConfidence(value) : undefined;
    if (!confidence) return;
    found.push({
      index: text.indexOf(JSON.stringify(value).slice(1, -1)),
      keyPath: keyPath.join("."),
      value,
      confidence,
    });
  });
  found.sort((a, b) => a.index - b.index);
  for (const f of found) {
    const pos = f.index >= 0 ? lines.at(f.index) : undefined;
    scan.hits.push(
      hit(
        "credential-file-plaintext",
        `Plaintext credential at ${f.keyPath}`,
        f.value,
        file,
        f.keyPath,
        f.confidence,
        pos?.line,
        pos?.column,
      ),
    );
  }
  scanTextForShapes(file, text, scan, false);
}

/**
 * C-01: plaintext secrets in the config file(s), `<stateDir>/.env`, `~/.config/openclaw/gateway.env`
 * and the per-agent auth-profiles.json / auth.json / models.json. SecretRefs and `${VAR}`
 * substitutions are not plaintext.
 */
export function scanConfigSecrets(
  locator: Locator,
  config: LoadedConfig,
  state: StateInventory,
): Fact<SecretScan> {
  const scan: SecretScan = { hits: [], filesScanned: 0, bytesScanned: 0, incomplete: [] };
  if (config.exists) scanConfigValue(config, scan);
  for (const file of config.files) {
    const text = readIfPresent(file, scan);
    if (text !== undefined) scanTextForShapes(file, text, scan, false);
  }
  for (const envFile of [
    join(locator.stateDir, ".env"),
    join(locator.home, ".config", "openclaw", "gateway.env"),
  ]) {
    const text = readIfPresent(envFile, scan);
    if (text !== undefined) scanEnvText(envFile, text, scan);
  }
  for (const e of state.entries) {
    if (e.kind !== "file" || !/^agents\/[^/]+\/agent\/(?:auth-profiles|auth|models)\.json$/.test(e.path))
      continue;
    const file = join(state.root, e.path);
    const text = readIfPresent(file, scan);
    if (text !== undefined) scanCredentialJson(file, text, scan);
  }
  return known(scan);
}
