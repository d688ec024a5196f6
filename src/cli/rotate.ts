import { existsSync } from "node:fs";
import { Argument, type Command } from "commander";
import { recoverInterrupted } from "../fix/apply.js";
import { ROTATION_TARGETS, type RotationTarget, rotationPlan } from "../fix/rotate.js";
import { openclawVersion, runFix } from "../fix/run.js";
import { acquireStateLock } from "../fix/state-lock.js";
import { findOpenClawBin } from "../fix/validate.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";
import { addTargetOptions, askTty, type TargetFlags, target, who } from "./fix.js";

interface RotateFlags extends TargetFlags {
  yes?: boolean;
  dryRun?: boolean;
  openclaw: boolean;
  openclawBin?: string;
}

export function registerRotate(program: Command, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command("rotate")
      .description("replace a token with a new one from the OS CSPRNG and log the rotation (N-06, C-05)")
      .addArgument(new Argument("<target>", "what to rotate").choices([...ROTATION_TARGETS])),
  )
    .option("-y, --yes", "apply without asking")
    .option("--dry-run", "show what would change")
    .option("--no-openclaw", "validate with clawwarden's own schema only")
    .option("--openclaw-bin <path>", "the openclaw executable used for `openclaw config validate`")
    .action(async (what: RotationTarget, flags: RotateFlags) => {
      const loc = target(flags);
      if (existsSync(loc.stateDir)) acquireStateLock(loc.stateDir, "rotate");
      for (const line of recoverInterrupted(loc.stateDir, loc.configPath))
        process.stderr.write(`clawwarden: ${line}\n`);
      if (!existsSync(loc.configPath)) throw new InputError(`no OpenClaw config at ${loc.configPath}`);
      const bin = flags.openclaw ? findOpenClawBin(process.env, flags.openclawBin) : undefined;
      const version = await openclawVersion(loc.configPath, bin, process.env);
      const result = await runFix({
        plan: {
          stateDir: loc.stateDir,
          configPath: loc.configPath,
          profile: "personal",
          lang: "en",
          assisted: false,
          assistedDir: loc.stateDir,
          env: process.env,
          who: who(),
          now: new Date(),
          remediations: [],
          extra: [rotationPlan(what)],
          ...(version !== undefined && { openclawVersion: version }),
        },
        dryRun: flags.dryRun === true,
        yes: flags.yes === true,
        openclaw: flags.openclaw,
        ...(flags.openclawBin !== undefined && { openclawBin: flags.openclawBin }),
        command: "rotate",
        out: (s) => process.stdout.write(s),
        err: (s) => process.stderr.write(s),
        confirm: askTty,
      });
      setExitCode(result.exitCode);
    });
}
