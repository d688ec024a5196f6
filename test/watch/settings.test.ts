import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadClawwardenConfig } from "../../src/deployment/clawwarden-config.js";
import { InputError } from "../../src/util/errors.js";
import { watchSettings } from "../../src/watch/settings.js";

function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), "cw-watch-settings-"));
  try {
    const file = join(dir, "clawwarden.json");
    writeFileSync(file, text);
    return watchSettings(loadClawwardenConfig(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("watch settings in clawwarden.json", () => {
  it("no watch section: stdout sink and the default rule", () => {
    expect(load("{}")).toEqual({ rules: [], sinks: [{ type: "stdout" }] });
  });

  it("reads rules and sinks", () => {
    const s = load(`{
      // JSON5 like the rest of the file
      watch: {
        every: "15m",
        rules: [{ name: "net", match: { items: ["N-01"], minSeverity: "high" }, threshold: 2, window: "5m", sinks: ["hook"] }],
        sinks: [{ type: "webhook", name: "hook", url: "https://hooks.example.invalid/x", secretEnv: "HOOK_KEY" },
                { type: "syslog", host: "127.0.0.1", port: 514, protocol: "udp" }],
      },
    }`);
    expect(s.every).toBe("15m");
    expect(s.rules[0]).toMatchObject({ name: "net", threshold: 2, sinks: ["hook"] });
    expect(s.sinks).toHaveLength(2);
  });

  it.each([
    [
      '{ watch: { rules: [{ name: "r", match: {}, window: "soon" }] } }',
      /watch.rules.0.window: not a duration/,
      1,
    ],
    [
      '{ watch: {\n  sinks: [{ type: "webhook", url: "https://u:p@hooks.example.invalid/" }] } }',
      /credentials in a URL/,
      2,
    ],
    ['{ watch: { sinks: [{ type: "pager" }] } }', /watch.sinks.0.type: must be one of/, 1],
    ['{ watch: { rules: [{ name: "r", match: {}, sinks: ["nope"] }] } }', /no sink named "nope"/, 1],
    [
      '{ watch: { sinks: [{ type: "syslog", host: "h", port: 514, protocol: "udp", secret: "x" }] } }',
      /unknown key/,
      1,
    ],
  ])("refuses %s with file:line", (text, message, line) => {
    try {
      load(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(message);
      expect((error as InputError).location?.line).toBe(line);
    }
  });
});
