import type { SkillReport } from "./types.js";

/**
 * A minimum-privilege OpenClaw agent for trying a new skill (K-05, assisted): sandbox on for every session,
 * no network, the workspace mounted read-only, the minimal tool profile, and only this skill visible.
 * Produced as a config fragment to review and merge; never applied silently.
 */
export function trialAgentId(skillName: string): string {
  return `trial-${
    skillName
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48) || "skill"
  }`;
}

export function trialProfile(
  report: Pick<SkillReport, "name" | "verdict">,
  opts: { agentId?: string; workspace?: string } = {},
): Record<string, unknown> {
  const id = opts.agentId ?? trialAgentId(report.name);
  return {
    agents: {
      entries: {
        [id]: {
          workspace: opts.workspace ?? `~/.openclaw/workspace-${id}`,
          skills: [report.name],
          sandbox: {
            mode: "all",
            scope: "session",
            workspaceAccess: "ro",
            docker: { network: "none", readOnlyRoot: true, capDrop: ["ALL"] },
          },
          tools: {
            profile: "minimal",
            deny: [
              "group:runtime",
              "group:web",
              "group:ui",
              "group:automation",
              "group:messaging",
              "group:nodes",
              "write",
              "edit",
              "apply_patch",
            ],
          },
        },
      },
    },
  };
}

export function renderTrial(
  report: Pick<SkillReport, "name" | "verdict">,
  profile: Record<string, unknown>,
): string {
  const id = Object.keys((profile.agents as { entries: Record<string, unknown> }).entries)[0];
  return [
    `// clawwarden trial profile for skill "${report.name}" (scan verdict: ${report.verdict}).`,
    `// Agent "${id}": sandbox mode all, network none, workspace read-only, minimal tools, only this skill.`,
    "// Review, then merge into openclaw.json (e.g. with $include) and talk to this agent only. Not applied automatically.",
    JSON.stringify(profile, null, 2),
    "",
  ].join("\n");
}
