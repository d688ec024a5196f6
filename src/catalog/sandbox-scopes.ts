import type { Snapshot } from "../model/snapshot.js";
import { agentEntries, cfg, isObject } from "./helpers.js";
import { type ToolPolicy, toolPolicy } from "./tool-policy.js";

/**
 * Sandbox scopes: agents.defaults plus every agent entry that overrides its sandbox or tools, each with
 * its effective mode, backend, workspace access, merged docker settings, binds and tool policy.
 */

export interface SandboxScope {
  /** "defaults" or the agent id. */
  id: string;
  label: string;
  sandboxKey: string;
  toolsKey?: string;
  mode: string;
  modeKey: string;
  backend: string;
  workspaceAccess: string;
  workspaceAccessKey: string;
  docker: Record<string, unknown>;
  /** Where each effective docker key was written. */
  dockerKeys: Record<string, string>;
  binds: Array<{ bind: string; keyPath: string }>;
  policy: ToolPolicy;
}

export function sandboxScopes(s: Snapshot): SandboxScope[] {
  const defaults = cfg(s, "agents.defaults.sandbox");
  const d = isObject(defaults) ? defaults : {};
  const dDocker = isObject(d.docker) ? d.docker : {};
  const sharedScope = d.scope === "shared";
  const scopes: SandboxScope[] = [];
  const bindsAt = (docker: Record<string, unknown>, key: string) =>
    (Array.isArray(docker.binds) ? docker.binds : [])
      .map((b, i) => ({ bind: b, keyPath: `${key}.binds.${i}` }))
      .filter((b): b is { bind: string; keyPath: string } => typeof b.bind === "string");

  const base = (
    id: string,
    label: string,
    sandboxKey: string,
    sb: Record<string, unknown>,
    toolsKey?: string,
  ): SandboxScope => {
    const pickKey = (k: string) =>
      sb[k] !== undefined ? `${sandboxKey}.${k}` : `agents.defaults.sandbox.${k}`;
    const own = isObject(sb.docker) && !sharedScope ? sb.docker : {};
    const docker: Record<string, unknown> = { ...dDocker, ...own };
    const dockerKeys: Record<string, string> = {};
    for (const k of Object.keys(docker))
      dockerKeys[k] =
        own[k] !== undefined ? `${sandboxKey}.docker.${k}` : `agents.defaults.sandbox.docker.${k}`;
    const binds = [...bindsAt(dDocker, "agents.defaults.sandbox.docker")];
    if (sandboxKey !== "agents.defaults.sandbox") binds.push(...bindsAt(own, `${sandboxKey}.docker`));
    const str = (k: string, dflt: string) => {
      const v = sb[k] ?? d[k];
      return typeof v === "string" ? v : dflt;
    };
    return {
      id,
      label,
      sandboxKey,
      ...(toolsKey ? { toolsKey } : {}),
      mode: str("mode", "off"),
      modeKey: pickKey("mode"),
      backend: str("backend", "docker"),
      workspaceAccess: str("workspaceAccess", "none"),
      workspaceAccessKey: pickKey("workspaceAccess"),
      docker,
      dockerKeys,
      binds,
      policy: toolPolicy(s, toolsKey),
    };
  };

  scopes.push(base("defaults", "agents.defaults", "agents.defaults.sandbox", d));
  for (const entry of agentEntries(s)) {
    if (entry.value.sandbox === undefined && entry.value.tools === undefined) continue;
    const sb = isObject(entry.value.sandbox) ? entry.value.sandbox : {};
    scopes.push(
      base(entry.id, `agent ${entry.id}`, `${entry.keyPath}.sandbox`, sb, `${entry.keyPath}.tools`),
    );
  }
  return scopes;
}
