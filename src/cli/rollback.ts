import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { atomicWrite, listRuns, readManifest, recoverInterrupted, restoreRun } from "../fix/apply.js";
import { acquireStateLock } from "../fix/state-lock.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";
import { addTargetOptions, type TargetFlags, target } from "./fix.js";

export function registerRollback(program: Command, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command("rollback")
      .description(
        "restore the files and modes a fix/init/rotate run changed (default: the latest applied run)",
      )
      .argument("[run-id]", "run id from `clawwarden fix --history`"),
  )
    .option("--force", "also restore files that were changed after the run")
    .action((runId: string | undefined, flags: TargetFlags & { force?: boolean }) => {
      const loc = target(flags);
      if (existsSync(loc.stateDir)) acquireStateLock(loc.stateDir, "rollback");
      const recovered = recoverInterrupted(loc.stateDir, loc.configPath);
      for (const line of recovered) process.stdout.write(`${line}\n`);
      const runs = listRuns(loc.stateDir);
      const run = runId
        ? runs.find((r) => r.manifest.runId === runId)
        : [...runs].reverse().find((r) => r.manifest.status === "applied");
      if (!run) {
        if (!runId && recovered.length) return;
        throw new InputError(
          runId
            ? `no run ${runId} under ${loc.stateDir} (see \`clawwarden fix --history\`)`
            : "no applied run to roll back",
        );
      }
      const m = readManifest(run.dir);
      if (m.status !== "applied")
        throw new InputError(`run ${m.runId} is ${m.status}; only an applied run can be rolled back`);
      const errors = restoreRun(run.dir, m, { force: flags.force === true });
      if (errors.length) {
        process.stderr.write(`clawwarden: rollback of ${m.runId} is incomplete:\n  ${errors.join("\n  ")}\n`);
        setExitCode(1);
        return;
      }
      m.status = "restored";
      m.note = `restored on ${new Date().toISOString()}`;
      atomicWrite(join(run.dir, "manifest.json"), `${JSON.stringify(m, null, 2)}\n`, 0o600);
      process.stdout.write(
        `restored run ${m.runId}: ${m.files.length} file(s) and ${m.chmods.length} mode(s) are as before the run (checked by sha256)\n`,
      );
      if (m.files.some((f) => f.path.endsWith("openclaw.json") || f.path.endsWith(".env"))) {
        process.stdout.write("  → gateway restart needed to pick up the restored config\n");
      }
    });
}
