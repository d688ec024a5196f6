import { configSnapshot, SAMPLES_DIR } from "../check-tester.js";
import { snapshot } from "../snapshot-fixture.js";

/** OpenClaw checkId patterns in item records: `*` stands for one key segment. */
export const globMatch = (pattern: string, checkId: string) =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^.]+")}$`,
  ).test(checkId);

export const conf = (
  value: Record<string, unknown>,
  positions: Record<string, { file: string; line: number }> = {},
) => snapshot({ config: { value, positions } });

export const CONFIG = "/home/op/.openclaw/openclaw.json";

export const STRONG = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

export const insecure = () => configSnapshot(`${SAMPLES_DIR}/config-insecure.json`);

export const hardened = () =>
  configSnapshot(`${SAMPLES_DIR}/config-hardened.json`, { env: { OPENCLAW_GATEWAY_TOKEN: STRONG } });

export const tokenAt = { "gateway.auth.token": { file: CONFIG, line: 7 } };

export const rotation = (at: string, fingerprint = "abc…wxyz (sha256:00000000)") => ({
  rotations: {
    known: true as const,
    value: [{ target: "gateway.auth.token", at, fingerprint, by: "clawwarden" }],
  },
});
