// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the test is about literal ${VAR} text
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/deployment/config.js";
import { openclawBin, openclawEnv } from "../helpers/openclaw.js";

const fixture = resolve(import.meta.dirname, "..", "fixtures", "config", "openclaw-valid");
const home = mkdtempSync(join(tmpdir(), "cw-config-oc-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** OpenClaw redacts secrets in `config get`; a redacted value matches whatever we resolved. */
function unredact(real: unknown, ours: unknown): unknown {
  if (real === "__OPENCLAW_REDACTED__") return ours;
  if (Array.isArray(real)) return real.map((v, i) => unredact(v, Array.isArray(ours) ? ours[i] : undefined));
  if (real && typeof real === "object") {
    const o = (ours ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(real).map(([k, v]) => [k, unredact(v, o[k])]));
  }
  return real;
}

// The same config read by the real OpenClaw 2026.9.6 (`openclaw config get <key> --json`) and by us:
// include arrays merged in order with arrays concatenated, sibling keys winning, ${VAR} substituted
// inside include files, $${VAR} kept as a literal ${VAR}.
describe("loadConfig agrees with the real OpenClaw", () => {
  it("resolves includes and env vars to the same values", () => {
    const stateDir = join(home, ".openclaw");
    cpSync(fixture, stateDir, { recursive: true });
    const env = { HOME: home, GW_TOKEN: "0123456789abcdef0123456789abcdef", PROXY_HOST: "10.0.0.7" };
    const ocEnv = openclawEnv(home, stateDir, env);
    const ours = loadConfig(join(stateDir, "openclaw.json"), { env }).value;
    const keys = ["gateway", "tools", "session"];
    const real: Record<string, unknown> = {};
    for (const key of keys) {
      const out = execFileSync(openclawBin(), ["config", "get", key, "--json"], {
        env: ocEnv,
        encoding: "utf8",
        timeout: 60_000,
      });
      real[key] = JSON.parse(out.slice(out.indexOf("{"), out.lastIndexOf("}") + 1));
    }
    expect(ours).toEqual(unredact(real, ours));
    expect(ours).toMatchObject({
      gateway: { port: 18790, trustedProxies: ["127.0.0.1", "${NOT_A_REF}", "10.0.0.7"] },
      tools: { profile: "messaging", deny: ["group:fs", "sessions_spawn", "group:runtime"] },
    });
  }, 120_000);
});
