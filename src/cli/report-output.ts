/**
 * Where reports go: stdout, or `--output FILE` written atomically with mode 600 (a report can name paths and
 * fingerprints an attacker would like to see). Also the audit history (`~/.clawwarden/history/<state dir
 * hash>/`, never inside the audited state dir: the audit only reads it) and baseline files.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { atomicWrite } from "../fix/apply.js";
import { type Baseline, baselineProblem } from "../report/baseline.js";
import type { AuditReport } from "../report/model.js";
import { InputError } from "../util/errors.js";
import { sha256Hex } from "../util/fingerprint.js";

export type { HistoryPoint } from "../report/formats/html.js";

import type { HistoryPoint } from "../report/formats/html.js";

export function writeReport(text: string, output: string | undefined, quiet = false): void {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  const path = resolve(output);
  try {
    mkdirSync(dirname(path), { recursive: true });
    atomicWrite(path, text, 0o600);
  } catch (error) {
    throw new InputError(`--output ${output}: ${(error as Error).message}`);
  }
  if (!quiet) process.stderr.write(`clawwarden: report written to ${path} (${text.length} bytes)\n`);
}

export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(
      `${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${what} ${path} is not JSON: ${(error as Error).message}`, { file: path });
  }
}

export function readBaselineFile(path: string): Baseline {
  const value = readJsonFile(path, "baseline");
  const problem = baselineProblem(value);
  if (problem) throw new InputError(`baseline ${path}: ${problem}`, { file: path });
  return value as Baseline;
}

function historyDir(stateDir: string): string {
  const base = process.env.CLAWWARDEN_HOME ?? join(homedir(), ".clawwarden");
  return join(base, "history", sha256Hex(resolve(stateDir)).slice(0, 16));
}

/** Appends this run to the history and returns every point so far, oldest first. */
export function recordHistory(report: AuditReport): HistoryPoint[] {
  const dir = historyDir(report.target.stateDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const point: HistoryPoint = { takenAt: report.takenAt, index: report.summary.index };
  atomicWrite(join(dir, `${report.takenAt.replace(/[:.]/g, "-")}.json`), `${JSON.stringify(point)}\n`, 0o600);
  const points: HistoryPoint[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".json")) continue;
    try {
      const p = JSON.parse(readFileSync(join(dir, name), "utf8")) as HistoryPoint;
      if (typeof p.index === "number" && typeof p.takenAt === "string") points.push(p);
    } catch {
      // a torn file: skip it
    }
  }
  return points.sort((a, b) => a.takenAt.localeCompare(b.takenAt));
}
