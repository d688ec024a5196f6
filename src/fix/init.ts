import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fullSoul } from "../templates/soul.js";
import type { JsonValue } from "./config-edit.js";
import { autoRemediations, type PlanOptions } from "./plan.js";
import type { FixContext, ItemPlan, Lang, Profile, Step } from "./types.js";

/** The first text of a new config: only what OpenClaw needs to start; the baseline is added as edits. */
export const INIT_SKELETON = '{\n  "gateway": {\n    "mode": "local"\n  }\n}\n';

/**
 * Keys of the hardened baseline that the remediations do not set on their own (they only repair bad
 * values). From OpenClaw's documented hardened baseline, checked with `openclaw config validate`.
 */
export function baselinePlan(profile: Profile, port: number) {
  return (ctx: FixContext): ItemPlan => {
    const set = (keyPath: string[], value: JsonValue, why: string): Step => ({
      kind: "config",
      keyPath,
      value,
      why,
    });
    const steps: Step[] = [
      set(["gateway", "port"], port, "gateway port"),
      set(["gateway", "bind"], "loopback", "local access only (N-01)"),
      set(["gateway", "auth", "mode"], "token", "token authentication (N-03)"),
      set(["discovery", "mdns", "mode"], "off", "no LAN announcements (N-05)"),
      set(["session", "dmScope"], "per-channel-peer", "one session per sender"),
      set(
        ["agents", "defaults", "sandbox", "mode"],
        profile === "personal" ? "non-main" : "all",
        "sandboxed sessions (S-01)",
      ),
      set(
        ["agents", "defaults", "sandbox", "workspaceAccess"],
        profile === "personal" ? "ro" : "none",
        "read-only workspace (S-07)",
      ),
      set(["agents", "defaults", "sandbox", "docker", "network"], "none", "no egress from sandboxes (S-03)"),
      set(["tools", "elevated", "enabled"], false, "no elevated tools (S-05)"),
      set(["tools", "sessions", "visibility"], "agent", "sessions visible to their own agent only"),
      set(["tools", "agentToAgent", "enabled"], false, "no agent-to-agent messaging"),
    ];
    if (profile !== "personal") steps.push(set(["browser", "enabled"], false, "no browser control"));
    const workspace = join(ctx.stateDir, "workspace");
    mkdirSync(ctx.stateDir, { recursive: true, mode: 0o700 });
    steps.push({
      kind: "write",
      path: join(workspace, "SOUL.md"),
      content: fullSoul(ctx.lang),
      mode: 0o600,
      why: "hardened SOUL.md for the main agent",
    });
    return {
      id: "INIT",
      title: `Hardened ${profile} baseline`,
      kind: "auto",
      steps,
      consequences: [
        `start the gateway with \`openclaw gateway run\`; clients use OPENCLAW_GATEWAY_TOKEN from ${ctx.env.path}`,
      ],
      warnings: [],
    };
  };
}

/** Plan options for `clawwarden init`: the baseline, then every auto remediation on top of it. */
export function initPlanOptions(o: {
  stateDir: string;
  configPath: string;
  profile: Profile;
  port: number;
  lang: Lang;
  env: Record<string, string | undefined>;
  who: string;
  now: Date;
}): PlanOptions {
  const remediations = autoRemediations
    .filter((r) => r.id !== "SOUL")
    .map((r) => (ctx: FixContext): ItemPlan | null => {
      const p = r.plan(ctx);
      return p ? { id: r.id, title: r.title, kind: r.kind, ...p } : null;
    });
  return {
    stateDir: o.stateDir,
    configPath: o.configPath,
    profile: o.profile,
    lang: o.lang,
    assisted: false,
    assistedDir: o.stateDir,
    env: o.env,
    who: o.who,
    now: o.now,
    initialConfig: INIT_SKELETON,
    remediations: [],
    extra: [baselinePlan(o.profile, o.port), ...remediations],
  };
}
