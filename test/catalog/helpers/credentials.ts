import { readFileSync } from "node:fs";
import { join } from "node:path";
import { credentialsItems } from "../../../src/catalog/credentials.js";
import type { CatalogItem } from "../../../src/catalog/types.js";
import { loadConfig } from "../../../src/deployment/config.js";
import type { K8sFacts } from "../../../src/model/live-facts.js";
import type { SecretHit, Snapshot, StateEntry } from "../../../src/model/snapshot.js";
import { snapshot } from "../snapshot-fixture.js";

export const samples = join(import.meta.dirname, "..", "..", "fixtures", "openclaw-samples");

export const sample = (name: string, extra: Parameters<typeof snapshot>[0] = {}) =>
  snapshot({ ...extra, config: { value: JSON.parse(readFileSync(`${samples}/${name}`, "utf8")) } });

export const item = (id: string) => credentialsItems.find((i) => i.id === id) as CatalogItem;

export const [c01, c02, c03, c04, c05] = ["C-01", "C-02", "C-03", "C-04", "C-05"].map(item) as [
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
];

export const root = "/home/op/.openclaw";

/** OpenClaw's `${NAME}` env template, written without tripping the template-literal lint. */
export const envRef = (name: string) => `$\{${name}}`;

export const cfgFile = `${root}/openclaw.json`;

export const botToken = "123456:ABCDEF-plaintext-bot-token";

export const providerKey = "sk-ant-api03-Zr8qLm2XvT9wQe4RtYu7IoPa1SdFgHjK";

export function hit(
  file: string,
  where: string,
  confidence: SecretHit["confidence"],
  store?: string,
): SecretHit {
  return {
    ruleId: "anthropic-api-key",
    description: "Anthropic API key",
    fingerprint: "sk-ant…AbCd (sha256:1234abcd)",
    location: { file, line: 2 },
    where,
    confidence,
    ...(store ? { store } : {}),
  };
}

export const e = (
  path: string,
  mode: number,
  kind: StateEntry["kind"] = "file",
  extra: Partial<StateEntry> = {},
): StateEntry => ({
  path,
  kind,
  mode,
  uid: 1000,
  gid: 1000,
  size: 100,
  mtimeMs: 0,
  ...extra,
});

export const state = (...entries: StateEntry[]): Partial<Snapshot> => ({
  state: { entries } as Snapshot["state"],
});

export const healthySqlite = [
  e("", 0o700, "dir"),
  e("openclaw.json", 0o600),
  e("state", 0o700, "dir"),
  e("state/openclaw.sqlite", 0o600),
  e("state/openclaw.sqlite-wal", 0o600),
  e("state/openclaw.sqlite-shm", 0o600),
  e("agents", 0o700, "dir"),
  e("agents/main", 0o700, "dir"),
  e("agents/main/agent", 0o700, "dir"),
  e("agents/main/agent/openclaw-agent.sqlite", 0o600),
  e("agents/main/agent/openclaw-agent.reindex-lock.sqlite", 0o644, "file", { size: 0 }),
  e("workspace", 0o755, "dir"),
  e("workspace/SOUL.md", 0o644),
];

export const k8s = (facts: Partial<K8sFacts>): Partial<Snapshot> =>
  ({
    live: {
      kubernetes: {
        known: true,
        value: {
          files: ["deploy/openclaw.yaml"],
          workloads: [],
          networkPolicies: [],
          literalSecrets: [],
          unreadable: [],
          ...facts,
        },
      },
    },
  }) as unknown as Partial<Snapshot>;

export const workload = (env: K8sFacts["workloads"][number]["containers"][number]["env"]) => ({
  file: "deploy/openclaw.yaml",
  kind: "Deployment",
  name: "openclaw",
  labels: {},
  openclaw: true,
  containers: [{ name: "gateway", env }],
});

// The real loader on the real sample: evidence names the line each credential was written on.
export const loaded = loadConfig(`${samples}/config-insecure.json`, { env: {} });
