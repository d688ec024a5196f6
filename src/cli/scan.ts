import { type Command, Option } from "commander";
import { loadIocDb } from "../skills/ioc.js";
import { scanToJunit, scanToMarkdown } from "../skills/report-formats.js";
import { toSarif } from "../skills/sarif.js";
import { scanTarget } from "../skills/scan.js";
import { type SkillReport, VERDICT_ORDER, type Verdict, verdictRank } from "../skills/types.js";
import { InputError } from "../util/errors.js";
import { terminalSafe } from "../util/terminal-safe.js";
import { toolVersion } from "../util/version.js";
import type { SetExitCode } from "./exit-code.js";
import { terminalProgress } from "./progress.js";
import { writeReport } from "./report-output.js";

interface ScanFlags {
  json?: boolean;
  sarif?: boolean;
  format?: string;
  output?: string;
  failOn: string;
  ioc: boolean;
  iocDir?: string;
  verbose?: boolean;
}

export function registerScan(program: Command, setExitCode: SetExitCode): void {
  program
    .command("scan")
    .description(
      "scan skills or plugins (folder, skills root, .zip, .tar.gz, npm .tgz) before installing them",
    )
    .argument("<targets...>", "skill folders, skills roots or archives")
    .addOption(
      new Option("--format <format>", "report format").choices([
        "text",
        "json",
        "sarif",
        "junit",
        "markdown",
      ]),
    )
    .option("--output <file>", "write the report to a file (atomic, mode 600) instead of stdout")
    .option("--json", "alias of --format json")
    .option("--sarif", "alias of --format sarif (SARIF 2.1.0)")
    .option(
      "--fail-on <verdict>",
      `exit 1 when a skill is at or past this verdict (${VERDICT_ORDER.join(" < ")}, or never/none)`,
      "incomplete",
    )
    .option("--no-ioc", "do not use the IOC database")
    .option("--ioc-dir <dir>", "user IOC directory (default ~/.clawwarden/ioc)")
    .option("-v, --verbose", "also list low-severity findings")
    .action(async (targets: string[], flags: ScanFlags) => {
      if (flags.failOn === "none") flags.failOn = "never";
      if (flags.failOn !== "never" && !VERDICT_ORDER.includes(flags.failOn as Verdict)) {
        throw new InputError(
          `--fail-on must be one of ${VERDICT_ORDER.join(", ")}, never (got "${flags.failOn}")`,
        );
      }
      const ioc = flags.ioc ? loadIocDb(flags.iocDir ? { userDir: flags.iocDir } : {}) : undefined;
      const reports: SkillReport[] = [];
      const progress = terminalProgress();
      try {
        for (const t of targets)
          reports.push(...(await scanTarget(t, { ...(ioc && { ioc }), progress: progress.report })));
      } finally {
        progress.stop();
      }
      const chosen = new Set([
        flags.format,
        flags.json ? "json" : undefined,
        flags.sarif ? "sarif" : undefined,
      ]);
      chosen.delete(undefined);
      if (chosen.size > 1)
        throw new InputError(`conflicting output formats (${[...chosen].join(", ")}): choose one`);
      const format = [...chosen][0] ?? "text";
      const text =
        format === "sarif"
          ? `${JSON.stringify(toSarif(reports, toolVersion()), null, 2)}\n`
          : format === "json"
            ? `${JSON.stringify({ reports: reports.map(({ hashes: _h, ...r }) => r) }, null, 2)}\n`
            : format === "junit"
              ? scanToJunit(reports)
              : format === "markdown"
                ? scanToMarkdown(reports)
                : renderText(reports, flags.verbose ?? false);
      writeReport(text, flags.output);
      if (
        flags.failOn !== "never" &&
        reports.some((r) => verdictRank(r.verdict) >= verdictRank(flags.failOn as Verdict))
      )
        setExitCode(1);
    });
}

export function renderText(reports: SkillReport[], verbose: boolean): string {
  const out: string[] = [];
  // every string that comes from the scanned files goes through terminalSafe: a file named with ESC sequences
  // must not be able to clear the screen or print a fake verdict line
  const t = terminalSafe;
  for (const r of reports) {
    out.push(
      `${r.verdict.toUpperCase().padEnd(10)} ${t(r.name)}${r.version ? `@${t(r.version)}` : ""} (${r.kind})  ${t(r.root)}`,
    );
    const shown = r.findings.filter(
      (f) => verbose || (f.severity !== "low" && f.severity !== "info") || f.category === "packaging",
    );
    for (const f of shown) {
      const loc = f.location ? `${t(f.location.file)}${f.location.line ? `:${f.location.line}` : ""}` : "";
      out.push(`  [${f.severity} severity, ${f.confidence} confidence] ${f.rule}  ${loc}`);
      out.push(`      ${t(f.message)}`);
      if (f.excerpt) out.push(`      excerpt: ${t(f.excerpt)}`);
      out.push(`      why: ${t(f.evidence[0]?.message ?? "")}`);
    }
    for (const i of r.incomplete) out.push(`  not analysed: ${t(i.path)}: ${t(i.reason)}`);
    const hidden = r.findings.length - shown.length;
    if (hidden > 0) out.push(`  (${hidden} low-severity finding(s) hidden; --verbose shows them)`);
  }
  const counts = VERDICT_ORDER.map((v) => `${reports.filter((r) => r.verdict === v).length} ${v}`).join(", ");
  out.push(`${reports.length} skill(s): ${counts}`);
  return `${out.join("\n")}\n`;
}
