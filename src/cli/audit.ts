import { existsSync } from "node:fs";
import { type Command, Option } from "commander";
import { collectSnapshot } from "../audit/collect.js";
import { catalogItem } from "../catalog/index.js";
import { guideItemFor } from "../catalog/openclaw-index.js";
import { runCatalog } from "../catalog/run.js";
import { applyBaseline } from "../report/baseline.js";
import { auditToHtml } from "../report/formats/html.js";
import { auditToJunit } from "../report/formats/junit.js";
import { auditToMarkdown } from "../report/formats/markdown.js";
import type { AuditReport } from "../report/model.js";
import { buildReport } from "../report/model.js";
import { auditToSarif } from "../report/sarif.js";
import { exitCodeFor, type FailOn } from "../report/score.js";
import { renderText, wantColour } from "../report/text.js";
import { InputError } from "../util/errors.js";
import { toolVersion } from "../util/version.js";
import type { SetExitCode } from "./exit-code.js";
import { target } from "./fix.js";
import { terminalProgress } from "./progress.js";
import { type HistoryPoint, readBaselineFile, recordHistory, writeReport } from "./report-output.js";

interface AuditFlags {
  stateDir?: string;
  config?: string;
  profile?: string;
  dev?: boolean;
  live?: boolean;
  deep?: boolean;
  netns?: string;
  json?: boolean;
  sarif?: boolean;
  failOn: FailOn;
  only?: string;
  openclaw: boolean;
  openclawBin?: string;
  skills: boolean;
  clawwardenConfig?: string;
  verbose?: boolean;
  allowDefaults?: boolean;
  format?: string;
  output?: string;
  baseline?: string;
  history?: boolean;
  reportUrl?: string;
  maxLength?: string;
  color?: boolean;
  quiet?: boolean;
}

export function registerAudit(program: Command, setExitCode: SetExitCode): void {
  program
    .command("audit")
    .description("audit every item of the hardening guide on an OpenClaw deployment")
    .option("--state-dir <dir>", "OpenClaw state dir (default: as OpenClaw resolves it)")
    .option("--config <file>", "OpenClaw config file (default: <state dir>/openclaw.json)")
    .option("--profile <name>", "OpenClaw profile (~/.openclaw-<name>)")
    .option("--dev", "the dev profile (~/.openclaw-dev)")
    .option("--live", "add read-only facts from this host (processes, sockets, firewall, containers)")
    .option("--deep", "also probe this host's own gateway ports and containers (implies --live)")
    .option("--netns <name>", "with --live: read sockets and firewall inside this network namespace")
    .addOption(
      new Option("--format <format>", "report format").choices([
        "text",
        "json",
        "sarif",
        "junit",
        "markdown",
        "html",
      ]),
    )
    .option("--output <file>", "write the report to a file (atomic, mode 600) instead of stdout")
    .option("--json", "alias of --format json (versioned JSON, docs/report-json.md)")
    .option("--sarif", "alias of --format sarif (SARIF 2.1.0 for code-scanning UIs)")
    .option(
      "--baseline <file>",
      "findings in this baseline (`clawwarden baseline create`) are marked and do not fail the run",
    )
    .option(
      "--history",
      "record this run's index under ~/.clawwarden/history and show the trend in the HTML report",
    )
    .option("--report-url <url>", "markdown: link to the full report")
    .option("--no-color", "no ANSI colours in text output (NO_COLOR does the same)")
    .option("-q, --quiet", "no notes on stderr (the report itself is unchanged)")
    .option("--max-length <chars>", "markdown: cut the summary at this length (default 60000)")
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when a failing finding is at or above this severity")
        .choices(["critical", "high", "medium", "low", "none", "never"])
        .default("high"),
    )
    .option("--only <ids>", "comma-separated guide item ids, e.g. N-01,C-02")
    .option("--no-openclaw", "do not run `openclaw security audit` even when the CLI is available")
    .option("--openclaw-bin <path>", "the openclaw executable to use for extra evidence")
    .option("--no-skills", "do not scan installed skills and plugins")
    .option("--clawwarden-config <file>", "attestations and suppressions (default: ./clawwarden.json)")
    .option("-v, --verbose", "show evidence of passing items too")
    .option(
      "--allow-defaults",
      "audit OpenClaw's defaults even when no deployment is found (otherwise exit 2)",
    )
    .action(async (flags: AuditFlags) => {
      const format = outputFormat(flags);
      if ((flags.failOn as string) === "never") flags.failOn = "none";
      const report = await produceAuditReport(flags);
      if (flags.baseline) applyBaseline(report, readBaselineFile(flags.baseline));
      const history = flags.history ? recordHistory(report) : [];
      writeReport(renderAudit(report, format, flags, history), flags.output, flags.quiet === true);
      setExitCode(exitCodeFor(report.items, flags.failOn));
    });
}

/** Validates the target flags, collects the snapshot and runs the catalog: what `audit` and `baseline create` share. */
export async function produceAuditReport(
  flags: Pick<AuditFlags, "openclaw" | "skills"> & Partial<AuditFlags>,
): Promise<AuditReport> {
  const only = flags.only
    ?.split(",")
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (flags.netns !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(flags.netns)) {
    throw new InputError(`--netns takes a network namespace name (got "${flags.netns}")`);
  }
  for (const [flag, path] of [
    ["--state-dir", flags.stateDir],
    ["--config", flags.config],
  ] as const) {
    if (path !== undefined && !existsSync(path)) throw new InputError(`${flag} ${path} does not exist`);
  }
  if (only?.some((id) => !/^[NSDKCALP]-0\d$/.test(id))) {
    throw new InputError(`--only takes guide item ids like N-01,C-02 (got "${flags.only}")`);
  }
  const unknownIds = only?.filter((id) => !catalogItem(id)) ?? [];
  if (unknownIds.length) {
    // A well-formed id that is not in the guide would audit nothing and exit 0: a green gate by typo.
    throw new InputError(
      `--only: no guide item ${unknownIds.join(", ")} (run \`clawwarden explain\` for the list)`,
    );
  }
  if ((flags.profile !== undefined || flags.dev) && flags.stateDir === undefined) target(flags);
  const progress = terminalProgress(process.stderr, { quiet: flags.quiet === true });
  const snapshot = await collectSnapshot({
    progress: progress.report,
    env: process.env,
    cwd: process.cwd(),
    live: flags.live === true || flags.deep === true,
    deep: flags.deep === true,
    openclaw: flags.openclaw,
    skills: flags.skills,
    ...(flags.stateDir !== undefined && { stateDir: flags.stateDir }),
    ...(flags.config !== undefined && { config: flags.config }),
    ...(flags.profile !== undefined && { profile: flags.profile }),
    ...(flags.dev !== undefined && { dev: flags.dev }),
    ...(flags.openclawBin !== undefined && { openclawBin: flags.openclawBin }),
    ...(flags.netns !== undefined && { netns: flags.netns }),
    ...(flags.clawwardenConfig !== undefined && { clawwardenConfig: flags.clawwardenConfig }),
  }).finally(progress.stop);
  if (!snapshot.state.exists && !snapshot.config.exists && !flags.allowDefaults) {
    throw new InputError(
      `no OpenClaw deployment found (state dir ${snapshot.locator.stateDir} from ${snapshot.locator.stateDirSource} does not exist): pass --state-dir, set OPENCLAW_STATE_DIR, or --allow-defaults to audit OpenClaw's defaults`,
    );
  }
  const results = runCatalog(snapshot, only ? { only } : {});
  return buildReport(snapshot, results, toolVersion(), guideItemFor);
}

type Format = "text" | "json" | "sarif" | "junit" | "markdown" | "html";

/** --format, or its --json/--sarif aliases; two different choices are a usage error. */
function outputFormat(flags: AuditFlags): Format {
  const chosen = new Set<string>();
  if (flags.format) chosen.add(flags.format);
  if (flags.json) chosen.add("json");
  if (flags.sarif) chosen.add("sarif");
  if (chosen.size > 1)
    throw new InputError(`conflicting output formats (${[...chosen].join(", ")}): choose one`);
  return ([...chosen][0] ?? "text") as Format;
}

function renderAudit(
  report: AuditReport,
  format: Format,
  flags: AuditFlags,
  history: HistoryPoint[],
): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "sarif":
      return `${JSON.stringify(auditToSarif(report), null, 2)}\n`;
    case "junit":
      return auditToJunit(report);
    case "markdown": {
      const max = flags.maxLength === undefined ? undefined : Number(flags.maxLength);
      if (max !== undefined && (!Number.isInteger(max) || max < 500))
        throw new InputError(`--max-length takes a number of characters ≥ 500 (got "${flags.maxLength}")`);
      return auditToMarkdown(report, {
        ...(max !== undefined && { maxLength: max }),
        ...(flags.reportUrl !== undefined && { reportUrl: flags.reportUrl }),
      });
    }
    case "html":
      return auditToHtml(report, history);
    default:
      return renderText(report, {
        colour:
          flags.color !== false &&
          flags.output === undefined &&
          wantColour(process.env, process.stdout.isTTY === true),
        verbose: flags.verbose === true,
      });
  }
}
