import type { Snapshot } from "../../model/snapshot.js";
import { agentEntries, cfg, get, isObject } from "../helpers.js";

export interface ModelRef {
  ref: string;
  /** Config key path the reference was read from. */
  source: string;
}
/** Every model the config can route to: defaults, fallbacks, image model, per-agent models, provider catalogs. */
export function configuredModels(s: Snapshot): ModelRef[] {
  const out: ModelRef[] = [];
  const addModel = (value: unknown, keyPath: string) => {
    if (typeof value === "string" && value.trim()) out.push({ ref: value.trim(), source: keyPath });
    else if (isObject(value)) {
      if (typeof value.primary === "string" && value.primary.trim())
        out.push({ ref: value.primary.trim(), source: `${keyPath}.primary` });
      if (Array.isArray(value.fallbacks))
        value.fallbacks.forEach((f, i) => {
          if (typeof f === "string" && f.trim())
            out.push({ ref: f.trim(), source: `${keyPath}.fallbacks.${i}` });
        });
    }
  };
  addModel(cfg(s, "agents.defaults.model"), "agents.defaults.model");
  addModel(cfg(s, "agents.defaults.imageModel"), "agents.defaults.imageModel");
  for (const a of agentEntries(s)) addModel(a.value.model, `${a.keyPath}.model`);
  const providers = cfg(s, "models.providers");
  if (isObject(providers))
    for (const [name, p] of Object.entries(providers)) {
      const models = get(p, "models");
      if (!Array.isArray(models)) continue;
      models.forEach((m, i) => {
        const id = get(m, "id");
        if (typeof id === "string" && id.trim())
          out.push({ ref: `${name}/${id.trim()}`, source: `models.providers.${name}.models.${i}.id` });
      });
    }
  return out;
}
export const loopbackHosts = new Set(["localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"]);
export function isLoopbackUrl(url: string): boolean | undefined {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return loopbackHosts.has(host) || host.startsWith("127.") || host.endsWith(".localhost");
  } catch {
    return undefined;
  }
}
/** Provider base URLs from models.providers.*. */
export function providerBaseUrls(s: Snapshot): Array<{ name: string; keyPath: string; url: string }> {
  const providers = cfg(s, "models.providers");
  if (!isObject(providers)) return [];
  const out: Array<{ name: string; keyPath: string; url: string }> = [];
  for (const [name, p] of Object.entries(providers)) {
    const url = get(p, "baseUrl");
    if (typeof url === "string") out.push({ name, keyPath: `models.providers.${name}.baseUrl`, url });
  }
  return out;
}
