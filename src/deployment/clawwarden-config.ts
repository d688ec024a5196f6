import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { SourceLocation } from "../model/location.js";
import type { Attestation, ClawwardenConfig } from "../model/snapshot.js";
import { InputError } from "../util/errors.js";
import { readTextFileBounded } from "./config-read.js";
import { flatten, joinPath, type LNode, type LObject, parseLocated } from "./config-tree.js";

/** File names looked up in the working directory, in order. */
export const CLAWWARDEN_CONFIG_NAMES = ["clawwarden.json", "clawwarden.json5"] as const;
const MAX_BYTES = 1024 * 1024;

/** The 41 guide items: N-01…N-06, S-01…S-07, D-01…D-04, K, C, A-01…A-05, L-01…L-04, P-01…P-05. */
const GUIDE_ITEM_ID = /^(?:N-0[1-6]|S-0[1-7]|D-0[1-4]|K-0[1-5]|C-0[1-5]|A-0[1-5]|L-0[1-4]|P-0[1-5])$/;
const CHECK_ID = /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

type Suppression = ClawwardenConfig["suppressions"][number];

/**
 * Loads the clawwarden project config: attestations (a person did a manual item: who, when, until when)
 * and suppressions (a finding accepted on purpose, with the reason). `path` is used as given (it must
 * exist), then `$CLAWWARDEN_CONFIG` (must exist too); otherwise `clawwarden.json` / `clawwarden.json5` in
 * `cwd`, then in `<state dir>/.clawwarden/` (so a cron job started from `/` still finds it); none → empty.
 * Validation is strict: unknown keys, wrong types, bad dates and unknown guide item ids are InputErrors
 * with file:line:column.
 */
export function loadClawwardenConfig(
  path?: string,
  cwd: string = process.cwd(),
  opts: { stateDir?: string; env?: Record<string, string | undefined> } = {},
): ClawwardenConfig {
  let file: string | undefined;
  const fromEnv = opts.env?.CLAWWARDEN_CONFIG?.trim();
  if (path !== undefined) file = resolve(cwd, path);
  else if (fromEnv) file = resolve(cwd, fromEnv);
  else {
    const dirs = [resolve(cwd), ...(opts.stateDir ? [join(opts.stateDir, ".clawwarden")] : [])];
    file = dirs.flatMap((d) => CLAWWARDEN_CONFIG_NAMES.map((n) => join(d, n))).find((p) => existsSync(p));
  }
  if (file === undefined) return { attestations: [], suppressions: [] };
  const read = readTextFileBounded(file, { maxBytes: MAX_BYTES, label: "clawwarden config" });
  if (!read.exists) throw new InputError(`clawwarden config not found: ${file}`, { file });
  const root = parseLocated(read.text, file, "clawwarden config");
  return validate(root, file);
}

/** Parses and validates clawwarden.json text as if it were read from `file` (errors cite file:line). */
export function parseClawwardenText(text: string, file: string): ClawwardenConfig {
  return validate(parseLocated(text, file, "clawwarden config"), file);
}

function fail(message: string, loc: SourceLocation): never {
  throw new InputError(message, loc);
}

/** Where a value starts (for scalars) or where its key was written. */
function valueLoc(node: LNode | undefined, fallback: LObject): SourceLocation {
  if (!node) return fallback.loc;
  return (node.kind === "scalar" && node.valueLoc) || node.loc;
}

function describe(node: LNode): string {
  if (node.kind !== "scalar") return `an ${node.kind}`;
  return node.value === null ? "null" : `a ${typeof node.value}`;
}

function expectObject(node: LNode, path: string): LObject {
  if (node.kind !== "object")
    fail(`${path || "the root"} must be an object, found ${describe(node)}`, node.loc);
  return node;
}

function checkKeys(node: LObject, path: string, allowed: readonly string[]): void {
  for (const [key, child] of node.entries) {
    if (!allowed.includes(key)) {
      fail(
        `unknown key ${JSON.stringify(key)} in ${path || "the root"} (allowed: ${allowed.join(", ")})`,
        child.loc,
      );
    }
  }
}

function str(node: LObject, key: string, path: string, required: boolean): string | undefined {
  const child = node.entries.get(key);
  if (!child) {
    if (required) fail(`${joinPath(path, key)} is required`, node.loc);
    return undefined;
  }
  if (child.kind !== "scalar" || typeof child.value !== "string" || child.value.trim() === "") {
    fail(
      `${joinPath(path, key)} must be a non-empty string, found ${describe(child)}`,
      valueLoc(child, node),
    );
  }
  return child.value;
}

/** `YYYY-MM-DD` or an ISO date-time with zone; the calendar date must exist. */
function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return (
    day.getUTCFullYear() === y &&
    day.getUTCMonth() === mo - 1 &&
    day.getUTCDate() === d &&
    !Number.isNaN(Date.parse(value))
  );
}

function date(node: LObject, key: string, path: string, required: boolean): string | undefined {
  const value = str(node, key, path, required);
  if (value !== undefined && !isValidDate(value)) {
    const loc = valueLoc(node.entries.get(key), node);
    fail(
      `${joinPath(path, key)} must be a date (YYYY-MM-DD or ISO 8601 with a zone), found ${JSON.stringify(value)}`,
      loc,
    );
  }
  return value;
}

function list(root: LObject, key: string): LNode[] {
  const node = root.entries.get(key);
  if (!node) return [];
  if (node.kind !== "array") fail(`${key} must be an array, found ${describe(node)}`, node.loc);
  return node.items;
}

function validate(rootNode: LNode, file: string): ClawwardenConfig {
  const root = expectObject(rootNode, "");
  checkKeys(root, "", ["$schema", "attestations", "suppressions", "watch"]);
  if (root.entries.has("$schema")) str(root, "$schema", "", false);
  const positions: Record<string, SourceLocation> = {};
  const attestations: Attestation[] = list(root, "attestations").map((item, i) => {
    const path = `attestations.${i}`;
    const node = expectObject(item, path);
    positions[path] = node.loc;
    checkKeys(node, path, ["id", "by", "at", "expires", "note"]);
    const rawId = str(node, "id", path, true) as string;
    const id = rawId.trim().toUpperCase();
    if (!GUIDE_ITEM_ID.test(id)) {
      fail(
        `${path}.id ${JSON.stringify(rawId)} is not a guide item id (N-01…N-06, S-01…S-07, D-01…D-04, K-01…K-05, C-01…C-05, A-01…A-05, L-01…L-04, P-01…P-05)`,
        valueLoc(node.entries.get("id"), node),
      );
    }
    const at = date(node, "at", path, true) as string;
    const out: Attestation = { id, by: str(node, "by", path, true) as string, at };
    const expires = date(node, "expires", path, false);
    if (expires !== undefined) {
      if (Date.parse(expires) < Date.parse(at)) {
        fail(
          `${path}.expires (${expires}) is before ${path}.at (${at})`,
          valueLoc(node.entries.get("expires"), node),
        );
      }
      out.expires = expires;
    }
    const note = str(node, "note", path, false);
    if (note !== undefined) out.note = note;
    return out;
  });
  const suppressions: Suppression[] = list(root, "suppressions").map((item, i) => {
    const path = `suppressions.${i}`;
    const node = expectObject(item, path);
    positions[path] = node.loc;
    checkKeys(node, path, ["checkId", "fingerprint", "reason", "expires"]);
    const checkId = str(node, "checkId", path, false);
    const fingerprint = str(node, "fingerprint", path, false);
    if (checkId === undefined && fingerprint === undefined)
      fail(`${path} needs a checkId or a fingerprint`, node.loc);
    if (checkId !== undefined && !CHECK_ID.test(checkId)) {
      fail(
        `${path}.checkId ${JSON.stringify(checkId)} is not a check id (e.g. "N-01.bind-lan")`,
        valueLoc(node.entries.get("checkId"), node),
      );
    }
    const out: Suppression = { reason: str(node, "reason", path, true) as string };
    if (checkId !== undefined) out.checkId = checkId;
    if (fingerprint !== undefined) out.fingerprint = fingerprint;
    const expires = date(node, "expires", path, false);
    if (expires !== undefined) out.expires = expires;
    return out;
  });
  const watchNode = root.entries.get("watch");
  // `watch` (alert rules and sinks) is validated by src/watch/settings.ts, which knows its shape; here it is
  // kept as a plain value with the position of every key so those errors still name file:line:column.
  const watch = watchNode ? flatten(watchNode) : undefined;
  if (watch) for (const [k, loc] of Object.entries(watch.positions)) positions[joinPath("watch", k)] = loc;
  return { path: file, attestations, suppressions, positions, ...(watch ? { watch: watch.value } : {}) };
}
