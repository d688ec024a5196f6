import { type Command, Option } from "commander";
import { diffReports, renderDiff } from "../report/diff.js";
import type { AuditReport } from "../report/model.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";
import { readJsonFile, writeReport } from "./report-output.js";

function readReport(path: string): AuditReport {
  const value = readJsonFile(path, "report") as Partial<AuditReport>;
  if (!value || !Array.isArray(value.items) || !value.summary)
    throw new InputError(`${path} is not a clawwarden audit --json report`, { file: path });
  return value as AuditReport;
}

export function registerReport(program: Command, setExitCode: SetExitCode): void {
  const cmd = program.command("report").description("work with saved audit reports");
  cmd
    .command("diff")
    .description("what got better, what regressed and what is new between two `audit --json` reports")
    .argument("<old>", "the earlier report (audit --json)")
    .argument("<new>", "the later report")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"),
    )
    .option("--output <file>", "write to a file (atomic, mode 600)")
    .action((oldPath: string, newPath: string, flags: { format: string; output?: string }) => {
      const d = diffReports(readReport(oldPath), readReport(newPath));
      writeReport(
        flags.format === "json"
          ? `${JSON.stringify(d, null, 2)}\n`
          : renderDiff(d, flags.format as "text" | "markdown"),
        flags.output,
      );
      // Like a linter's --fail-on: regressions or new failing findings make the diff exit 1.
      setExitCode(d.regressed.length || d.newFindings.some((f) => f.status === "fail") ? 1 : 0);
    });
}
