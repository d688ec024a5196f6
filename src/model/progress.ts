/**
 * Progress of long work (a state-dir secret scan of gigabytes, a skills root, `--deep` probes), reported by
 * collectors and scanners and drawn by the CLI on a terminal only. `done === total` ends a task.
 */
export interface ProgressEvent {
  task: string;
  done: number;
  total: number;
  unit: "bytes" | "items";
}

export type Progress = (event: ProgressEvent) => void;
