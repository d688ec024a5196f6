import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectSnapshot } from "../../src/audit/collect.js";
import { catalog } from "../../src/catalog/index.js";
import { checkIdMatches, guideItemFor } from "../../src/catalog/openclaw-index.js";
import { runCatalog } from "../../src/catalog/run.js";
import type { ItemResult } from "../../src/catalog/types.js";
import { collectOpenClaw } from "../../src/deployment/openclaw-cli.js";
import type { Locator, OpenClawAuditFinding, Snapshot } from "../../src/model/snapshot.js";
import { openclawEnv } from "../helpers/openclaw.js";

export const repoRoot = join(import.meta.dirname, "..", "..");
export const EXAMPLES = ["insecure", "hardened", "legacy-file-era"] as const;
export type ExampleName = (typeof EXAMPLES)[number];

/**
 * The environment each example is audited in. The hardened one is deployed as intended: the gateway token and
 * the Telegram token its SecretRefs name are exported (values are random per run, never stored).
 */
function extraEnv(name: ExampleName): Record<string, string> {
  if (name !== "hardened") return {};
  const random = (n: number) =>
    Array.from(
      { length: n },
      () => "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"[Math.floor(Math.random() * 57)],
    ).join("");
  return { OPENCLAW_GATEWAY_TOKEN: random(48), TELEGRAM_BOT_TOKEN: `7${random(9)}:AA${random(33)}` };
}

/**
 * A private copy of examples/ with the intended modes applied (git keeps none). The hardened deployment is
 * owned by a dedicated non-root user (uid 1000), as the guide's S-06 asks; the tests run as root.
 */
export function copyExamples(): string {
  const dir = mkdtempSync(join(tmpdir(), "cw-differential-"));
  cpSync(join(repoRoot, "examples"), join(dir, "examples"), { recursive: true });
  execFileSync("bash", [join(dir, "examples", "apply-modes.sh"), join(dir, "examples")]);
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "1000:1000", join(dir, "examples", "hardened")]);
  return dir;
}

/** Guide items an OpenClaw checkId speaks to: our primary mapping plus every item that lists it. */
export function relatedItems(checkId: string): string[] {
  const items = new Set<string>();
  const primary = guideItemFor(checkId);
  if (primary) items.add(primary);
  for (const item of catalog) if (item.openclaw.some((p) => checkIdMatches(p, checkId))) items.add(item.id);
  return [...items];
}

export interface ExampleAudit {
  name: ExampleName;
  stateDir: string;
  /** OpenClaw 2026.9.6's own `security audit --json` findings. */
  openclaw: OpenClawAuditFinding[];
  /** Our catalog on a snapshot collected WITHOUT OpenClaw's output, so the two verdicts are independent. */
  ours: ItemResult[];
  snapshot: Snapshot;
  /** Why OpenClaw refused the example as it is (then `openclaw` comes from a run on a minimally changed copy). */
  openclawRefused?: string;
}

export async function auditExample(root: string, name: ExampleName): Promise<ExampleAudit> {
  const stateDir = join(root, "examples", name);
  const home = join(root, "home", name);
  mkdirSync(home, { recursive: true });
  const env = { ...openclawEnv(home, stateDir), ...extraEnv(name) } as Record<string, string | undefined>;
  const snapshot = await collectSnapshot({
    stateDir,
    env,
    home,
    cwd: root,
    openclaw: false,
    live: false,
    deep: false,
    skills: true,
  });
  const locator: Locator = snapshot.locator;
  // Our collectors read only; run OpenClaw afterwards (it creates/updates state/openclaw.sqlite).
  const facts = await collectOpenClaw({ locator, env, timeoutMs: 240_000 });
  const ours = runCatalog(snapshot);
  if (facts.audit.known) return { name, stateDir, openclaw: facts.audit.value.findings, ours, snapshot };
  if (!existsSync(join(stateDir, "exec-approvals.json")))
    throw new Error(`openclaw security audit failed on ${name}: ${facts.audit.reason}`);
  // 9.6 refuses file-era state that still has exec-approvals.json ("run openclaw doctor --fix"). Compare on a
  // copy without that one file, which is as close as OpenClaw gets to auditing this deployment.
  const copy = join(root, "without-exec-approvals", name);
  cpSync(stateDir, copy, { recursive: true });
  rmSync(join(copy, "exec-approvals.json"));
  const retry = await collectOpenClaw({
    locator: { ...locator, stateDir: copy, configPath: join(copy, "openclaw.json") },
    env: { ...env, OPENCLAW_STATE_DIR: copy },
    timeoutMs: 240_000,
  });
  if (!retry.audit.known) throw new Error(`openclaw security audit failed on ${name}: ${retry.audit.reason}`);
  return {
    name,
    stateDir,
    openclaw: retry.audit.value.findings,
    openclawRefused: facts.audit.reason,
    ours,
    snapshot,
  };
}

export interface Row {
  example: ExampleName;
  item: string;
  ours: string;
  openclaw: string;
  verdict: "agree" | "only ours" | "only OpenClaw";
}

const failing = (r: ItemResult | undefined) => r?.status === "fail" || r?.status === "warn";

/** One row per guide item where either side has something to say. */
export function compare(audit: ExampleAudit): Row[] {
  const byItem = new Map<string, OpenClawAuditFinding[]>();
  for (const f of audit.openclaw) {
    for (const item of relatedItems(f.checkId)) byItem.set(item, [...(byItem.get(item) ?? []), f]);
  }
  const rows: Row[] = [];
  for (const item of catalog) {
    const ours = audit.ours.find((r) => r.item.id === item.id);
    const theirs = byItem.get(item.id) ?? [];
    const theirsBad = theirs.filter((f) => f.severity !== "info");
    if (!failing(ours) && theirsBad.length === 0) continue;
    rows.push({
      example: audit.name,
      item: item.id,
      ours: ours ? `${ours.status} (${ours.severity})` : "—",
      openclaw: theirs.length ? theirs.map((f) => `${f.checkId} (${f.severity})`).join(", ") : "—",
      verdict: failing(ours) && theirsBad.length ? "agree" : failing(ours) ? "only ours" : "only OpenClaw",
    });
  }
  return rows;
}
