import { configSnapshot, SAMPLES_DIR } from "../check-tester.js";
import { snapshot } from "../snapshot-fixture.js";

export const CONFIG = "/home/op/.openclaw/openclaw.json";

export const conf = (
  value: Record<string, unknown>,
  positions: Record<string, { file: string; line: number }> = {},
) => snapshot({ config: { value, positions } });

export const sandboxed = (sandbox: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  conf({ agents: { defaults: { sandbox: { mode: "all", ...sandbox } } }, ...extra });

export const insecure = () => configSnapshot(`${SAMPLES_DIR}/config-insecure.json`);

export const hardened = () =>
  configSnapshot(`${SAMPLES_DIR}/config-hardened.json`, { env: { OPENCLAW_GATEWAY_TOKEN: "x".repeat(64) } });
