import type { Snapshot } from "../../src/model/snapshot.js";

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> | T[K] : T[K] };

/**
 * A literal snapshot of a minimal deployment (empty config, state dir 700, nothing collected beyond that).
 * Tests override the parts they care about: `snapshot({ config: { value: { gateway: { bind: "lan" } } } })`.
 */
export function snapshot(overrides: DeepPartial<Snapshot> = {}): Snapshot {
  const base: Snapshot = {
    takenAt: "2026-11-25T12:00:00.000Z",
    locator: {
      stateDir: "/home/op/.openclaw",
      configPath: "/home/op/.openclaw/openclaw.json",
      stateDirSource: "default",
      configPathSource: "default",
      home: "/home/op",
    },
    config: {
      path: "/home/op/.openclaw/openclaw.json",
      exists: true,
      value: {},
      positions: {},
      files: ["/home/op/.openclaw/openclaw.json"],
      envSubstituted: {},
      secretRefs: [],
      issues: [],
    },
    envSet: [],
    state: {
      root: "/home/op/.openclaw",
      exists: true,
      layout: "sqlite",
      entries: [
        { path: "", kind: "dir", mode: 0o700, uid: 1000, gid: 1000, size: 4096, mtimeMs: 0 },
        { path: "openclaw.json", kind: "file", mode: 0o600, uid: 1000, gid: 1000, size: 100, mtimeMs: 0 },
      ],
      unreadable: [],
      truncated: false,
    },
    configSecrets: { known: true, value: { hits: [], filesScanned: 1, bytesScanned: 100, incomplete: [] } },
    stateSecrets: { known: true, value: { hits: [], filesScanned: 0, bytesScanned: 0, incomplete: [] } },
    workspaces: [],
    openclaw: {
      version: { known: false, reason: "openclaw CLI not found" },
      audit: { known: false, reason: "openclaw CLI not found" },
      doctorLint: { known: false, reason: "openclaw CLI not found" },
    },
    clawwarden: { attestations: [], suppressions: [] },
    rotations: { known: true, value: [] },
  };
  return merge(base, overrides) as Snapshot;
}

function merge(target: unknown, source: unknown): unknown {
  if (source === undefined) return target;
  if (!isPlainObject(target) || !isPlainObject(source)) return source;
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) out[key] = merge(out[key], value);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
