import { existsSync } from "node:fs";
import { type Command, Option } from "commander";
import { catalogItem } from "../catalog/index.js";
import { runCatalog } from "../catalog/run.js";
import { collectSnapshot } from "../deployment/collect.js";
import { guideItemFor } from "../deployment/openclaw-cli.js";
import { buildReport } from "../report/model.js";
import { auditToSarif } from "../report/sarif.js";
import { exitCodeFor, type FailOn } from "../report/score.js";
import { renderText, wantColour } from "../report/text.js";
import { InputError } from "../util/errors.js";
import { toolVersion } from "../util/version.js";
import type { SetExitCode } from "./commands.js";
import { target } from "./fix.js";

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
    .option("--json", "print the versioned JSON report (docs/report-json.md)")
    .option("--sarif", "print SARIF 2.1.0 (one result per failing or warning finding) for code-scanning UIs")
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
      const only = flags.only
        ?.split(",")
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean);
      if (flags.netns !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(flags.netns)) {
        throw new InputError(`--netns takes a network namespace name (got "${flags.netns}")`);
      }
      if (flags.json && flags.sarif)
        throw new InputError("--json and --sarif conflict: choose one output format");
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
      if ((flags.failOn as string) === "never") flags.failOn = "none";
      if ((flags.profile !== undefined || flags.dev) && flags.stateDir === undefined) target(flags);
      const snapshot = await collectSnapshot({
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
      });
      if (!snapshot.state.exists && !snapshot.config.exists && !flags.allowDefaults) {
        throw new InputError(
          `no OpenClaw deployment found (state dir ${snapshot.locator.stateDir} from ${snapshot.locator.stateDirSource} does not exist): pass --state-dir, set OPENCLAW_STATE_DIR, or --allow-defaults to audit OpenClaw's defaults`,
        );
      }
      const results = runCatalog(snapshot, only ? { only } : {});
      const report = buildReport(snapshot, results, toolVersion(), guideItemFor);
      if (flags.sarif) process.stdout.write(`${JSON.stringify(auditToSarif(report), null, 2)}\n`);
      else if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else
        process.stdout.write(
          renderText(report, {
            colour: wantColour(process.env, process.stdout.isTTY === true),
            verbose: flags.verbose === true,
          }),
        );
      setExitCode(exitCodeFor(results, flags.failOn));
    });
}
