import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readRotations, rotationLogFile } from "../../src/deployment/rotations.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function stateDir(log?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cw-rot-"));
  dirs.push(dir);
  if (log !== undefined) {
    mkdirSync(join(dir, ".clawwarden"));
    writeFileSync(rotationLogFile(dir), log);
  }
  return dir;
}

describe("rotation log reader", () => {
  it("a missing log is an empty history", () => {
    expect(readRotations(stateDir())).toEqual({ known: true, value: [] });
  });

  it("maps `clawwarden rotate` targets to the config key paths the checks compare", () => {
    const log = [
      {
        target: "gateway-token",
        at: "2026-11-01T00:00:00.000Z",
        fingerprint: "abc…wxyz (sha256:1)",
        by: "op@host",
      },
      { target: "hooks-token", at: "2026-11-02T00:00:00.000Z", fingerprint: "def…wxyz (sha256:2)" },
      { target: "channels.telegram.botToken", at: "2026-11-03T00:00:00.000Z", fingerprint: "x (sha256:3)" },
    ]
      .map((e) => JSON.stringify(e))
      .join("\n");
    const r = readRotations(stateDir(`${log}\n`));
    expect(r.known && r.value.map((e) => e.target)).toEqual([
      "gateway.auth.token",
      "hooks.token",
      "channels.telegram.botToken",
    ]);
    expect(r.known && r.value[0]?.by).toBe("op@host");
  });

  it("skips a torn last line and entries without the required fields", () => {
    const good = JSON.stringify({ target: "gateway-token", at: "2026-11-01T00:00:00Z", fingerprint: "f" });
    const r = readRotations(stateDir(`${good}\n{"target":"hooks-token"}\n{"target":"gatew`));
    expect(r.known && r.value).toHaveLength(1);
  });

  it("an unreadable log is unknown with the reason", () => {
    const dir = stateDir();
    mkdirSync(rotationLogFile(dir), { recursive: true });
    const r = readRotations(dir);
    expect(r.known).toBe(false);
  });
});
