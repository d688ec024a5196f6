import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chainTail, EventLog } from "../../src/events/log.js";
import { eventsDir } from "../../src/events/paths.js";
import { GENESIS } from "../../src/events/record.js";
import { verifyEvents } from "../../src/events/verify.js";

const FAKE_TOKEN = ["ghp", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"].join("_");
let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cw-events-"));
  dir = eventsDir(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function write(n: number, log = new EventLog(dir)) {
  for (let i = 0; i < n; i++) {
    log.append({
      source: "guard",
      type: "guard.decision",
      session: `s${i % 3}`,
      data: { action: i % 5 ? "allow" : "block", i },
    });
  }
  await log.flush();
  return log;
}
const lines = () => readFileSync(join(dir, "events.jsonl"), "utf8").trimEnd().split("\n");
const put = (ls: string[]) => writeFileSync(join(dir, "events.jsonl"), `${ls.join("\n")}\n`);

describe("event log", () => {
  it("appends a hash chain that verifies; the first record starts from 64 zeros", async () => {
    await write(500);
    const r = await verifyEvents(dir);
    expect(r).toMatchObject({ ok: true, records: 500, segments: 1, firstSeq: 1 });
    expect(JSON.parse(lines()[0] as string).prev).toBe(GENESIS);
    expect((await chainTail(dir)).seq).toBe(500);
  });

  it("one changed byte, a removed line or two swapped lines break it at the right line", async () => {
    await write(50);
    const original = lines();
    put(original.map((l, i) => (i === 20 ? l.replace('"i":20', '"i":99') : l)));
    expect((await verifyEvents(dir)).broken).toMatchObject({
      line: 21,
      seq: 21,
      reason: expect.stringMatching(/edited/),
    });
    put(original.filter((_, i) => i !== 30));
    expect((await verifyEvents(dir)).broken).toMatchObject({
      line: 31,
      reason: expect.stringMatching(/jumps from 30 to 32/),
    });
    const swapped = [...original];
    [swapped[10], swapped[11]] = [swapped[11] as string, swapped[10] as string];
    put(swapped);
    expect((await verifyEvents(dir)).broken?.line).toBe(11);
    put(original);
    expect((await verifyEvents(dir)).ok).toBe(true);
  });

  it("rotation keeps the chain across segments and prunes the oldest", async () => {
    const log = new EventLog(dir, { maxBytes: 8 * 1024, keepSegments: 3 });
    for (let b = 0; b < 20; b++) await write(20, log);
    const rotated = readdirSync(dir).filter((f) => /^events\.\d+\.jsonl$/.test(f));
    expect(rotated.length).toBe(3);
    const r = await verifyEvents(dir);
    expect(r.ok).toBe(true);
    expect(r.firstSeq).toBeGreaterThan(1);
    expect((await chainTail(dir)).seq).toBe(400);
  });

  it("two writers on one log (a gateway and `guard replay --state-dir`) keep one chain", async () => {
    const a = new EventLog(dir);
    const b = new EventLog(dir);
    await Promise.all([write(200, a), write(200, b)]);
    expect(await verifyEvents(dir)).toMatchObject({ ok: true, records: 400 });
  });

  it("never stores a secret in clear, and caps what it stores", async () => {
    const log = new EventLog(dir);
    log.append({
      source: "guard",
      type: "guard.redaction",
      data: { text: `token ${FAKE_TOKEN} leaked`, big: "x".repeat(100_000) },
    });
    await log.flush();
    const text = readFileSync(join(dir, "events.jsonl"), "utf8");
    expect(text).not.toContain(FAKE_TOKEN);
    expect(text).toMatch(/\[secret ghp_/);
    expect(text.length).toBeLessThan(4000);
  });

  it("append never blocks and a full queue is counted, then recorded as events.dropped", async () => {
    const log = new EventLog(dir, { capacity: 10, batchMs: 10_000 });
    for (let i = 0; i < 25; i++) log.append({ source: "guard", type: "t" });
    expect(log.dropped).toBe(15);
    await log.flush();
    const types = lines().map((l) => JSON.parse(l).type);
    expect(types[0]).toBe("events.dropped");
    expect(JSON.parse(lines()[0] as string).data.count).toBe(15);
    expect(types.length).toBe(11);
  });
});

describe("clawwarden events (CLI)", () => {
  const cli = join(import.meta.dirname, "..", "..", "dist", "cli", "main.js");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, "events", ...args, "--state-dir", root], { encoding: "utf8" });

  it("verify exits 0 on an intact chain and 1 with file:line after one byte changed; export filters by time and type", async () => {
    await write(30);
    expect(run("verify").stdout).toMatch(/OK: 30 record/);
    const all = run("export", "--since", "1h").stdout.trim().split("\n");
    expect(all).toHaveLength(30);
    expect(
      run("export", "--since", "2000-01-01T00:00:00Z", "--type", "guard.*").stdout.trim().split("\n"),
    ).toHaveLength(30);
    expect(run("export", "--since", "2999-01-01T00:00:00Z").stdout).toBe("");
    expect(run("tail", "-n", "5").stdout.trim().split("\n")).toHaveLength(5);
    put(lines().map((l, i) => (i === 7 ? l.replace('"s1"', '"s2"') : l)));
    const broken = run("verify");
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/events\.jsonl:8 \(seq 8\): content does not match its hash/);
    expect(run("export", "--since", "soon").status).toBe(2);
  });
});
