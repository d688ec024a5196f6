/**
 * The rotation log written by `clawwarden fix` (N-03/C-01 when they create a token) and
 * `clawwarden rotate`: `<stateDir>/.clawwarden/rotations.jsonl`, one JSON object per line,
 * `{"target":"gateway-token"|"hooks-token","at":"<ISO 8601>","fingerprint":"<secretFingerprint>","by":"user@host"}`
 * (the Snapshot's RotationEntry). Never contains a token, only its fingerprint.
 */
import { readFileSync } from "node:fs";
import { type Fact, known, notKnown, type RotationEntry } from "../deployment/snapshot.js";
import { rotationLogPath } from "./plan.js";

export { rotationLogPath };

/** For the collector: the entries, or why they could not be read. A missing log is an empty history. */
export function readRotationLog(stateDir: string): Fact<RotationEntry[]> {
  const path = rotationLogPath(stateDir);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return known([]);
    return notKnown(`${path}: ${(error as Error).message}`);
  }
  const entries: RotationEntry[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    try {
      const e = JSON.parse(line) as Partial<RotationEntry>;
      if (
        typeof e.target !== "string" ||
        typeof e.at !== "string" ||
        typeof e.fingerprint !== "string" ||
        Number.isNaN(Date.parse(e.at))
      ) {
        return notKnown(`${path}:${i + 1}: not a rotation entry`);
      }
      entries.push({
        target: e.target,
        at: e.at,
        fingerprint: e.fingerprint,
        ...(typeof e.by === "string" && { by: e.by }),
      });
    } catch {
      return notKnown(`${path}:${i + 1}: not JSON`);
    }
  }
  return known(entries);
}
