import type { Command } from "commander";

import type { SetExitCode } from "./exit-code.js";

export type { SetExitCode } from "./exit-code.js";

type Register = (program: Command, setExitCode: SetExitCode) => void;

/**
 * One entry per command; each command lives in its own file under src/cli/. Loaded on demand: an
 * audit should not pay for importing the fix planner or the skill parsers (`clawwarden audit` is meant
 * to run from cron and CI gates, where start-up time adds up).
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  audit: async () => (await import("./audit.js")).registerAudit,
  explain: async () => (await import("./explain.js")).registerExplain,
  fix: async () => (await import("./fix.js")).registerFix,
  rollback: async () => (await import("./rollback.js")).registerRollback,
  init: async () => (await import("./init.js")).registerInit,
  "install-policy": async () => (await import("./install-policy.js")).registerInstallPolicy,
  rotate: async () => (await import("./rotate.js")).registerRotate,
  scan: async () => (await import("./scan.js")).registerScan,
  skills: async () => (await import("./skills.js")).registerSkills,
  ioc: async () => (await import("./ioc.js")).registerIoc,
  backup: async () => (await import("./backup.js")).registerBackup,
  watch: async () => (await import("./watch.js")).registerWatch,
  events: async () => (await import("./events.js")).registerEvents,
  guard: async () => (await import("./guard.js")).registerGuard,
  version: async () => (await import("./version.js")).registerVersion,
  attest: async () => (await import("./attest.js")).registerAttest,
  baseline: async () => (await import("./baseline.js")).registerBaseline,
  report: async () => (await import("./report.js")).registerReport,
};

/** Registers the command named in argv, or every command when none is (top-level help, unknown command). */
export async function registerCommands(
  program: Command,
  setExitCode: SetExitCode,
  argv: string[],
): Promise<void> {
  const named = argv.find((a) => !a.startsWith("-"));
  const wanted = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  for (const name of wanted) {
    const register = await (COMMANDS[name] as () => Promise<Register>)();
    register(program, setExitCode);
  }
}
