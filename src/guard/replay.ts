import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Guard } from "./engine.js";

/** One recorded hook call: OpenClaw's own payloads. */
export interface ReplayLine {
  hook: string;
  event: unknown;
  ctx?: unknown;
}

/**
 * Feeds recorded hook events through the very Guard the plugin runs, in order (session state carries over between
 * lines sharing a sessionKey), and yields for each non-blank input line exactly what the hook handler returned
 * (null for nothing). A line that is not a hook event yields null with the reason, so outputs stay aligned.
 */
export async function* replay(
  guard: Guard,
  file: string,
): AsyncGenerator<{ result: unknown; error?: string }> {
  const rl = createInterface({
    input: file === "-" ? process.stdin : createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const raw of rl) {
    if (!raw.trim()) continue;
    let line: ReplayLine;
    try {
      line = JSON.parse(raw) as ReplayLine;
    } catch {
      yield { result: null, error: "not JSON" };
      continue;
    }
    if (!line || typeof line.hook !== "string") {
      yield { result: null, error: "no hook name" };
      continue;
    }
    const result = await guard.handle(line.hook, line.event, line.ctx);
    yield { result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
  }
}
