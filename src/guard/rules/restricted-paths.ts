import { restrictedReason } from "../paths.js";
import type { Verdict } from "../types.js";
import type { ToolCallContext } from "./context.js";

/** SOUL 4: `~/.ssh`, `~/.aws`, OpenClaw's own secrets and key material, in read/write/edit/patch and inside commands. */
export function restrictedPaths(rc: ToolCallContext): Verdict[] {
  const hits = new Map<string, string>();
  for (const p of [...rc.facts.reads, ...rc.facts.writes, ...rc.facts.attachments]) {
    const why = restrictedReason(p, rc.paths);
    if (why) hits.set(p, why);
  }
  if (!hits.size) return [];
  const list = [...hits].slice(0, 10);
  return [
    {
      rule: "restricted-paths",
      action: "block",
      reason: list.map(([p, why]) => `${p}: ${why}`).join("; "),
      message: `clawwarden guard: access to ${list.map(([p]) => p).join(", ")} is not allowed (${list[0]?.[1]}). Ask the owner to do this by hand if it is really needed.`,
      targets: list.map(([p]) => p),
      severity: "critical",
    },
  ];
}
