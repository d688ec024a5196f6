import type { SourceLocation } from "../model/location.js";
import type { ClawwardenConfig } from "../model/snapshot.js";
import { InputError } from "../util/errors.js";
import {
  type AlertRule,
  parseDuration,
  SEVERITY_RANK,
  type SinkConfig,
  type WatchSettings,
} from "./types.js";

const SEVERITIES = Object.keys(SEVERITY_RANK);
const SINK_KEYS: Record<SinkConfig["type"], string[]> = {
  stdout: ["type", "name"],
  jsonl: ["type", "name", "path"],
  webhook: ["type", "name", "url", "secretEnv", "timeoutMs", "retries"],
  syslog: ["type", "name", "host", "port", "protocol", "facility", "caFile"],
  otlp: ["type", "name", "url", "encoding", "headersEnv"],
  prometheus: ["type", "name", "port", "host"],
};

/**
 * `clawwarden.json` → `watch`: `{ rules: AlertRule[], sinks: SinkConfig[], every?, credentialMaxAge? }`.
 * Strict like the rest of the file: unknown keys, wrong types and bad durations name file:line:column.
 * A secret written inline (a webhook key, an auth header) is refused: name an environment variable instead.
 */
export function watchSettings(config: ClawwardenConfig): WatchSettings {
  const raw = config.watch;
  if (raw === undefined) return { rules: [], sinks: [{ type: "stdout" }] };
  const at = (path: string): SourceLocation =>
    config.positions?.[`watch${path ? `.${path}` : ""}`] ?? { file: config.path ?? "clawwarden.json" };
  const fail = (path: string, message: string): never => {
    throw new InputError(`watch${path ? `.${path}` : ""}: ${message}`, at(path));
  };
  const obj = (v: unknown, path: string, keys: string[]): Record<string, unknown> => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, "must be an object");
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o))
      if (!keys.includes(k)) fail(path ? join(path, k) : k, `unknown key (allowed: ${keys.join(", ")})`);
    return o;
  };
  const str = (o: Record<string, unknown>, k: string, path: string, required = false): string | undefined => {
    const v = o[k];
    if (v === undefined) return required ? fail(path, `${k} is required`) : undefined;
    if (typeof v !== "string" || !v.trim()) fail(join(path, k), "must be a non-empty string");
    return v as string;
  };
  const dur = (o: Record<string, unknown>, k: string, path: string) => {
    const v = str(o, k, path);
    if (v !== undefined) {
      try {
        parseDuration(v, 0);
      } catch (error) {
        fail(join(path, k), (error as Error).message);
      }
    }
    return v;
  };
  const root = obj(raw, "", ["rules", "sinks", "every", "credentialMaxAge"]);
  const rules = arr(root.rules, "rules", fail).map((r, i): AlertRule => {
    const path = `rules.${i}`;
    const o = obj(r, path, [
      "name",
      "match",
      "threshold",
      "window",
      "dedup",
      "rateLimit",
      "sinks",
      "severity",
    ]);
    const m = obj(o.match ?? {}, `${path}.match`, ["type", "minSeverity", "items"]);
    const sev = (v: unknown, p: string) => {
      if (v !== undefined && !SEVERITIES.includes(v as string))
        fail(p, `must be one of ${SEVERITIES.join(", ")}`);
      return v as AlertRule["severity"];
    };
    const rule: AlertRule = { name: str(o, "name", path, true) as string, match: {} };
    if (m.type !== undefined) rule.match.type = m.type as string | string[];
    if (m.minSeverity !== undefined) rule.match.minSeverity = sev(m.minSeverity, `${path}.match.minSeverity`);
    if (m.items !== undefined) rule.match.items = m.items as string[];
    if (o.threshold !== undefined) {
      if (!Number.isInteger(o.threshold) || (o.threshold as number) < 1)
        fail(`${path}.threshold`, "must be a whole number >= 1");
      rule.threshold = o.threshold as number;
    }
    const window = dur(o, "window", path);
    if (window) rule.window = window;
    const dedup = dur(o, "dedup", path);
    if (dedup) rule.dedup = dedup;
    if (o.rateLimit !== undefined) {
      const rl = obj(o.rateLimit, `${path}.rateLimit`, ["max", "per"]);
      if (!Number.isInteger(rl.max) || (rl.max as number) < 1)
        fail(`${path}.rateLimit.max`, "must be a whole number >= 1");
      rule.rateLimit = { max: rl.max as number, per: dur(rl, "per", `${path}.rateLimit`) ?? "1h" };
    }
    if (o.sinks !== undefined) rule.sinks = o.sinks as string[];
    if (o.severity !== undefined) rule.severity = sev(o.severity, `${path}.severity`);
    return rule;
  });
  const sinks = arr(root.sinks ?? [{ type: "stdout" }], "sinks", fail).map((s, i): SinkConfig => {
    const path = `sinks.${i}`;
    const type = (s as { type?: unknown })?.type as SinkConfig["type"];
    if (!(type in SINK_KEYS)) fail(`${path}.type`, `must be one of ${Object.keys(SINK_KEYS).join(", ")}`);
    const o = obj(s, path, SINK_KEYS[type]);
    for (const k of ["url"]) {
      const u = o[k];
      if (typeof u === "string" && /\/\/[^/@]*:[^/@]*@/.test(u))
        fail(join(path, k), "credentials in a URL are refused: use secretEnv/headersEnv");
    }
    if (
      (type === "syslog" || type === "prometheus") &&
      !(Number.isInteger(o.port) && (o.port as number) > 0 && (o.port as number) < 65536)
    ) {
      fail(`${path}.port`, "must be a port number");
    }
    if (type === "syslog" && !["udp", "tcp", "tls"].includes(o.protocol as string))
      fail(`${path}.protocol`, "must be udp, tcp or tls");
    if (type === "otlp" && o.encoding !== undefined && !["json", "protobuf"].includes(o.encoding as string)) {
      fail(`${path}.encoding`, "must be json or protobuf");
    }
    if ((type === "webhook" || type === "otlp") && !str(o, "url", path, true)?.match(/^https?:\/\//))
      fail(`${path}.url`, "must be an http(s) URL");
    if (type === "jsonl") str(o, "path", path, true);
    return o as unknown as SinkConfig;
  });
  const names = new Set(sinks.map((s, i) => s.name ?? `${s.type}${i}`));
  rules.forEach((r, i) => {
    for (const n of r.sinks ?? [])
      if (!names.has(n)) fail(`rules.${i}.sinks`, `no sink named ${JSON.stringify(n)}`);
  });
  const out: WatchSettings = { rules, sinks };
  const every = dur(root, "every", "");
  if (every) out.every = every;
  const age = dur(root, "credentialMaxAge", "");
  if (age) out.credentialMaxAge = age;
  return out;
}

function arr(v: unknown, path: string, fail: (p: string, m: string) => never): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(path, "must be an array");
  return v as unknown[];
}

const join = (path: string, k: string) => (path ? `${path}.${k}` : k);
