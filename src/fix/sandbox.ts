import { dangerousBindSource } from "../catalog/sandbox.js";
import type { JsonValue } from "./config-edit.js";
import { agentScopes, isObj, StepList } from "./steps.js";
import type { Profile, Remediation } from "./types.js";

const SANDBOX_RESTART =
  "running sandbox containers keep the old settings until `openclaw sandbox recreate --all`";

export const sandboxMode: Remediation = {
  id: "S-01",
  title: "Sandbox agent sessions",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    const wanted = ctx.profile === "personal" ? "non-main" : "all";
    for (const scope of agentScopes(ctx)) {
      const path = [...scope.path, "sandbox", "mode"];
      const mode = s.get(path);
      if (scope.label !== "defaults" && mode === undefined) continue;
      if (mode === "all" || mode === wanted) continue;
      s.set(
        path,
        wanted,
        wanted === "all"
          ? "every session runs in a sandbox"
          : "every session except the owner's main one runs in a sandbox",
      );
    }
    const effective = s.get(["agents", "defaults", "sandbox", "mode"]) === "all" ? "all" : wanted;
    const dmScope = s.get(["session", "dmScope"]);
    const channels = s.get(["channels"]);
    const hasChannels =
      typeof channels === "object" &&
      channels !== null &&
      Object.keys(channels).some((k) => k !== "defaults");
    if (effective === "non-main" && hasChannels && (dmScope === undefined || dmScope === "main")) {
      // With dmScope "main" every DM lands in the unsandboxed main session.
      s.set(
        ["session", "dmScope"],
        "per-channel-peer",
        "direct messages get their own (sandboxed) sessions instead of the main one",
      );
      s.consequence(
        "each DM sender now has a separate session; DM history is no longer shared with the main session",
      );
    }
    if (s.steps.length) {
      s.consequence("sandboxed sessions need Docker (or the configured backend) on the gateway host");
      s.consequence(SANDBOX_RESTART);
    }
    return s.result();
  },
};

export const sandboxNoEgress: Remediation = {
  id: "S-03",
  dependsOn: ["S-01"],
  title: "No network for sandbox containers",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    for (const scope of agentScopes(ctx)) {
      const path = [...scope.path, "sandbox", "docker", "network"];
      const net = s.get(path);
      if (net === undefined || net === "none") continue;
      s.set(path, "none", `sandbox containers had network "${String(net)}"`);
    }
    if (s.steps.length) {
      s.consequence(
        "tools in the sandbox can no longer reach the network (setupCommand that downloads needs a custom image)",
      );
      s.consequence(SANDBOX_RESTART);
    }
    return s.result();
  },
};

function readOnlyBind(bind: string): string {
  const parts = bind.split(":");
  if (parts.length >= 3) {
    const opts = (parts.at(-1) as string).split(",").filter((o) => o !== "rw" && o !== "ro");
    return [...parts.slice(0, -1), ["ro", ...opts].join(",")].join(":");
  }
  return `${bind}:ro`;
}

export const readOnlyMounts: Remediation = {
  id: "S-07",
  dependsOn: ["S-01"],
  title: "Read-only workspace and bind mounts in the sandbox",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    const access = ctx.profile === "personal" ? "ro" : "none";
    for (const scope of agentScopes(ctx)) {
      const wa = [...scope.path, "sandbox", "workspaceAccess"];
      if (s.get(wa) === "rw") s.set(wa, access, `the agent workspace is no longer writable from the sandbox`);
      const rootPath = [...scope.path, "sandbox", "docker", "readOnlyRoot"];
      if (s.get(rootPath) === false) {
        s.set(rootPath, true, "the container's root filesystem becomes read-only");
        s.consequence(
          `${scope.label}: sandbox tools can write only to the workspace and tmpfs mounts; images that write elsewhere need a tmpfs entry`,
        );
      }
      const bindsPath = [...scope.path, "sandbox", "docker", "binds"];
      const binds = s.get(bindsPath);
      if (!Array.isArray(binds)) continue;
      // A dangerous source (engine socket, credential dirs, whole home) is dropped: read-only is not enough,
      // a read-only docker.sock still controls the engine.
      const dropped = binds.filter(
        (b) => typeof b === "string" && dangerousBindSource(b.split(":")[0] ?? "") !== undefined,
      ) as string[];
      const kept = binds
        .filter((b) => !dropped.includes(b as string))
        .map((b) => (typeof b === "string" ? readOnlyBind(b) : b)) as JsonValue[];
      if (kept.length === binds.length && kept.every((b, i) => b === binds[i])) continue;
      s.set(
        bindsPath,
        kept,
        dropped.length
          ? `removed ${dropped.map((b) => dangerousBindSource(b.split(":")[0] ?? "")).join(", ")}; the rest become read-only`
          : "bind mounts become read-only",
      );
      for (const b of dropped) {
        s.consequence(
          `${scope.label}: sandbox containers no longer get "${b}" — ${dangerousBindSource(b.split(":")[0] ?? "")}; tools that drove the host through it stop working, which is the point`,
        );
      }
    }
    if (s.steps.length)
      s.consequence("agents that must write files need an explicit rw bind you add back on purpose");
    return s.result();
  },
};

/** Production is OpenClaw's documented hardened baseline deny list; strict adds UI, web and nodes. */
const RISKY_DENY: Record<Profile, string[]> = {
  personal: ["group:automation", "group:nodes"],
  production: ["group:automation", "group:runtime", "group:fs", "sessions_spawn", "sessions_send"],
  strict: [
    "group:automation",
    "group:runtime",
    "group:fs",
    "group:nodes",
    "group:ui",
    "group:web",
    "sessions_spawn",
    "sessions_send",
  ],
};
const PROFILE_TOOLS: Record<Profile, string> = {
  personal: "coding",
  production: "messaging",
  strict: "messaging",
};

export const toolPolicy: Remediation = {
  id: "S-04",
  title: "Least-privilege tool policy",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    const profile = s.get(["tools", "profile"]);
    const wanted = PROFILE_TOOLS[ctx.profile];
    const acceptable =
      ctx.profile === "personal" ? ["coding", "messaging", "minimal"] : ["messaging", "minimal"];
    if (typeof profile !== "string" || !acceptable.includes(profile)) {
      s.set(
        ["tools", "profile"],
        wanted,
        `tool allow list "${wanted}" instead of ${profile === undefined ? "no filtering" : `"${String(profile)}"`}`,
      );
    }
    const deny = s.get(["tools", "deny"]);
    const current = Array.isArray(deny) ? (deny as string[]) : [];
    const effective = typeof profile === "string" && acceptable.includes(profile) ? profile : wanted;
    // messaging/minimal do not include the risky groups at all; personal needs no extra deny there
    const needed = ctx.profile === "personal" && effective !== "coding" ? [] : RISKY_DENY[ctx.profile];
    const missing = needed.filter((t) => !current.includes(t));
    if (missing.length)
      s.set(["tools", "deny"], [...current, ...missing], `deny risky tools: ${missing.join(", ")}`);
    for (const scope of [
      { label: "tools", path: ["tools"] },
      ...agentScopes(ctx)
        .filter((a) => a.label !== "defaults")
        .map((a) => ({ label: `agent ${a.label}`, path: [...a.path, "tools"] })),
    ]) {
      for (const key of ["allow", "alsoAllow"]) {
        const list = s.get([...scope.path, key]);
        if (!Array.isArray(list) || !list.includes("*")) continue;
        const rest = list.filter((t) => t !== "*");
        if (rest.length) s.set([...scope.path, key], rest as JsonValue, `"*" allowed every tool`);
        else s.unset([...scope.path, key], `["*"] allowed every tool; the tool profile decides again`);
        s.consequence(`${scope.label}: tools outside the profile need an explicit ${key} entry now`);
      }
      if (scope.label !== "tools") {
        const agentProfile = s.get([...scope.path, "profile"]);
        if (typeof agentProfile === "string" && !acceptable.includes(agentProfile))
          s.set([...scope.path, "profile"], wanted, `${scope.label} had tool profile "${agentProfile}"`);
      }
    }
    if (s.get(["tools", "fs", "workspaceOnly"]) !== true) {
      s.set(["tools", "fs", "workspaceOnly"], true, "file tools stay inside the agent workspace");
    }
    if (s.steps.length)
      s.consequence("agents lose the denied tools; re-allow one with tools.alsoAllow only when needed");
    return s.result();
  },
};

const EXEC_TARGET: Record<Profile, { security: string; ask: string; mode: string }> = {
  personal: { security: "allowlist", ask: "on-miss", mode: "ask" },
  production: { security: "deny", ask: "always", mode: "deny" },
  strict: { security: "deny", ask: "always", mode: "deny" },
};
const EXEC_RANK: Record<string, number> = { deny: 0, allowlist: 1, ask: 1, auto: 2, full: 3 };

export const elevatedOff: Remediation = {
  id: "S-05",
  title: "Elevated tools off, no wildcard senders, stricter exec",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    if (s.get(["tools", "elevated", "enabled"]) !== false) {
      s.set(["tools", "elevated", "enabled"], false, "no sender can run tools outside the sandbox");
    }
    const allowFrom = s.get(["tools", "elevated", "allowFrom"]);
    if (isObj(allowFrom)) {
      for (const ch of Object.keys(allowFrom))
        s.dropWildcards(["tools", "elevated", "allowFrom", ch], `"*" let anyone on ${ch} elevate`);
    }
    const target = EXEC_TARGET[ctx.profile];
    for (const scope of [
      { path: ["tools", "exec"] },
      ...agentScopes(ctx)
        .filter((a) => a.label !== "defaults")
        .map((a) => ({ path: [...a.path, "tools", "exec"] })),
    ]) {
      const exec = s.get(scope.path);
      const isTop = scope.path.length === 2;
      if (!isObj(exec) && !isTop) continue;
      const e = isObj(exec) ? exec : {};
      if (typeof e.mode === "string") {
        if ((EXEC_RANK[e.mode] ?? 3) > (EXEC_RANK[target.mode] ?? 0))
          s.set([...scope.path, "mode"], target.mode, `exec mode "${e.mode}" ran commands without approval`);
        continue;
      }
      const sec = e.security;
      if (sec === undefined || sec === "full" || (sec === "allowlist" && target.security === "deny")) {
        s.set(
          [...scope.path, "security"],
          target.security,
          `exec security "${String(sec ?? "full (default)")}" ran any command`,
        );
        if (e.ask !== "always")
          s.set([...scope.path, "ask"], target.ask, "ask before commands outside the allow list");
      }
    }
    if (s.get(["tools", "exec", "applyPatch", "workspaceOnly"]) === false) {
      s.set(["tools", "exec", "applyPatch", "workspaceOnly"], true, "apply_patch stays inside the workspace");
    }
    if (s.steps.length) s.consequence("commands now need approval (`/approve`) or an allow-list entry");
    return s.result();
  },
};
