import type { Command } from "commander";
import { registerExplain } from "./explain.js";

export type SetExitCode = (code: number) => void;

/** One line per command; each command lives in its own file under src/cli/. */
export function registerCommands(program: Command, setExitCode: SetExitCode): void {
  registerExplain(program, setExitCode);
}
