import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Command, Option } from "commander";
import { initPlanOptions } from "../fix/init.js";
import { runFix } from "../fix/run.js";
import { soulLang } from "../fix/soul.js";
import { acquireStateLock } from "../fix/state-lock.js";
import type { Profile } from "../fix/types.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";
import { levelOption, type TargetFlags, target, who } from "./fix.js";

interface InitFlags extends Omit<TargetFlags, "profile"> {
  level: Profile;
  profile?: string;
  port: string;
  lang?: string;
  yes?: boolean;
  dryRun?: boolean;
  openclaw: boolean;
  openclawBin?: string;
  openclawProfile?: string;
}

export function registerInit(program: Command, setExitCode: SetExitCode): void {
  program
    .command("init")
    .description("write a hardened baseline config, env file (fresh token) and SOUL.md for a new deployment")
    .addOption(levelOption())
    .option("--state-dir <dir>", "state dir of the new deployment (default: as OpenClaw resolves it)")
    .option("--config <file>", "config file (default: <state dir>/openclaw.json)")
    .option("--profile <name>", "OpenClaw profile (~/.openclaw-<name>), as in every other command")
    .addOption(new Option("--openclaw-profile <name>").hideHelp())
    .option("--port <port>", "gateway port", "18789")
    .addOption(
      new Option("--lang <lang>", "SOUL.md language (default: from the locale)").choices(["en", "zh"]),
    )
    .option("--dry-run", "show what would be written")
    .option("--no-openclaw", "validate with clawwarden's own schema only")
    .option("--openclaw-bin <path>", "the openclaw executable used for `openclaw config validate`")
    .action(async (flags: InitFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new InputError(`--port: not a port number: ${flags.port}`);
      const loc = target(
        {
          ...(flags.stateDir !== undefined && { stateDir: flags.stateDir }),
          ...(flags.config !== undefined && { config: flags.config }),
          ...((flags.profile ?? flags.openclawProfile) !== undefined && {
            profile: (flags.profile ?? flags.openclawProfile) as string,
          }),
        },
        { mayCreate: true },
      );
      if (existsSync(loc.configPath)) {
        throw new InputError(`${loc.configPath} already exists; harden it with \`clawwarden fix\` instead`);
      }
      if (!flags.dryRun) {
        mkdirSync(loc.stateDir, { recursive: true, mode: 0o700 });
        mkdirSync(dirname(loc.configPath), { recursive: true, mode: 0o700 });
        acquireStateLock(loc.stateDir, "init");
        if (existsSync(loc.configPath))
          throw new InputError(`${loc.configPath} was created meanwhile; nothing written`);
      }
      const result = await runFix({
        plan: initPlanOptions({
          stateDir: loc.stateDir,
          configPath: loc.configPath,
          profile: flags.level,
          port,
          lang: soulLang(flags.lang, process.env),
          env: process.env,
          who: who(),
          now: new Date(),
        }),
        dryRun: flags.dryRun === true,
        yes: true,
        openclaw: flags.openclaw,
        ...(flags.openclawBin !== undefined && { openclawBin: flags.openclawBin }),
        command: "init",
        out: (s) => process.stdout.write(s),
        err: (s) => process.stderr.write(s),
        confirm: async () => true,
      });
      setExitCode(result.exitCode);
    });
}
