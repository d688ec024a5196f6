import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, Option } from "commander";
import { loadConfig } from "../deployment/config.js";
import { guardInstallPlan } from "../fix/guard-install.js";
import { runFix } from "../fix/run.js";
import { acquireStateLock } from "../fix/state-lock.js";
import { eventLogFor, Guard } from "../guard/engine.js";
import { scanForInstall } from "../guard/install-scan.js";
import { loadPolicy, PolicyError, type Profile } from "../guard/policy.js";
import { replay } from "../guard/replay.js";
import { guardStatus } from "../guard/status.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";
import { addTargetOptions, askTty, type TargetFlags, target, who } from "./fix.js";

export function registerGuard(program: Command, setExitCode: SetExitCode): void {
  const guard = program
    .command("guard")
    .description("the runtime guard (an OpenClaw plugin in this package): replay, policy");

  guard
    .command("replay")
    .description(
      'feed recorded hook events through the guard\'s policy; one {"result": R} line per input line',
    )
    .argument("<events>", "JSON lines of {hook, event, ctx} (- for stdin)")
    .option("--policy <file>", "guard policy (JSON5)")
    .option("--level <level>", "personal | production | strict (default: the policy's, else production)")
    .addOption(new Option("--profile <level>").hideHelp())
    .option(
      "--state-dir <dir>",
      "also append the decisions to this state dir's event log, as the plugin would",
    )
    .option("--json", "JSON lines (the only output format; accepted for scripts that pass it)")
    .action(
      async (
        file: string,
        flags: { policy?: string; level?: string; profile?: string; stateDir?: string },
      ) => {
        if (flags.level === undefined && flags.profile !== undefined) flags.level = flags.profile;
        if (file !== "-" && !existsSync(file)) throw new InputError(`no such file: ${file}`);
        let policy: ReturnType<typeof loadPolicy>;
        try {
          policy = loadPolicy({
            ...(flags.policy ? { file: resolve(flags.policy) } : {}),
            ...(flags.level ? { profile: flags.level as Profile } : {}),
          });
        } catch (error) {
          if (error instanceof PolicyError)
            throw new InputError(error.message, flags.policy ? { file: flags.policy } : undefined);
          throw error;
        }
        const events = flags.stateDir ? eventLogFor(resolve(flags.stateDir)) : undefined;
        const g = new Guard({ policy, ...(events ? { events } : {}), scanInstall: scanForInstall });
        for await (const out of replay(g, file)) {
          if (!process.stdout.write(`${JSON.stringify({ result: out.result })}\n`)) {
            await new Promise((r) => process.stdout.once("drain", r));
          }
        }
        await events?.flush();
      },
    );

  addTargetOptions(
    guard
      .command("install")
      .description("write the config the guard needs (diff, backup, validate, rollback)"),
  )
    .option("--level <profile>", "guard profile: personal | production | strict", "production")
    .option("--policy <file>", "a guard policy file (JSON5) for the plugin to load")
    .option("--dry-run", "show the diff and change nothing")
    .option("-y, --yes", "apply without asking")
    .option("--no-openclaw", "do not validate with the real `openclaw config validate`")
    .option("--openclaw-bin <path>", "the openclaw executable for validation")
    .action(
      async (
        flags: TargetFlags & {
          level: string;
          policy?: string;
          dryRun?: boolean;
          yes?: boolean;
          openclaw: boolean;
          openclawBin?: string;
        },
      ) => {
        if (!["personal", "production", "strict"].includes(flags.level))
          throw new InputError("--level takes personal, production or strict");
        if (flags.policy) loadPolicyOrInputError(resolve(flags.policy));
        const loc = target(flags);
        if (!existsSync(loc.configPath)) throw new InputError(`no OpenClaw config at ${loc.configPath}`);
        acquireStateLock(loc.stateDir, "guard install");
        const pluginDir = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
        const result = await runFix({
          plan: {
            stateDir: loc.stateDir,
            configPath: loc.configPath,
            profile: "production",
            lang: "en",
            assisted: false,
            assistedDir: loc.stateDir,
            env: process.env,
            who: who(),
            now: new Date(),
            remediations: [],
            extra: [
              guardInstallPlan(pluginDir, flags.level, flags.policy ? resolve(flags.policy) : undefined),
            ],
          },
          dryRun: flags.dryRun === true,
          yes: flags.yes === true,
          openclaw: flags.openclaw,
          ...(flags.openclawBin !== undefined && { openclawBin: flags.openclawBin }),
          command: "guard install",
          out: (s) => process.stdout.write(s),
          err: (s) => process.stderr.write(s),
          confirm: askTty,
        });
        setExitCode(result.exitCode);
      },
    );

  addTargetOptions(
    guard
      .command("status")
      .description("is the guard installed, enabled and logging; is its event log intact"),
  )
    .option("--json", "print the status as JSON")
    .action(async (flags: TargetFlags & { json?: boolean }) => {
      const loc = target(flags);
      const config = loadConfig(loc.configPath, { env: process.env });
      const s = await guardStatus(config, loc.stateDir);
      if (flags.json) process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      else {
        process.stdout.write(
          [
            `guard: ${s.installed ? (s.enabled ? "installed and enabled" : "installed, NOT enabled") : "NOT installed"}${s.profile ? ` (profile ${s.profile})` : ""}`,
            `  load path: ${s.loadPath ?? "none (installed from a package, or missing)"}`,
            `  conversation access: ${s.conversationAccess ? "granted" : "not granted"}; allowlist: ${s.allowlisted === "no allowlist" ? "none" : s.allowlisted ? "listed" : "NOT listed"}`,
            `  event log: ${s.events.records} record(s), ${s.events.intact ? "chain intact" : `BROKEN at ${s.events.broken}`}`,
            ...s.problems.map((p) => `  ! ${p}`),
            "",
          ].join("\n"),
        );
      }
      setExitCode(s.problems.length ? 1 : 0);
    });
}

function loadPolicyOrInputError(file: string): void {
  try {
    loadPolicy({ file });
  } catch (error) {
    throw new InputError((error as Error).message, { file });
  }
}
