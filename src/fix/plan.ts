/**
 * Builds a fix plan: runs the selected remediations in order against an in-memory copy of the
 * config and env file (each sees the edits of the ones before), and collects the resulting file
 * contents, chmods and consequences. Nothing here writes to disk.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { Finding } from "../catalog/types.js";
import { loadConfig } from "../deployment/config.js";
import { locate } from "../deployment/locate.js";
import { rotationLogFile } from "../deployment/rotations.js";
import { collectWorkspaces } from "../deployment/workspaces.js";
import { findSecrets } from "../detect/secrets.js";
import { InputError } from "../util/errors.js";
import { secretFingerprint } from "../util/fingerprint.js";
import { assistedRemediations } from "./assisted.js";
import { ConfigEditError, json5Features } from "./config-edit.js";
import { ConfigFiles } from "./config-files.js";
import { moveSecrets, statePermissions } from "./credentials.js";
import { EnvFile } from "./env-file.js";
import { dmPairing, groupMention, untrustedContent } from "./messaging.js";
import { bindLoopback, gatewayAuth, mdnsOff } from "./network.js";
import { elevatedOff, readOnlyMounts, sandboxMode, sandboxNoEgress, toolPolicy } from "./sandbox.js";
import { installSoul } from "./soul.js";
import { isPlaintextSecret, newToken, referencedEnv } from "./tokens.js";
import type { FixContext, ItemPlan, Lang, Profile, Remediation, Step } from "./types.js";

/** Order matters: credentials before chmods, C-02 last so it covers files the others create. */
export const autoRemediations: Remediation[] = [
  bindLoopback,
  gatewayAuth,
  mdnsOff,
  moveSecrets,
  sandboxMode,
  sandboxNoEgress,
  readOnlyMounts,
  toolPolicy,
  elevatedOff,
  dmPairing,
  groupMention,
  untrustedContent,
  installSoul,
  statePermissions,
];

export const allRemediations: Remediation[] = [...autoRemediations, ...assistedRemediations];

export function clawwardenDir(stateDir: string): string {
  return join(stateDir, ".clawwarden");
}

/** The rotation log the audit reads for N-06/C-05 (path and reader live in deployment/rotations.ts). */
export const rotationLogPath = rotationLogFile;

export interface PlanOptions {
  stateDir: string;
  configPath: string;
  profile: Profile;
  lang: Lang;
  /** Guide ids to restrict to (`--only N-01,C-02`); undefined = every auto item (+ assisted when asked). */
  only?: string[];
  assisted: boolean;
  assistedDir: string;
  env: Record<string, string | undefined>;
  openclawVersion?: string;
  who: string;
  now: Date;
  /** Extra steps for commands that reuse the transaction (rotate). */
  extra?: Array<(ctx: FixContext) => ItemPlan | null>;
  /** Use these remediations instead of the registry (init/rotate). */
  remediations?: Remediation[];
  /** Remote addresses connected to the gateway now (see remote-clients.ts). */
  remotePeers?: string[];
  /** Text of the main config when it does not exist yet (init). */
  initialConfig?: string;
  /**
   * The audit's failing findings per item (`fix`): a remediation runs only for an item that fails or
   * warns there (or one it depends on), so the fix never second-guesses the audit.
   */
  findings?: ReadonlyMap<string, readonly Finding[]>;
  /** Secrets generated so far in this run, by purpose (rebuilding a plan reuses them). */
  secretMemo?: Map<string, string>;
}

export interface FileChange {
  path: string;
  before: string | null;
  after: string;
  /** Mode for a new file; existing files keep theirs unless a chmod says otherwise. */
  mode: number;
  secret: boolean;
}

export interface Plan {
  stateDir: string;
  configPath: string;
  profile: Profile;
  items: ItemPlan[];
  /** Items that could not be fixed automatically, with the reason (nothing of theirs is applied). */
  refused: Array<{ id: string; title: string; reason: string }>;
  files: FileChange[];
  chmods: Array<{ path: string; mode: number; from: number }>;
  /** Per item, a display-safe unified diff of the config files it edits. */
  diffs: Record<string, string>;
  notes: string[];
  /** Values that must never be shown: everything written to the env file, and what it replaced. */
  secrets: string[];
  /** Secrets this plan generated (new tokens): a preview must not show even their fingerprint. */
  generated: string[];
}

/** The guide items a remediation answers for. */
export function itemsOf(r: Remediation): string[] {
  return [r.id, ...(r.alsoFor ?? [])];
}

/** With a report: does the audit give this remediation anything to do? */
function wantedByReport(r: Remediation, findings: ReadonlyMap<string, readonly Finding[]>): boolean {
  return [...itemsOf(r), ...(r.dependsOn ?? [])].some((id) => (findings.get(id)?.length ?? 0) > 0);
}

export function selectRemediations(
  opts: Pick<PlanOptions, "only" | "assisted" | "remediations" | "findings">,
): Remediation[] {
  const picked = pickRemediations(opts);
  const findings = opts.findings;
  return findings ? picked.filter((r) => wantedByReport(r, findings)) : picked;
}

function pickRemediations(opts: Pick<PlanOptions, "only" | "assisted" | "remediations">): Remediation[] {
  const base = opts.remediations ?? allRemediations;
  if (!opts.only) return base.filter((r) => r.kind === "auto" || (opts.assisted && r.kind === "assisted"));
  const wanted = new Set(opts.only.map((s) => s.trim().toUpperCase()).filter(Boolean));
  const known = new Set(base.flatMap((r) => [r.id, ...(r.alsoFor ?? [])]));
  const unknown = [...wanted].filter((id) => !known.has(id));
  if (unknown.length) {
    throw new InputError(
      `--only: no fix for ${unknown.join(", ")} (fixable: ${[...new Set(base.map((r) => r.id))].join(", ")})`,
    );
  }
  return base.filter((r) => wanted.has(r.id) || (r.alsoFor ?? []).some((id) => wanted.has(id)));
}

/** Agent workspaces that exist, resolved the way the audit does (deployment/workspaces.ts). */
export function workspacesOf(configPath: string, stateDir: string, env: Record<string, string | undefined>) {
  if (!existsSync(configPath)) return [];
  const locator = locate({ env, stateDir, config: configPath });
  return collectWorkspaces(locator, loadConfig(configPath, { env }), env)
    .filter((w) => {
      try {
        return statSync(w.path).isDirectory();
      } catch {
        return false;
      }
    })
    .map((w) => ({ agentId: w.agentId, path: w.path }));
}

function applyToContext(ctx: FixContext, steps: Step[]): void {
  for (const step of steps) {
    if (step.kind === "config") {
      ctx.config.set(step.keyPath, step.value);
      ctx.claimed.add(step.keyPath.join("."));
    } else if (step.kind === "unset") {
      ctx.config.unset(step.keyPath);
      ctx.claimed.add(step.keyPath.join("."));
    } else if (step.kind === "env") {
      ctx.env.set(step.name, step.value);
    }
  }
}

/**
 * Display-safe text: the values this plan moves or writes, and anything else the secret detector finds
 * (a token under a key OpenClaw does not define, a PEM string, a diff's context lines), become fingerprints.
 */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length >= 4) out = out.split(s).join(`<secret ${secretFingerprint(s)}>`);
  }
  const found = findSecrets(out, { honourComments: false }).sort((a, b) => b.index - a.index);
  for (const m of found) {
    const value = out.slice(m.index, m.index + m.length);
    if (value.startsWith("<secret ")) continue;
    out = `${out.slice(0, m.index)}<secret ${secretFingerprint(value)}>${out.slice(m.index + m.length)}`;
  }
  return out;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export function buildPlan(opts: PlanOptions): Plan {
  const config = new ConfigFiles(opts.configPath, opts.initialConfig);
  const env = new EnvFile(join(opts.stateDir, ".env"));
  const memo = opts.secretMemo ?? new Map<string, string>();
  const ctx: FixContext = {
    stateDir: opts.stateDir,
    configPath: config.mainPath,
    profile: opts.profile,
    lang: opts.lang,
    config,
    env,
    processEnv: opts.env,
    workspaces:
      opts.initialConfig === undefined ? workspacesOf(config.mainPath, opts.stateDir, opts.env) : [],
    assistedDir: opts.assistedDir,
    who: opts.who,
    now: opts.now,
    claimed: new Set(),
    ...(opts.openclawVersion !== undefined && { openclawVersion: opts.openclawVersion }),
    ...(opts.remotePeers !== undefined && { remotePeers: opts.remotePeers }),
    ...(opts.findings !== undefined && { findings: opts.findings }),
    secret(purpose) {
      const known = memo.get(purpose);
      if (known !== undefined) return known;
      const fresh = newToken();
      memo.set(purpose, fresh);
      return fresh;
    },
  };
  const notes: string[] = [];
  const mainText = config.text(config.mainPath);
  const features = json5Features(mainText);
  if (features.length) {
    notes.push(
      `${config.mainPath} uses JSON5 (${features.join(", ")}): edits are made in place, so all of it is preserved`,
    );
  }
  const items: ItemPlan[] = [];
  const refused: Plan["refused"] = [];
  const diffs: Record<string, string> = {};
  const secrets: string[] = [];
  const writes = new Map<string, FileChange>();
  const rotations: string[] = [];

  const runs: Array<{ id: string; title: string; run: () => ItemPlan | null }> = selectRemediations(opts).map(
    (r) => ({
      id: r.id,
      title: r.title,
      run: () => {
        const p = r.plan(ctx);
        return p ? { id: r.id, title: r.title, kind: r.kind, ...p } : null;
      },
    }),
  );
  for (const extra of opts.extra ?? []) runs.push({ id: "extra", title: "", run: () => extra(ctx) });

  for (const { id, title, run } of runs) {
    const savedConfig = config.save();
    const savedEnv = env.text();
    let item: ItemPlan | null;
    try {
      item = run();
      if (!item) continue;
      const before = new Map(config.changed().map((c) => [c.path, c.after]));
      for (const step of item.steps) {
        if (step.kind !== "config") continue;
        const old = config.get(step.keyPath);
        if (isPlaintextSecret(old) && referencedEnv(step.value) !== undefined) secrets.push(old);
      }
      applyToContext(ctx, item.steps);
      const parts: string[] = [];
      for (const c of config.changed()) {
        const prev = before.get(c.path) ?? c.before ?? "";
        if (prev === c.after) continue;
        parts.push(createTwoFilesPatch(c.path, c.path, prev, c.after, "", "", { context: 2 }));
      }
      if (parts.length) diffs[item.id] = parts.join("");
    } catch (error) {
      config.restore(savedConfig);
      env.replaceText(savedEnv);
      if (error instanceof ConfigEditError) {
        refused.push({ id, title, reason: `${error.keyPath}: ${error.message}` });
        continue;
      }
      throw error;
    }
    for (const step of item.steps) {
      if (step.kind === "env") secrets.push(step.value);
      if (step.kind === "write") {
        writes.set(step.path, {
          path: step.path,
          before: readOrNull(step.path),
          after: step.content,
          mode: step.mode,
          secret: false,
        });
      }
      if (step.kind === "rotation") {
        rotations.push(
          `${JSON.stringify({ target: step.target, at: opts.now.toISOString(), fingerprint: step.fingerprint, by: opts.who })}\n`,
        );
      }
    }
    if (item.steps.length || item.warnings.length) items.push(item);
  }
  for (const id of Object.keys(diffs)) diffs[id] = redact(diffs[id] as string, secrets);

  const files: FileChange[] = [];
  for (const c of config.changed())
    files.push({ path: c.path, before: c.before, after: c.after, mode: 0o600, secret: false });
  if (env.changed())
    files.push({ path: env.path, before: env.original, after: env.text(), mode: 0o600, secret: true });
  if (rotations.length) {
    const log = rotationLogPath(opts.stateDir);
    const before = readOrNull(log);
    // a torn last line (crash mid-append elsewhere) must not swallow the new entry
    const head = before === null || before === "" || before.endsWith("\n") ? (before ?? "") : `${before}\n`;
    files.push({ path: log, before, after: head + rotations.join(""), mode: 0o600, secret: false });
  }
  files.push(...writes.values());
  const chmods = items.flatMap((i) => i.steps.flatMap((s) => (s.kind === "chmod" ? [s] : [])));
  return {
    stateDir: opts.stateDir,
    configPath: config.mainPath,
    profile: opts.profile,
    items,
    refused,
    files,
    chmods: chmods.map(({ path, mode, from }) => ({ path, mode, from })),
    diffs,
    notes,
    secrets,
    generated: [...memo.values()],
  };
}

const mode = (m: number) => `0${m.toString(8)}`;

/**
 * Human-readable plan: per item the diff, chmods, files and consequences. Never shows a secret. A preview
 * (`preview`) does not show the fingerprint of a token that does not exist yet either: the real run
 * generates its own.
 */
export function renderPlan(plan: Plan, opts: { preview?: boolean } = {}): string {
  const text = renderPlanText(plan);
  if (!opts.preview) return text;
  let out = text;
  for (const value of plan.generated)
    out = out.split(secretFingerprint(value)).join("(a new 32-byte random token)");
  return out;
}

function renderPlanText(plan: Plan): string {
  const out: string[] = [];
  out.push(`clawwarden fix plan for ${plan.configPath} (profile ${plan.profile})`);
  for (const n of plan.notes) out.push(`note: ${n}`);
  if (!plan.items.length && !plan.refused.length) {
    out.push("", "Nothing to fix: every selected item is already in the hardened state.");
    return `${out.join("\n")}\n`;
  }
  for (const item of plan.items) {
    out.push("", `== ${item.id} ${item.title} [${item.kind}]`);
    for (const step of item.steps) {
      if (step.kind === "config") out.push(`  set ${step.keyPath.join(".")}: ${step.why}`);
      if (step.kind === "unset") out.push(`  unset ${step.keyPath.join(".")}: ${step.why}`);
      if (step.kind === "env") {
        out.push(
          `  env ${step.name}=<secret ${secretFingerprint(step.value)}> in ${dirname(plan.configPath) === plan.stateDir ? "<stateDir>/.env" : join(plan.stateDir, ".env")} (0600): ${redact(step.why, plan.secrets)}`,
        );
      }
      if (step.kind === "rotation")
        out.push(
          `  log rotation of ${step.target} (${step.fingerprint}) in ${rotationLogPath(plan.stateDir)}`,
        );
    }
    const chmods = item.steps.filter((s) => s.kind === "chmod");
    for (const c of chmods.slice(0, 20)) out.push(`  chmod ${mode(c.mode)} ${c.path} (was ${mode(c.from)})`);
    if (chmods.length > 20) out.push(`  … and ${chmods.length - 20} more chmods`);
    for (const w of item.steps) {
      if (w.kind === "write") out.push(`  write ${w.path} (${mode(w.mode)}): ${w.why}`);
    }
    const diff = plan.diffs[item.id];
    if (diff)
      out.push(
        diff
          .replace(/^=+\n/m, "")
          .trimEnd()
          .split("\n")
          .map((l) => `    ${l}`)
          .join("\n"),
      );
    for (const c of item.consequences) out.push(`  → ${c}`);
    for (const w of item.warnings) out.push(`  ! ${w}`);
  }
  for (const r of plan.refused) out.push("", `== ${r.id} not fixed automatically: ${r.reason}`);
  if (plan.files.length || plan.chmods.length) {
    out.push("", "Files this run writes (each backed up first, written atomically):");
    for (const f of plan.files) {
      out.push(
        `  ${f.before === null ? "new     " : "modified"} ${f.path}${f.before === null ? ` (${mode(f.mode)})` : ""}${f.secret ? " — holds secrets" : ""}`,
      );
    }
    if (plan.chmods.length) out.push(`  chmod    ${plan.chmods.length} path(s)`);
  }
  return `${out.join("\n")}\n`;
}
