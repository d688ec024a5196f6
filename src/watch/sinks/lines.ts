import { appendFile } from "node:fs/promises";
import { DeliveryError, type Sink } from "../courier.js";
import type { Alert } from "../types.js";

/** One JSON object per line on stdout. */
export function stdoutSink(name = "stdout", write = (s: string) => process.stdout.write(s)): Sink {
  return {
    name,
    type: "stdout",
    async deliver(alert: Alert) {
      write(`${JSON.stringify({ alert })}\n`);
    },
  };
}

/** Appends JSON lines to a file (mode 600 when created). */
export function jsonlSink(name: string, path: string): Sink {
  return {
    name,
    type: "jsonl",
    async deliver(alert: Alert) {
      try {
        await appendFile(path, `${JSON.stringify({ alert })}\n`, { mode: 0o600 });
      } catch (error) {
        throw new DeliveryError(`jsonl ${path}: ${(error as Error).message}`, true);
      }
    },
  };
}
