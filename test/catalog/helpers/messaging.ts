import { configSnapshot, SAMPLES_DIR } from "../check-tester.js";
import { snapshot } from "../snapshot-fixture.js";

export const CONFIG = "/home/op/.openclaw/openclaw.json";

export const conf = (
  value: Record<string, unknown>,
  positions: Record<string, { file: string; line: number }> = {},
) => snapshot({ config: { value, positions } });

export const channels = (c: Record<string, unknown>) => conf({ channels: c });

export const insecure = () => configSnapshot(`${SAMPLES_DIR}/config-insecure.json`);

export const hardened = () =>
  configSnapshot(`${SAMPLES_DIR}/config-hardened.json`, { env: { OPENCLAW_GATEWAY_TOKEN: "x".repeat(64) } });

export const ws = (soulMd: { known: true; value: string | null } | { known: false; reason: string }) => ({
  workspaces: [{ agentId: "main", path: "/home/op/.openclaw/workspace", soulMd }],
});
