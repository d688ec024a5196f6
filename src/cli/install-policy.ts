import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import {
  DEFAULT_GATE,
  decide,
  failureResponse,
  parseInstallPolicyRequest,
} from "../skills/install-policy.js";
import { loadIocDb } from "../skills/ioc.js";
import { scanTarget } from "../skills/scan.js";
import type { SetExitCode } from "./commands.js";

const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * The install gate: OpenClaw runs this before committing a skill or plugin install
 * (`security.installPolicy.exec`) and reads one JSON decision from stdout. Every failure
 * answers `block`, so a broken gate can never wave an install through.
 */
export function registerInstallPolicy(program: Command, _setExitCode: SetExitCode): void {
  program
    .command("install-policy")
    .description(
      "OpenClaw install gate: scan the staged skill/plugin named on stdin, answer allow/warn/block",
    )
    .option("--print-config", "print the security.installPolicy block to add to openclaw.json")
    .action(async (flags: { printConfig?: boolean }) => {
      if (flags.printConfig) {
        process.stdout.write(`${JSON.stringify(policyConfig(), null, 2)}\n`);
        return;
      }
      let response: ReturnType<typeof decide>;
      try {
        const request = parseInstallPolicyRequest(await readStdin());
        const reports = await scanTarget(request.sourcePath, { ioc: loadIocDb() });
        response = decide(reports, DEFAULT_GATE);
      } catch (error) {
        response = failureResponse(error instanceof Error ? error.message : String(error));
      }
      process.stdout.write(`${JSON.stringify(response)}\n`);
    });
}

/** OpenClaw wants an absolute, non-writable command; it runs it with an empty environment. */
export function policyConfig(): { security: { installPolicy: Record<string, unknown> } } {
  const script = realpathSync(fileURLToPath(new URL("./main.js", import.meta.url)));
  return {
    security: {
      installPolicy: {
        enabled: true,
        targets: ["skill", "plugin"],
        exec: {
          source: "exec",
          command: realpathSync(process.execPath),
          args: [script, "install-policy"],
          timeoutMs: 60000,
        },
      },
    },
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_REQUEST_BYTES) throw new Error(`request over ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}
