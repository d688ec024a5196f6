import { execFile } from "node:child_process";

export interface RunResult {
  ok: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  /** The program is not installed (ENOENT). */
  missing: boolean;
  timedOut: boolean;
}

export interface RunOptions {
  timeoutMs?: number;
  /** Run inside this network namespace (`ip netns exec NAME …`). */
  netns?: string;
  env?: Record<string, string | undefined>;
}

/** Runs a read-only tool with a timeout; never throws. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const [file, argv] = opts.netns ? ["ip", ["netns", "exec", opts.netns, cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    execFile(
      file,
      argv,
      {
        timeout: opts.timeoutMs ?? 5000,
        maxBuffer: 16 * 1024 * 1024,
        encoding: "utf8",
        env: { ...process.env, LC_ALL: "C", ...(opts.env ?? {}) },
      },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
        // ENOENT: not installed; EACCES: a PATH entry this user may not read (also "not available").
        const missing =
          e?.code === "ENOENT" ||
          e?.code === "EACCES" ||
          (opts.netns !== undefined && /No such file or directory/.test(stderr) && /exec/.test(stderr));
        resolve({
          ok: !e,
          code: e ? (typeof e.code === "number" ? e.code : null) : 0,
          stdout,
          stderr,
          missing,
          timedOut: e?.killed === true,
        });
      },
    );
  });
}

/** First line of a tool's error output, for `unknown` reasons. */
export function why(r: RunResult): string {
  if (r.timedOut) return "timed out";
  const line = (r.stderr || r.stdout).trim().split("\n")[0] ?? "";
  return line || `exit code ${r.code}`;
}
