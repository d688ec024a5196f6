import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { Command } from "commander";
import { runCommand } from "../deployment/openclaw-cli.js";
import { toolVersion } from "../util/version.js";
import type { SetExitCode } from "./exit-code.js";

export function registerVersion(program: Command, _setExitCode: SetExitCode): void {
  program
    .command("version")
    .description("clawwarden's version, Node's, and OpenClaw's when the openclaw CLI is on PATH")
    .option("--json", "print as JSON")
    .action(async (flags: { json?: boolean }) => {
      const bin = (process.env.PATH ?? "")
        .split(delimiter)
        .map((d) => join(d, "openclaw"))
        .find((p) => existsSync(p));
      let openclaw: string | undefined;
      if (bin) {
        const env: Record<string, string> = {};
        for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
        const r = await runCommand(bin, ["--version"], env, 30_000);
        openclaw = /\b(\d{4}\.\d{1,2}\.\d{1,2})\b/.exec(r.stdout)?.[1];
      }
      const v = { clawwarden: toolVersion(), node: process.versions.node, ...(openclaw ? { openclaw } : {}) };
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(v)}\n`
          : `clawwarden ${v.clawwarden}\nnode ${v.node}\nopenclaw ${openclaw ?? "not found on PATH"}\n`,
      );
    });
}
