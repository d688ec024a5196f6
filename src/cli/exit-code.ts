/** How a command sets the process exit code without exiting (so output is flushed first). */
export type SetExitCode = (code: number) => void;
