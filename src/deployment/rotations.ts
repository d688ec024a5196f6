import { join } from "node:path";
import { type Fact, known, notKnown, type RotationEntry } from "../model/snapshot.js";
import { readTextFileBounded } from "./config-read.js";

/** Where `clawwarden fix` / `rotate` append one JSON line per rotation (target, at, fingerprint, by). */
export function rotationLogFile(stateDir: string): string {
  return join(stateDir, ".clawwarden", "rotations.jsonl");
}

/** `clawwarden rotate` names its targets; the checks compare config key paths. */
const TARGET_KEY_PATHS: Record<string, string> = {
  "gateway-token": "gateway.auth.token",
  "hooks-token": "hooks.token",
};

/** Reads the rotation log; a missing log is an empty history, a corrupt line is skipped and reported. */
export function readRotations(stateDir: string): Fact<RotationEntry[]> {
  const file = rotationLogFile(stateDir);
  let text: string;
  try {
    const read = readTextFileBounded(file, { maxBytes: 16 * 1024 * 1024, label: "rotation log" });
    if (!read.exists) return known([]);
    text = read.text;
  } catch (error) {
    return notKnown(`cannot read ${file}: ${(error as Error).message}`);
  }
  const entries: RotationEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as Partial<RotationEntry>;
      if (typeof v.target === "string" && typeof v.at === "string" && typeof v.fingerprint === "string") {
        entries.push({
          target: TARGET_KEY_PATHS[v.target] ?? v.target,
          at: v.at,
          fingerprint: v.fingerprint,
          ...(v.by ? { by: v.by } : {}),
        });
      }
    } catch {
      // A torn last line (crash mid-append) must not hide the rest of the history.
    }
  }
  return known(entries);
}
