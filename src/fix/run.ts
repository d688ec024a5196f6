/**
 * The shared driver behind `fix`, `init` and `rotate`: validate a plan, apply it as one transaction,
 * re-audit what it fixed, and report. The CLI files only parse flags and call this.
 */
import { readFileSync } from "node:fs";
import { runCommand } from "../deployment/openclaw-cli.js";
import { type ApplyHooks, type ApplyResult, applyPlan } from "./apply.js";
import { auditNow } from "./audit-now.js";
import {
  failingByItem,
  type ItemOutcome,
  type Judgement,
  judge,
  outcomes,
  renderOutcomes,
} from "./item-outcomes.js";
import {
  allRemediations,
  autoRemediations,
  buildPlan,
  itemsOf,
  type Plan,
  type PlanOptions,
  renderPlan,
} from "./plan.js";
import { planJson } from "./plan-json.js";
import { builtinProblems, findOpenClawBin, validateWithOpenClaw } from "./validate.js";

export interface RunOptions {
  plan: PlanOptions;
  dryRun: boolean;
  /** true = apply without asking; false = ask on a TTY, refuse otherwise. */
  yes: boolean;
  /** Use the real OpenClaw for validation when found. */
  openclaw: boolean;
  openclawBin?: string;
  command: string;
  out: (s: string) => void;
  err: (s: string) => void;
  confirm: (question: string) => Promise<boolean>;
  /**
   * `fix`: plan from the audit's failing findings, verify every item against a full re-audit, undo the
   * items that do not verify and keep the rest. init/rotate leave it off (all-or-nothing).
   */
  fromAudit?: boolean;
  /** With fromAudit: keep an item whose failures were reduced but not cleared. */
  partial?: boolean;
  /** Print the plan (dry run) or the result as JSON on stdout instead of text. */
  json?: boolean;
}

export interface RunResult {
  plan: Plan;
  /** Per item, what the run did (fromAudit runs). */
  outcomes?: ItemOutcome[];
  applied?: ApplyResult;
  /** 0 applied or nothing to do, 1 refused/invalid/rolled back. */
  exitCode: number;
}

/** `meta.lastTouchedVersion` from the config, else `openclaw --version`. */
export async function openclawVersion(
  configPath: string,
  bin: string | undefined,
  env: Record<string, string | undefined>,
): Promise<string | undefined> {
  try {
    const m = /"?lastTouchedVersion"?\s*:\s*["']([\d.]+[^"']*)["']/.exec(readFileSync(configPath, "utf8"));
    if (m?.[1]) return m[1];
  } catch {
    // no config yet
  }
  if (!bin) return undefined;
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  const run = await runCommand(bin, ["--version"], childEnv, 30_000);
  return /\b(\d{4}\.\d{1,2}\.\d{1,2})\b/.exec(run.stdout)?.[1];
}

const RE_AUDITABLE = /^[NSDKCALP]-0\d$/;

/** Re-audit after writing: the planners find nothing left to do, and our catalog passes each fixed item. */
async function reaudit(planOpts: PlanOptions, fixed: Plan, log: (line: string) => void): Promise<string[]> {
  const problems: string[] = [];
  const autoIds = fixed.items.filter((i) => i.kind === "auto").map((i) => i.id);
  const replannable = autoIds.filter((id) => autoRemediations.some((r) => r.id === id));
  const { initialConfig: _created, remediations: _r, extra: _e, ...base } = planOpts;
  const again = replannable.length ? buildPlan({ ...base, only: replannable }) : { items: [] };
  for (const item of again.items) {
    const left = item.steps.filter((s) => s.kind !== "rotation");
    if (left.length) problems.push(`${item.id}: ${left.length} change(s) still needed after the fix`);
  }
  const ids = autoIds.filter((id) => RE_AUDITABLE.test(id));
  if (ids.length) {
    // Loaded lazily: the audit engine is heavier than the fix path and not needed for --dry-run.
    let engine: [typeof import("../audit/collect.js"), typeof import("../catalog/run.js")];
    try {
      engine = await Promise.all([import("../audit/collect.js"), import("../catalog/run.js")]);
    } catch (error) {
      log(
        `warning: the audit engine could not be loaded (${(error as Error).message}); verified by re-planning only`,
      );
      return problems;
    }
    const [{ collectSnapshot }, { runCatalog }] = engine;
    const snapshot = await collectSnapshot({
      env: planOpts.env,
      cwd: process.cwd(),
      stateDir: planOpts.stateDir,
      config: planOpts.configPath,
      openclaw: false,
      live: false,
      deep: false,
      skills: false,
    });
    for (const r of runCatalog(snapshot, { only: ids })) {
      const failing = r.findings.filter((f) => f.status === "fail");
      if (!failing.length) continue;
      problems.push(`${r.item.id} still fails our audit: ${failing.map((f) => f.message).join("; ")}`);
    }
  }
  return problems;
}

function summary(plan: Plan): string[] {
  const lines = new Set<string>();
  for (const item of plan.items) for (const c of item.consequences) lines.add(c);
  return [...lines];
}

export async function runFix(o: RunOptions): Promise<RunResult> {
  if (o.fromAudit) return runFromAudit(o);
  const plan = buildPlan(o.plan);
  o.out(renderPlan(plan, { preview: o.dryRun }));
  const nothing = plan.files.length === 0 && plan.chmods.length === 0;
  if (o.dryRun) {
    o.out(nothing ? "" : "Dry run: nothing was changed. Run without --dry-run to apply.\n");
    return { plan, exitCode: 0 };
  }
  if (nothing) return { plan, exitCode: plan.refused.length ? 1 : 0 };

  const problems = builtinProblems(plan);
  if (problems.length) {
    o.err(
      `clawwarden: the plan would write invalid config; nothing was changed:\n  ${problems.join("\n  ")}\n`,
    );
    return { plan, exitCode: 1 };
  }
  const bin = o.openclaw ? findOpenClawBin(o.plan.env, o.openclawBin) : undefined;
  if (bin) {
    const v = await validateWithOpenClaw(plan, bin, o.plan.env);
    if (!v.ok) {
      o.err(
        `clawwarden: OpenClaw rejects the planned config; nothing was changed:\n  ${v.problems.join("\n  ")}\n`,
      );
      return { plan, exitCode: 1 };
    }
    o.out(`validated: ${v.via}\n`);
  } else {
    o.out("validated: clawwarden's schema of the keys it writes (OpenClaw CLI not used)\n");
  }

  if (!o.yes) {
    const ok = await o.confirm(`Apply ${plan.items.length} fix(es) to ${plan.configPath}? [y/N] `);
    if (!ok) {
      o.out("Nothing was changed.\n");
      return { plan, exitCode: 1 };
    }
  }
  const applied = await applyPlan(
    plan,
    applyHooks(o, () => reaudit(o.plan, plan, (l) => o.err(`${l}\n`))),
  );
  if (applied.status !== "applied") {
    reportNotApplied(o, applied, "failed");
    return { plan, applied, exitCode: 1 };
  }
  o.out(`applied run ${applied.runId} (undo with \`clawwarden rollback ${applied.runId}\`)\n`);
  for (const c of summary(plan)) o.out(`  → ${c}\n`);
  return { plan, applied, exitCode: 0 };
}

/** Both validators on a plan: our schema of the keys we write, then the real `openclaw config validate`. */
async function validatePlan(o: RunOptions, plan: Plan, bin: string | undefined): Promise<string[]> {
  const problems = builtinProblems(plan);
  if (problems.length || !bin) return problems;
  const v = await validateWithOpenClaw(plan, bin, o.plan.env);
  return v.ok ? [] : v.problems;
}

/**
 * `fix`: audit, plan what the audit says fails, apply as one transaction, re-audit every item, undo
 * what did not verify (same backups, byte-exact) and report a table per item.
 */
async function runFromAudit(o: RunOptions): Promise<RunResult> {
  const target = { stateDir: o.plan.stateDir, configPath: o.plan.configPath, env: o.plan.env };
  const before = await auditNow(target);
  const findings = failingByItem(before);
  const secretMemo = new Map<string, string>();
  const planOpts: PlanOptions = { ...o.plan, findings, secretMemo };
  const plan = buildPlan(planOpts);
  const remediationItems = (id: string) => {
    const r = allRemediations.find((x) => x.id === id);
    return r ? itemsOf(r) : [id];
  };
  const itemsOfPlan = (item: { id: string }) => remediationItems(item.id);
  const fixable = new Set(autoRemediations.flatMap(itemsOf));
  const text = (s: string) => {
    if (!o.json) o.out(s);
  };
  text(renderPlan(plan, { preview: o.dryRun }));
  const nothing = plan.files.length === 0 && plan.chmods.length === 0;
  if (o.dryRun) {
    if (o.json) o.out(`${JSON.stringify(planJson(plan, findings), null, 2)}\n`);
    else o.out(nothing ? "" : "Dry run: nothing was changed. Run without --dry-run to apply.\n");
    return { plan, exitCode: 0 };
  }
  const report = (
    applied: ApplyResult | undefined,
    kept: Plan["items"],
    dropped: Judgement["dropped"],
    after = before,
  ) => {
    const rows = outcomes({ before, after, kept, dropped, fixable, itemsOf: remediationItems });
    if (o.json) {
      o.out(
        `${JSON.stringify(
          {
            schemaVersion: 1,
            status: applied?.status ?? "nothing-to-do",
            ...(applied && { runId: applied.runId }),
            items: rows,
          },
          null,
          2,
        )}\n`,
      );
    } else o.out(renderOutcomes(rows));
    return rows;
  };
  if (nothing) {
    const rows = report(undefined, [], []);
    return { plan, outcomes: rows, exitCode: plan.refused.length ? 1 : 0 };
  }

  const bin = o.openclaw ? findOpenClawBin(o.plan.env, o.openclawBin) : undefined;
  const invalid = await validatePlan(o, plan, bin);
  if (invalid.length) {
    o.err(
      `clawwarden: the plan would write invalid config; nothing was changed:\n  ${invalid.join("\n  ")}\n`,
    );
    return { plan, exitCode: 1 };
  }
  text(
    bin
      ? "validated: openclaw config validate on the planned config\n"
      : "validated: clawwarden's schema of the keys it writes (OpenClaw CLI not used)\n",
  );
  if (!o.yes) {
    const ok = await o.confirm(`Apply ${plan.items.length} fix(es) to ${plan.configPath}? [y/N] `);
    if (!ok) {
      o.out("Nothing was changed.\n");
      return { plan, exitCode: 1 };
    }
  }

  let after = before;
  const dropped: Judgement["dropped"] = [];
  const applied = await applyPlan(
    plan,
    applyHooks(o, async (current) => {
      after = await auditNow(target);
      const j = judge(before, after, current.items, remediationItems, o.partial === true);
      if (!j.dropped.length) return [];
      dropped.push(...j.dropped);
      const problems = j.dropped.map(
        (d) => `${d.id} ${d.verdict === "partial" ? "only partly verified" : "did not verify"}: ${d.reason}`,
      );
      if (!j.keep.length) return { problems };
      const retry = async () => {
        const smaller = buildPlan({ ...planOpts, only: j.keep });
        const bad = await validatePlan(o, smaller, bin);
        if (!bad.length) return smaller;
        o.err(`without them the config would be invalid: ${bad.join("; ")}\n`);
        return undefined;
      };
      return { problems, retry };
    }),
  );
  if (applied.status === "aborted") {
    reportNotApplied(o, applied, "no item verified");
    return { plan, applied, exitCode: 1 };
  }
  if (applied.status === "rolled-back") {
    reportNotApplied(o, applied, "no item verified");
    for (const item of plan.items) {
      if (dropped.some((d) => d.id === item.id)) continue;
      dropped.push({
        id: item.id,
        items: itemsOfPlan(item),
        verdict: "unverified",
        reason: "rolled back with the run",
      });
    }
    const rows = report(applied, [], dropped, await auditNow(target));
    return { plan, applied, outcomes: rows, exitCode: 1 };
  }
  const finalPlan = applied.plan ?? plan;
  if (!o.json) {
    o.out(`applied run ${applied.runId} (undo with \`clawwarden rollback ${applied.runId}\`)\n`);
    for (const c of summary(finalPlan)) o.out(`  → ${c}\n`);
  }
  const rows = report(applied, finalPlan.items, dropped, after);
  const clean = rows.every(
    (r) => r.outcome !== "partly fixed" && r.outcome !== "not fixed" && r.outcome !== "now fails",
  );
  return { plan: finalPlan, applied, outcomes: rows, exitCode: clean ? 0 : 1 };
}

/** The transaction hooks every driver shares: progress to stderr, who/what/when for the run manifest. */
function applyHooks(o: RunOptions, verify: ApplyHooks["verify"]): ApplyHooks {
  return {
    verify,
    log: (l) => o.err(`${l}\n`),
    by: o.plan.who,
    command: o.command,
    now: o.plan.now,
    env: o.plan.env,
  };
}

/** What the user must know when a run did not apply: nothing changed, or rolled back (and whether exactly). */
function reportNotApplied(o: RunOptions, applied: ApplyResult, why: string): void {
  if (applied.status === "aborted") {
    o.err("clawwarden: nothing was changed (the backup could not be made).\n");
    return;
  }
  o.err(
    applied.rollbackErrors.length
      ? `clawwarden: FAILED and the rollback had problems — check these by hand:\n  ${applied.rollbackErrors.join("\n  ")}\n`
      : `clawwarden: ${why}; every change was rolled back — the deployment is exactly as before.\n`,
  );
}
