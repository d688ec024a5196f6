import { existsSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";
import { type Command, Option } from "commander";
import { locate } from "../deployment/locate.js";
import { listRuns, orphanRunDirs, pruneRuns, recoverInterrupted } from "../fix/apply.js";
import { ConfigFiles } from "../fix/config-files.js";
import { remotePeers } from "../fix/remote-clients.js";
import { openclawVersion, runFix } from "../fix/run.js";
import { soulLang } from "../fix/soul.js";
import { acquireStateLock } from "../fix/state-lock.js";
import type { Profile } from "../fix/types.js";
import { findOpenClawBin } from "../fix/validate.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";

export interface TargetFlags {
  stateDir?: string;
  config?: string;
  profile?: string;
  dev?: boolean;
}

export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option("--state-dir <dir>", "OpenClaw state dir (default: as OpenClaw resolves it)")
    .option("--config <file>", "OpenClaw config file (default: <state dir>/openclaw.json)")
    .option("--profile <name>", "OpenClaw profile (~/.openclaw-<name>)")
    .option("--dev", "the dev profile (~/.openclaw-dev)");
}

/** An OpenClaw profile that names no existing state dir is a typo (or a hardening level given as --profile). */
export function requireProfileExists(flags: TargetFlags, stateDir: string): void {
  const name = flags.profile ?? (flags.dev ? "dev" : undefined);
  if (name === undefined || existsSync(stateDir)) return;
  const level = ["personal", "production", "strict"].includes(name.trim())
    ? ` ("${name}" is a hardening level: use --level ${name})`
    : "";
  throw new InputError(`--profile ${name}: OpenClaw profile has no state dir at ${stateDir}${level}`);
}

export function target(flags: TargetFlags, opts: { mayCreate?: boolean } = {}) {
  const loc = locateTarget(flags);
  if (!opts.mayCreate) requireProfileExists(flags, loc.stateDir);
  return loc;
}

function locateTarget(flags: TargetFlags) {
  return locate({
    env: process.env,
    ...(flags.stateDir !== undefined && { stateDir: flags.stateDir }),
    ...(flags.config !== undefined && { config: flags.config }),
    ...(flags.profile !== undefined && { profile: flags.profile }),
    ...(flags.dev !== undefined && { dev: flags.dev }),
  });
}

export function who(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return "unknown";
  }
}

export async function askTty(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new InputError(
      "refusing to change the deployment without confirmation: pass --yes (stdin is not a terminal)",
    );
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export const levelOption = () =>
  new Option("--level <level>", "hardening level: personal, production or strict")
    .choices(["personal", "production", "strict"])
    .default("personal");

interface FixFlags extends TargetFlags {
  dryRun?: boolean;
  yes?: boolean;
  only?: string;
  level: Profile;
  lang?: string;
  assisted?: string | boolean;
  history?: boolean;
  pruneBackups?: string;
  openclaw: boolean;
  openclawBin?: string;
  partial?: boolean;
  json?: boolean;
}

export function registerFix(program: Command, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command("fix")
      .description("preview (--dry-run) and apply the automatic fixes as one reversible transaction"),
  )
    .option("--dry-run", "print the plan (diffs, chmods, files, consequences) and change nothing")
    .option("-y, --yes", "apply without asking")
    .option(
      "--partial",
      "keep an item's changes when they reduce its failures without clearing them (default: undo such items)",
    )
    .option("--json", "print the plan (with --dry-run) or the per-item result as JSON")
    .option("--only <ids>", "comma-separated guide item ids, e.g. N-01,C-02 (SOUL for the SOUL.md install)")
    .addOption(levelOption())
    .addOption(
      new Option("--lang <lang>", "SOUL.md language (default: from the locale)").choices(["en", "zh"]),
    )
    .option(
      "--assisted [dir]",
      "also write the assisted files (firewall, systemd, compose, k8s, tunnel) to dir",
    )
    .option("--history", "list previous fix runs and their backups")
    .option(
      "--prune-backups <keep>",
      "delete the backups of all but the newest <keep> runs (they hold pre-fix files, often plaintext secrets)",
    )
    .option(
      "--no-openclaw",
      "validate with clawwarden's own schema only, even when the openclaw CLI is found",
    )
    .option("--openclaw-bin <path>", "the openclaw executable used for `openclaw config validate`")
    .action(async (flags: FixFlags) => {
      const loc = target(flags);
      // One changing run per state dir (a second fix would mint a different token and roll this one back).
      if (!flags.history && existsSync(loc.stateDir)) acquireStateLock(loc.stateDir, "fix");
      if (flags.pruneBackups !== undefined) {
        if (!/^\d{1,4}$/.test(flags.pruneBackups))
          throw new InputError(`--prune-backups takes how many runs to keep (got "${flags.pruneBackups}")`);
        const removed = pruneRuns(loc.stateDir, Number(flags.pruneBackups));
        process.stdout.write(
          removed.length
            ? `removed the backups of ${removed.length} run(s): ${removed.join(", ")} (they can no longer be rolled back)\n`
            : "nothing to prune\n",
        );
        return;
      }
      if (flags.history) {
        const runs = listRuns(loc.stateDir);
        const orphans = orphanRunDirs(loc.stateDir);
        if (!runs.length && !orphans.length)
          process.stdout.write(`no fix runs recorded under ${loc.stateDir}\n`);
        for (const dir of orphans)
          process.stdout.write(
            `${dir}  no manifest (killed while backing up; nothing changed; --prune-backups removes it)\n`,
          );
        for (const { manifest: m } of runs) {
          process.stdout.write(
            `${m.runId}  ${m.status.padEnd(11)}  ${m.command.padEnd(6)}  ${m.items.join(",") || "-"}  (${m.files.length} files, ${m.chmods.length} modes)${m.note ? `  ${m.note}` : ""}\n`,
          );
        }
        return;
      }
      if (process.env.OPENCLAW_NIX_MODE === "1" && !flags.dryRun) {
        throw new InputError(
          "OPENCLAW_NIX_MODE=1: the config is managed by Nix; apply the plan (--dry-run) in your Nix configuration",
        );
      }
      for (const line of recoverInterrupted(loc.stateDir, loc.configPath))
        process.stderr.write(`clawwarden: ${line}\n`);
      if (!existsSync(loc.configPath)) {
        throw new InputError(
          `no OpenClaw config at ${loc.configPath}; create a hardened one with \`clawwarden init\``,
        );
      }
      const bin = flags.openclaw ? findOpenClawBin(process.env, flags.openclawBin) : undefined;
      const version = await openclawVersion(loc.configPath, bin, process.env);
      const peers = remotePeers(gatewayPort(loc.configPath));
      const result = await runFix({
        plan: {
          stateDir: loc.stateDir,
          configPath: loc.configPath,
          profile: flags.level,
          lang: soulLang(flags.lang, process.env),
          assisted: flags.assisted !== undefined,
          assistedDir:
            typeof flags.assisted === "string" ? flags.assisted : join(process.cwd(), "clawwarden-assisted"),
          env: process.env,
          who: who(),
          now: new Date(),
          ...(flags.only !== undefined && { only: flags.only.split(",") }),
          ...(version !== undefined && { openclawVersion: version }),
          remotePeers: peers,
        },
        dryRun: flags.dryRun === true,
        yes: flags.yes === true,
        openclaw: flags.openclaw,
        ...(flags.openclawBin !== undefined && { openclawBin: flags.openclawBin }),
        command: "fix",
        fromAudit: true,
        partial: flags.partial === true,
        json: flags.json === true,
        out: (s) => process.stdout.write(s),
        err: (s) => process.stderr.write(s),
        confirm: askTty,
      });
      setExitCode(result.exitCode);
    });
}

function gatewayPort(configPath: string): number {
  try {
    const port = new ConfigFiles(configPath).get(["gateway", "port"]);
    return typeof port === "number" ? port : 18789;
  } catch {
    return 18789;
  }
}
