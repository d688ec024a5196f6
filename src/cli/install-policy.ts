import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import {
  type DEFAULT_GATE,
  decide,
  failureResponse,
  parseInstallPolicyRequest,
} from "../skills/install-policy.js";
import { loadIocDb } from "../skills/ioc.js";
import { scanTarget } from "../skills/scan.js";
import { InputError } from "../util/errors.js";
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
    .option(
      "--block-at <verdict>",
      "lowest verdict that blocks the install: malicious, suspicious (default), incomplete or review",
      "suspicious",
    )
    .action(async (flags: { printConfig?: boolean; blockAt: string }) => {
      const gate = gateFor(flags.blockAt);
      if (flags.printConfig) {
        const config = policyConfig(flags.blockAt === "suspicious" ? [] : ["--block-at", flags.blockAt]);
        const args = config.security.installPolicy.exec as { args: string[] };
        // The gateway runs the gate as its own user with an empty environment: a path in an npx cache or a
        // private home directory works for root today and fails closed for the service user tomorrow.
        if (/\/_npx\/|\/\.npm\//.test(args.args[0] ?? ""))
          process.stderr.write(
            "clawwarden: warning: this is an npx cache path; install clawwarden globally (npm i -g clawwarden) and print the config again\n",
          );
        process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
        return;
      }
      if (process.stdin.isTTY)
        process.stderr.write(
          "clawwarden install-policy reads one OpenClaw install request (JSON) on stdin and answers allow/warn/block; use --print-config for the openclaw.json block\n",
        );
      let response: ReturnType<typeof decide>;
      try {
        const request = parseInstallPolicyRequest(await readStdin());
        const reports = await scanTarget(request.sourcePath, { ioc: loadIocDb() });
        response = decide(reports, gate);
      } catch (error) {
        response = failureResponse(error instanceof Error ? error.message : String(error));
      }
      process.stdout.write(`${JSON.stringify(response)}\n`);
    });
}

/** OpenClaw wants an absolute, non-writable command; it runs it with an empty environment. */
/** The gate from `--block-at`: that verdict and worse block; review/incomplete below it warn. */
function gateFor(blockAt: string): typeof DEFAULT_GATE {
  const order = ["review", "incomplete", "suspicious", "malicious"] as const;
  const at = order.indexOf(blockAt as (typeof order)[number]);
  if (at === -1)
    throw new InputError(`--block-at takes malicious, suspicious, incomplete or review (got "${blockAt}")`);
  return { block: [...order.slice(at)], warn: [...order.slice(0, at)] } as typeof DEFAULT_GATE;
}

export function policyConfig(extraArgs: string[] = []): {
  security: { installPolicy: Record<string, unknown> };
} {
  const script = realpathSync(fileURLToPath(new URL("./main.js", import.meta.url)));
  return {
    security: {
      installPolicy: {
        enabled: true,
        targets: ["skill", "plugin"],
        exec: {
          source: "exec",
          command: realpathSync(process.execPath),
          args: [script, "install-policy", ...extraArgs],
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
