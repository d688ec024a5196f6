import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { cfg, isObject } from "../helpers.js";
import type { Segment } from "../remediation.js";
import type { CatalogItem, Finding } from "../types.js";

// ─── channel sections: channels.<ch> and channels.<ch>.accounts.<id> ───────────────────────────

/** Keys under `channels` that are not channels. */
export const NOT_CHANNELS = new Set(["defaults", "modelByChannel"]);
export interface Section {
  channel: string;
  /** `channels.telegram` or `channels.telegram.accounts.work`. */
  keyPath: string;
  /** The same path as segments, for commands (ids may contain dots, `@`, leading `-`). */
  segments: Segment[];
  label: string;
  value: Record<string, unknown>;
  /** The channel section an account inherits unset keys from. */
  parent?: Section;
  enabled: boolean;
}
export function channelSections(s: Snapshot): Section[] {
  const channels = cfg(s, "channels");
  if (!isObject(channels)) return [];
  const out: Section[] = [];
  for (const [channel, value] of Object.entries(channels)) {
    if (NOT_CHANNELS.has(channel) || !isObject(value)) continue;
    const section: Section = {
      channel,
      keyPath: `channels.${channel}`,
      segments: ["channels", channel],
      label: channel,
      value,
      enabled: value.enabled !== false,
    };
    out.push(section);
    if (isObject(value.accounts)) {
      for (const [id, acc] of Object.entries(value.accounts)) {
        if (!isObject(acc)) continue;
        out.push({
          channel,
          keyPath: `channels.${channel}.accounts.${id}`,
          segments: ["channels", channel, "accounts", id],
          label: `${channel} account ${id}`,
          value: acc,
          parent: section,
          enabled: section.enabled && acc.enabled !== false,
        });
      }
    }
  }
  return out;
}
/** A key of a section, falling back to its channel for accounts; returns where it was found. */
export function inherited(
  sec: Section,
  read: (v: Record<string, unknown>) => unknown,
  key: string,
): { value: unknown; keyPath: string; segments: Segment[] } {
  const own = read(sec.value);
  const at = (x: Section) => ({
    keyPath: `${x.keyPath}.${key}`,
    segments: [...x.segments, ...key.split(".")],
  });
  if (own !== undefined || !sec.parent) return { value: own, ...at(sec) };
  return { value: read(sec.parent.value), ...at(sec.parent) };
}
export function isWildcardList(v: unknown): boolean {
  return Array.isArray(v) && v.some((e) => String(e).trim() === "*");
}
export function noChannels(item: CatalogItem): Finding {
  return finding(item, {
    check: "no-channels",
    status: "pass",
    message: "No messaging channels are configured, so nobody can message the agent from outside.",
    evidence: [{ message: "channels has no channel sections", source: "default", keyPath: "channels" }],
  });
}
/** A disabled channel's setting is dormant: report it, but as a low warning. */
export function dormant(sec: Section, f: Finding): Finding {
  if (sec.enabled || f.status !== "fail") return f;
  return {
    ...f,
    status: "warn",
    severity: "low",
    message: `${f.message} (the channel is disabled, so this is dormant until it is enabled)`,
  };
}
