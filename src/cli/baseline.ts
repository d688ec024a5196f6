import type { Command } from "commander";
import { createBaseline } from "../report/baseline.js";
import { produceAuditReport } from "./audit.js";
import type { SetExitCode } from "./exit-code.js";
import { writeReport } from "./report-output.js";

export function registerBaseline(program: Command, _setExitCode: SetExitCode): void {
  const cmd = program.command("baseline").description("accept today's findings so CI fails only on new ones");
  cmd
    .command("create")
    .description("audit now and write every failing or warning finding's fingerprint to a baseline file")
    .option("--state-dir <dir>", "OpenClaw state dir")
    .option("--config <file>", "OpenClaw config file")
    .option("--profile <name>", "OpenClaw profile")
    .option("--no-openclaw", "do not run the openclaw CLI for extra evidence")
    .option("--no-skills", "do not scan installed skills and plugins")
    .option("--output <file>", "baseline file", "clawwarden-baseline.json")
    .action(
      async (flags: {
        stateDir?: string;
        config?: string;
        profile?: string;
        openclaw: boolean;
        skills: boolean;
        output: string;
      }) => {
        const report = await produceAuditReport({ ...flags, failOn: "none" });
        const baseline = createBaseline(report);
        writeReport(`${JSON.stringify(baseline, null, 2)}\n`, flags.output);
        process.stdout.write(
          `baseline of ${baseline.findings.length} finding(s); use it with \`clawwarden audit --baseline ${flags.output}\`\n`,
        );
      },
    );
}
