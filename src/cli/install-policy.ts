import type { Command } from "commander";
import {
  type BlockAt,
  currentGateCommand,
  gateCommandProblem,
  installPolicyBlock,
} from "../skills/install-gate-config.js";
import {
  type DEFAULT_GATE,
  decide,
  failureResponse,
  parseInstallPolicyRequest,
} from "../skills/install-policy.js";
import { loadIocDb } from "../skills/ioc.js";
import { scanTarget } from "../skills/scan.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";

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
    .option(
      "--print-config",
      "print the security.installPolicy block for openclaw.json (`clawwarden fix --only K-02` writes it for you)",
    )
    .option(
      "--block-at <verdict>",
      "lowest verdict that blocks the install: malicious, suspicious (default), incomplete or review",
      "suspicious",
    )
    .action(async (flags: { printConfig?: boolean; blockAt: string }) => {
      const gate = gateFor(flags.blockAt);
      if (flags.printConfig) {
        const cmd = currentGateCommand();
        // The gateway runs the gate as its own user with an empty environment: a path in an npx cache or a
        // private home directory works for root today and fails closed for the service user tomorrow.
        const problem = gateCommandProblem(cmd, {
          uid: process.getuid?.() ?? 0,
          gid: process.getgid?.() ?? 0,
        });
        if (problem) process.stderr.write(`clawwarden: warning: ${problem}\n`);
        const block = installPolicyBlock(cmd, flags.blockAt as BlockAt);
        process.stdout.write(`${JSON.stringify({ security: { installPolicy: block } }, null, 2)}\n`);
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

/** The gate from `--block-at`: that verdict and worse block; review/incomplete below it warn. */
function gateFor(blockAt: string): typeof DEFAULT_GATE {
  const order = ["review", "incomplete", "suspicious", "malicious"] as const;
  const at = order.indexOf(blockAt as (typeof order)[number]);
  if (at === -1)
    throw new InputError(`--block-at takes malicious, suspicious, incomplete or review (got "${blockAt}")`);
  return { block: [...order.slice(at)], warn: [...order.slice(0, at)] } as typeof DEFAULT_GATE;
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
