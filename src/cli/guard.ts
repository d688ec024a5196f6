import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { eventLogFor, Guard } from "../guard/engine.js";
import { scanForInstall } from "../guard/install-scan.js";
import { loadPolicy, PolicyError, type Profile } from "../guard/policy.js";
import { replay } from "../guard/replay.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./commands.js";

export function registerGuard(program: Command, _setExitCode: SetExitCode): void {
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
    .option("--profile <name>", "personal | production | strict (default: the policy's, else production)")
    .option(
      "--state-dir <dir>",
      "also append the decisions to this state dir's event log, as the plugin would",
    )
    .option("--json", "JSON lines (the only output format; accepted for scripts that pass it)")
    .action(async (file: string, flags: { policy?: string; profile?: string; stateDir?: string }) => {
      if (file !== "-" && !existsSync(file)) throw new InputError(`no such file: ${file}`);
      let policy: ReturnType<typeof loadPolicy>;
      try {
        policy = loadPolicy({
          ...(flags.policy ? { file: resolve(flags.policy) } : {}),
          ...(flags.profile ? { profile: flags.profile as Profile } : {}),
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
    });
}
