import { readdirSync } from "node:fs";
import { join } from "node:path";

export const CURRENT = "events.jsonl";
const ROTATED = /^events\.(\d{1,12})\.jsonl$/;

/** The log's files oldest first: rotated segments by number, then the current one (if it exists). */
export function segmentFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const rotated = names
    .map((n) => ROTATED.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => join(dir, m[0]));
  return names.includes(CURRENT) ? [...rotated, join(dir, CURRENT)] : rotated;
}

export function nextSegmentNumber(dir: string): number {
  const nums = segmentFiles(dir)
    .map((f) => ROTATED.exec(f.split("/").pop() ?? ""))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  return nums.length ? Math.max(...nums) + 1 : 1;
}
