import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateIdentity, identityToRecipient } from "age-encryption";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "../../src/backup/create.js";
import { drillBackup } from "../../src/backup/drill.js";
import type { BackupKeys } from "../../src/backup/types.js";
import { openclawBin, openclawPath } from "../helpers/openclaw.js";
import { makeStateDir } from "./gateway.js";

/** `backup drill` against the real OpenClaw 2026.9.6: restore, `config validate`, gateway /health on the copy. */
describe("backup drill with the real OpenClaw", () => {
  let keys: BackupKeys;
  const made: Array<{ dir: string }> = [];
  const env = () => ({ PATH: `${openclawPath()}:${process.env.PATH ?? ""}` });

  async function backupOf(config: Record<string, unknown>): Promise<string> {
    const sd = makeStateDir(config);
    made.push(sd);
    const db = new Database(join(sd.stateDir, "openclaw.sqlite"));
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a'), ('b');");
    db.close();
    const out = join(sd.dir, "b.tar.gz.age");
    await createBackup({ stateDir: sd.stateDir, out, keys: { ...keys, identities: [] }, env: {} });
    return out;
  }

  beforeAll(async () => {
    const id = await generateIdentity();
    keys = { recipients: [await identityToRecipient(id)], identities: [id] };
  });
  afterAll(async () => {
    const { rmSync } = await import("node:fs");
    for (const m of made) rmSync(m.dir, { recursive: true, force: true });
  });

  it("a sound backup passes every step: restore, config validate, gateway /health", async () => {
    const file = await backupOf({ gateway: { mode: "local", bind: "loopback", auth: { mode: "token" } } });
    const r = await drillBackup({
      file,
      keys,
      env: env(),
      openclawBin: openclawBin(),
      healthTimeoutMs: 90_000,
    });
    expect(
      r.steps.map((s) => [s.step, s.ok]),
      JSON.stringify(r.steps),
    ).toEqual([
      ["restore", true],
      ["config-validate", true],
      ["gateway-health", true],
    ]);
    expect(r.steps[0]?.detail).toMatch(/1 database\(s\) pass integrity_check/);
    expect(r.ok).toBe(true);
  }, 180_000);

  it("a backup whose config OpenClaw rejects fails at config-validate and never starts a gateway", async () => {
    const file = await backupOf({ gateway: { mode: "local", bind: "loopback" }, notARealKey: { x: 1 } });
    const r = await drillBackup({ file, keys, env: env(), openclawBin: openclawBin() });
    expect(r.ok).toBe(false);
    expect(r.steps.map((s) => [s.step, s.ok])).toEqual([
      ["restore", true],
      ["config-validate", false],
    ]);
  }, 120_000);

  it("a damaged backup fails at restore", async () => {
    const file = await backupOf({ gateway: { mode: "local" } });
    const { readFileSync } = await import("node:fs");
    const b = readFileSync(file);
    b.writeUInt8(b.readUInt8(b.length - 30) ^ 1, b.length - 30);
    writeFileSync(file, b);
    const r = await drillBackup({ file, keys, env: env(), openclawBin: openclawBin() });
    expect(r.steps.map((s) => [s.step, s.ok])).toEqual([["restore", false]]);
  });
});
