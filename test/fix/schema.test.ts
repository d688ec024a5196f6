/**
 * Our own schema of the keys `fix`/`init`/`rotate` write (used when the OpenClaw CLI is absent)
 * checked against OpenClaw 2026.9.6's strict schema from `openclaw config schema --json`: every key we
 * write exists there, every value we write is accepted there, and for enumerated keys our schema
 * rejects what OpenClaw rejects.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { initPlanOptions } from "../../src/fix/init.js";
import { buildPlan, type PlanOptions } from "../../src/fix/plan.js";
import { rotationPlan } from "../../src/fix/rotate.js";
import type { Profile } from "../../src/fix/types.js";
import { builtinVerdict } from "../../src/fix/validate.js";
import { openclawEnv } from "../helpers/openclaw.js";
import { makeInsecureDeployment } from "./helpers/deployment.js";

type Schema = Record<string, unknown>;
let root: Schema;

beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), "cw-schema-"));
  const state = mkdtempSync(join(tmpdir(), "cw-schema-state-"));
  const stdout = await new Promise<string>((done, fail) =>
    execFile(
      "unshare",
      ["-n", "bash", "-c", "ip link set lo up; exec openclaw config schema --json"],
      { env: openclawEnv(home, state), maxBuffer: 64 << 20, timeout: 180_000, encoding: "utf8" },
      (e, out) => (e ? fail(e) : done(out)),
    ),
  );
  root = JSON.parse(stdout.slice(stdout.indexOf("{"))) as Schema;
}, 200_000);

function deref(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 10 && typeof cur.$ref === "string"; i++) {
    const ref = cur.$ref as string;
    cur = ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((o, k) => (o as Schema)?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], root) as Schema;
  }
  return cur;
}

/** The sub-schema that governs `path`, following properties, additionalProperties, items and unions. */
function at(schema: Schema, path: string[]): Schema | undefined {
  const s = deref(schema);
  if (path.length === 0) return s;
  const [seg, ...rest] = path as [string, ...string[]];
  const candidates: Schema[] = [];
  const props = s.properties as Record<string, Schema> | undefined;
  if (props?.[seg]) candidates.push(props[seg]);
  else if (/^\d+$/.test(seg) && s.items && typeof s.items === "object") candidates.push(s.items as Schema);
  else if (s.additionalProperties && typeof s.additionalProperties === "object")
    candidates.push(s.additionalProperties as Schema);
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    for (const branch of (s[key] as Schema[] | undefined) ?? []) {
      const found = at(branch, path);
      if (found) return found;
    }
  }
  for (const c of candidates) {
    const found = at(c, rest);
    if (found) return found;
  }
  return undefined;
}

const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
function accepts(leaf: Schema, value: unknown): boolean {
  const { $schema: _ignored, ...rest } = leaf;
  return ajv.compile({ ...rest, definitions: (root as Schema).definitions ?? {} })(value) as boolean;
}

function writes(): Array<{ keyPath: string[]; value: unknown }> {
  const out: Array<{ keyPath: string[]; value: unknown }> = [];
  const collect = (opts: PlanOptions) => {
    for (const item of buildPlan(opts).items) {
      for (const s of item.steps) if (s.kind === "config") out.push({ keyPath: s.keyPath, value: s.value });
    }
  };
  for (const level of ["personal", "production", "strict"] as Profile[]) {
    const dir = makeInsecureDeployment();
    const base = {
      stateDir: dir,
      configPath: join(dir, "openclaw.json"),
      profile: level,
      lang: "en" as const,
      assisted: false,
      assistedDir: dir,
      env: {},
      who: "t",
      now: new Date(),
    };
    collect(base);
    collect({
      ...base,
      remediations: [],
      extra: [rotationPlan("gateway-token"), rotationPlan("hooks-token")],
    });
    const fresh = join(mkdtempSync(join(tmpdir(), "cw-schema-init-")), "s");
    collect(
      initPlanOptions({
        stateDir: fresh,
        configPath: join(fresh, "openclaw.json"),
        profile: level,
        port: 18789,
        lang: "en",
        env: {},
        who: "t",
        now: new Date(),
      }),
    );
  }
  return out;
}

describe("the keys clawwarden writes, against OpenClaw's strict schema", () => {
  it("every written key exists in OpenClaw's schema and every value is accepted by both schemas", () => {
    // the resolver itself is strict: unknown keys are not found, enums are enforced
    expect(at(root, ["gateway", "bogusKey"])).toBeUndefined();
    expect(at(root, ["bogusRoot"])).toBeUndefined();
    expect(accepts(at(root, ["gateway", "bind"]) as Schema, "0.0.0.0")).toBe(false);
    const all = writes();
    expect(all.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const w of all) {
      const key = w.keyPath.join(".");
      const leaf = at(root, w.keyPath);
      if (!leaf) problems.push(`${key}: not in OpenClaw's schema`);
      else if (!accepts(leaf, w.value))
        problems.push(`${key} = ${JSON.stringify(w.value)}: OpenClaw's schema rejects it`);
      const ours = builtinVerdict(key, w.value);
      if (ours !== "ok") problems.push(`${key} = ${JSON.stringify(w.value)}: our schema says ${ours}`);
    }
    expect(problems).toEqual([]);
  });

  it("for enumerated keys, our schema rejects values OpenClaw rejects", () => {
    const lax: string[] = [];
    const seen = new Set<string>();
    for (const w of writes()) {
      const key = w.keyPath.join(".");
      if (seen.has(key) || typeof w.value !== "string") continue;
      seen.add(key);
      const leaf = at(root, w.keyPath) as Schema;
      if (accepts(leaf, "clawwarden-bogus")) continue;
      if (builtinVerdict(key, "clawwarden-bogus") === "ok") lax.push(key);
    }
    expect(seen.size).toBeGreaterThan(15);
    expect(lax).toEqual([]);
  });
});
