import type { Category, Finding, ItemResult, Status } from "../catalog/types.js";
import type { AuditReport } from "./model.js";

const categoryTitle: Record<Category, string> = {
  network: "Network and access control (P0)",
  sandbox: "Sandboxing and execution isolation (P0)",
  messaging: "DM policy and message security (P1)",
  skills: "Supply-chain security: skills (P0)",
  credentials: "Credentials and secret management (P1)",
  logging: "Audit logs and monitoring (P1)",
  llm: "LLM and model security (P2)",
  deployment: "Deployment architecture (P2)",
};

const label: Record<Status, string> = {
  pass: "PASS",
  fail: "FAIL",
  warn: "WARN",
  manual: "MANUAL",
  skip: "SKIP",
  unknown: "UNKNOWN",
};

const codes = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, gray: 90, bold: 1 } as const;
type Colour = keyof typeof codes;

const statusColour: Record<Status, Colour> = {
  pass: "green",
  fail: "red",
  warn: "yellow",
  manual: "blue",
  skip: "gray",
  unknown: "magenta",
};

export interface TextOptions {
  colour: boolean;
  /** Show evidence and remediation of passing items too. */
  verbose: boolean;
}

/** Colour unless NO_COLOR is set (any value) or the stream is not a terminal; FORCE_COLOR forces it. */
export function wantColour(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return isTTY;
}

export function renderText(report: AuditReport, opts: TextOptions): string {
  const c = (colour: Colour, s: string) => (opts.colour ? `\u001b[${codes[colour]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const t = report.target;
  out.push(c("bold", `clawwarden audit — ${t.stateDir}`));
  out.push(
    c(
      "gray",
      `config ${t.configPath}${t.configExists ? "" : " (not found: OpenClaw defaults apply)"} · layout ${t.layout}` +
        ` · ${t.live ? (t.deep ? "live + deep probes" : "live host facts") : "config and state only (add --live)"}`,
    ),
  );
  if (report.clawwarden.config) out.push(c("gray", `clawwarden config ${report.clawwarden.config}`));
  for (const note of report.clawwarden.notes) out.push(c("yellow", `note: ${note}`));
  const byCategory = new Map<Category, ItemResult[]>();
  for (const r of report.items)
    byCategory.set(r.item.category, [...(byCategory.get(r.item.category) ?? []), r]);
  for (const [category, results] of byCategory) {
    out.push("", c("bold", categoryTitle[category]));
    for (const r of results) out.push(...renderItem(r, report, opts, c));
  }
  out.push("", ...renderSummary(report, c));
  return `${out.join("\n")}\n`;
}

type Paint = (colour: Colour, s: string) => string;

function renderItem(r: ItemResult, report: AuditReport, opts: TextOptions, c: Paint): string[] {
  const lines: string[] = [];
  const sev = r.status === "fail" || r.status === "warn" ? c("gray", ` [${r.severity}]`) : "";
  lines.push(`  ${c(statusColour[r.status], label[r.status].padEnd(7))} ${r.item.id}  ${r.item.title}${sev}`);
  const detailed = opts.verbose || r.status !== "pass";
  for (const f of r.findings) {
    if (!detailed && f.status === "pass") continue;
    lines.push(...renderFinding(f, r, opts, c));
  }
  const oc = report.openclaw.byItem[r.item.id];
  if (oc && detailed) {
    for (const f of oc)
      lines.push(
        `      ${c("gray", `openclaw: ${f.checkId} (${f.severity}${f.suppressed ? ", suppressed in OpenClaw" : ""}) ${f.title}`)}`,
      );
  }
  return lines;
}

function renderFinding(f: Finding, r: ItemResult, opts: TextOptions, c: Paint): string[] {
  const lines: string[] = [];
  const mark = f.suppressed ? c("gray", ` (suppressed: ${f.suppressed.reason})`) : "";
  const own =
    r.findings.length > 1 || f.status !== r.status ? `${c(statusColour[f.status], label[f.status])} ` : "";
  lines.push(`      ${own}${f.message}${mark}`);
  for (const e of f.evidence) {
    const at = e.location ? c("gray", `  (${formatLocation(e.location)})`) : "";
    lines.push(`        ${c("gray", "↳")} ${e.message}${at}`);
  }
  if (f.remediation && ((f.status !== "pass" && f.status !== "skip") || opts.verbose)) {
    lines.push(`        ${c("gray", "fix:")} ${f.remediation}`);
  }
  return lines;
}

function formatLocation(loc: { file: string; line?: number; column?: number }): string {
  if (loc.line === undefined) return loc.file;
  return `${loc.file}:${loc.line}${loc.column === undefined ? "" : `:${loc.column}`}`;
}

function renderSummary(report: AuditReport, c: Paint): string[] {
  const s = report.summary;
  const order: Status[] = ["fail", "warn", "unknown", "manual", "pass", "skip"];
  const counts = order
    .filter((st) => s.counts[st] > 0)
    .map((st) => c(statusColour[st], `${s.counts[st]} ${st}`));
  const lines = [
    c("bold", "Summary"),
    `  ${s.total} items: ${counts.join(", ")}`,
    `  failing findings: ${s.failing.critical} critical, ${s.failing.high} high, ${s.failing.medium} medium, ${s.failing.low} low`,
    `  hardening index: ${c("bold", `${s.index}/100`)} (over ${s.coverage.decided} of ${s.coverage.applicable} items decided; weights P0 3, P1 2, P2 1)`,
  ];
  const oc = report.openclaw;
  if (oc.available && oc.summary) {
    lines.push(
      `  openclaw security audit${oc.version ? ` (${oc.version})` : ""}: ${oc.summary.critical} critical, ${oc.summary.warn} warn, ${oc.summary.info} info` +
        (oc.unmapped.length ? `; ${oc.unmapped.length} finding(s) outside the guide` : ""),
    );
  } else if (oc.reason) {
    lines.push(c("gray", `  openclaw security audit not used: ${oc.reason}`));
  }
  return lines;
}
