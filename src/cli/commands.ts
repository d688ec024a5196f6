import type { Command } from "commander";
import { registerAudit } from "./audit.js";
import { registerExplain } from "./explain.js";
import { registerFix } from "./fix.js";
import { registerInit } from "./init.js";
import { registerInstallPolicy } from "./install-policy.js";
import { registerIoc } from "./ioc.js";
import { registerRollback } from "./rollback.js";
import { registerRotate } from "./rotate.js";
import { registerScan } from "./scan.js";
import { registerSkills } from "./skills.js";

export type SetExitCode = (code: number) => void;

/** One line per command; each command lives in its own file under src/cli/. */
export function registerCommands(program: Command, setExitCode: SetExitCode): void {
  registerAudit(program, setExitCode);
  registerExplain(program, setExitCode);
  registerFix(program, setExitCode);
  registerRollback(program, setExitCode);
  registerInit(program, setExitCode);
  registerInstallPolicy(program, setExitCode);
  registerRotate(program, setExitCode);
  registerScan(program, setExitCode);
  registerSkills(program, setExitCode);
  registerIoc(program, setExitCode);
}
