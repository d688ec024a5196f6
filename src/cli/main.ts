#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { InputError } from "../util/errors.js";
import { toolVersion } from "../util/version.js";
import { registerCommands } from "./commands.js";

/** Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command("clawwarden")
    .description("Security hardening for OpenClaw: audit, fix, scan, guard, watch.")
    .option("--debug", "print stack traces on errors")
    .version(toolVersion(), "-V, --version", "print clawwarden's version")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode = 0;
  try {
    await registerCommands(
      program,
      (code) => {
        exitCode = Math.max(exitCode, code);
      },
      argv,
    );
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, argv.includes("--debug"));
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
    if (error.code === "commander.help") return 0;
    return 2;
  }
  if (error instanceof InputError) {
    process.stderr.write(`clawwarden: ${error.format()}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`clawwarden: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write("(run with --debug for a stack trace)\n");
  return 2;
}

// `clawwarden explain | head`: a closed pipe ends the command quietly, as it would for any Unix tool.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
