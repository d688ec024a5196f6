import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyPlan, readManifest, restoreRun } from "../../src/fix/apply.js";
import type { Plan } from "../../src/fix/plan.js";
import { identityOf, safeChmod, UnsafePathError } from "../../src/util/safe-chmod.js";

let root: string;
let stateDir: string;
let victim: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cw-symlink-"));
  stateDir = join(root, "state");
  mkdirSync(stateDir, { mode: 0o777 });
  chmodSync(stateDir, 0o777);
  // a file outside the state dir that only its owner may read (think /etc/shadow)
  victim = join(root, "outside-secret");
  writeFileSync(victim, "root only\n", { mode: 0o600 });
  chmodSync(victim, 0o600);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (p: string) => statSync(p).mode & 0o7777;
const planFor = (path: string, mode: number, from: number): Plan => ({
  stateDir,
  configPath: join(stateDir, "openclaw.json"),
  profile: "production",
  items: [{ id: "C-01", title: "modes", kind: "auto", steps: [], consequences: [], warnings: [] }],
  refused: [],
  files: [],
  chmods: [{ path, mode, from }],
  diffs: {},
  notes: [],
  secrets: [],
  generated: [],
});
const hooks = (afterStep?: (n: number) => void) => ({
  verify: async () => [],
  log: () => {},
  by: "t",
  command: "fix",
  now: new Date(),
  env: {},
  ...(afterStep ? { afterStep } : {}),
});

describe("modes are never changed through a link (issue: privilege escalation through symlinks)", () => {
  it("safeChmod refuses a link and a replaced file", () => {
    const f = join(stateDir, "a");
    writeFileSync(f, "x", { mode: 0o644 });
    const id = identityOf(f);
    const link = join(stateDir, "l");
    symlinkSync(victim, link);
    expect(() => safeChmod(link, 0o666)).toThrow(UnsafePathError);
    expect(modeOf(victim)).toBe(0o600);
    linkSync(f, join(stateDir, "a.keep")); // keeps the old inode alive, so the new file cannot reuse its number
    unlinkSync(f);
    writeFileSync(f, "new inode", { mode: 0o644 });
    expect(() => safeChmod(f, 0o600, id)).toThrow(/replaced since the plan/);
    safeChmod(f, 0o600);
    expect(modeOf(f)).toBe(0o600);
  });

  it("a file swapped for a link between plan and apply (the [y/N] prompt): the target outside keeps its mode", async () => {
    const f = join(stateDir, "credentials.json");
    writeFileSync(f, "{}", { mode: 0o666 });
    chmodSync(f, 0o666);
    const plan = planFor(f, 0o644, 0o666);
    // apply records the inode first; the swap happens after that, before the chmod step
    const r = await applyPlan(plan, hooks());
    expect(r.status).toBe("applied");
    // now the attack on a second run: plan sees a file, the attacker swaps in a link before apply
    const g = join(stateDir, "other.json");
    writeFileSync(g, "{}", { mode: 0o666 });
    chmodSync(g, 0o666);
    const plan2 = planFor(g, 0o644, 0o666);
    unlinkSync(g);
    symlinkSync(victim, g);
    const r2 = await applyPlan(plan2, hooks());
    expect(r2.status).not.toBe("applied");
    expect(modeOf(victim)).toBe(0o600);
    expect(lstatSync(g).isSymbolicLink()).toBe(true);
  });

  it("a file swapped for a link before rollback: the rollback refuses it and the target keeps its mode", async () => {
    const f = join(stateDir, "openclaw.json");
    writeFileSync(f, "{}", { mode: 0o666 });
    chmodSync(f, 0o666);
    const r = await applyPlan(planFor(f, 0o600, 0o666), hooks());
    expect(r.status).toBe("applied");
    expect(modeOf(f)).toBe(0o600);
    unlinkSync(f);
    symlinkSync(victim, f);
    const errors = restoreRun(r.runDir, readManifest(r.runDir), { force: true });
    expect(errors.join("\n")).toMatch(/symbolic link|replaced/);
    expect(modeOf(victim)).toBe(0o600);
  });
});
