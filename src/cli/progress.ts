import type { Progress, ProgressEvent } from "../model/progress.js";

const FRAME_MS = 120;

function amount(n: number, unit: ProgressEvent["unit"]): string {
  if (unit === "items") return String(n);
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(0)} MB`;
  return `${Math.round(n / 1024)} KB`;
}

/** One progress line for the tasks in flight, e.g. `secret scan 1.2 GB / 3.4 GB (35%) · openclaw audit`. */
export function progressLine(tasks: Iterable<ProgressEvent>, width: number): string {
  const parts = [...tasks].map((t) =>
    t.total > 0
      ? `${t.task} ${amount(t.done, t.unit)} / ${amount(t.total, t.unit)} (${Math.floor((100 * t.done) / t.total)}%)`
      : `${t.task}…`,
  );
  const line = parts.join(" · ");
  return line.length > width - 1 ? `${line.slice(0, Math.max(0, width - 2))}…` : line;
}

export interface TerminalProgress {
  report: Progress;
  /** Clears the line; call before anything else is printed. */
  stop: () => void;
}

/**
 * A progress line on stderr when it is a terminal, and nothing at all otherwise (CI, pipes, `--quiet`,
 * `CI=true`, `TERM=dumb`): logs and reports never carry carriage returns.
 */
export function terminalProgress(
  stream: NodeJS.WriteStream = process.stderr,
  opts: { quiet?: boolean; env?: NodeJS.ProcessEnv } = {},
): TerminalProgress {
  const env = opts.env ?? process.env;
  const enabled = stream.isTTY === true && !opts.quiet && !env.CI && env.TERM !== "dumb";
  if (!enabled) return { report: () => {}, stop: () => {} };
  const tasks = new Map<string, ProgressEvent>();
  let last = 0;
  let shown = false;
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - last < FRAME_MS) return;
    last = now;
    const line = progressLine(tasks.values(), stream.columns || 80);
    stream.write(`\r\x1b[2K${line}`);
    shown = line !== "";
  };
  return {
    report: (e) => {
      if (e.total > 0 && e.done >= e.total) tasks.delete(e.task);
      else tasks.set(e.task, e);
      draw(tasks.size === 0);
    },
    stop: () => {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
      tasks.clear();
    },
  };
}
