import { readFileSync } from "node:fs";
import { join } from "node:path";
import { soulRulesMissing } from "../catalog/soul-rules.js";
import { fullSoul, soulSection } from "../templates/soul.js";
import type { Lang, Remediation } from "./types.js";

export { soulRulesMissing };

/** Existing SOUL.md with the missing rule sections appended; the user's text is never changed. */
export function mergeSoul(existing: string | null, lang: Lang): string {
  if (existing === null || existing.trim() === "") return fullSoul(lang);
  const missing = soulRulesMissing(existing);
  if (missing.length === 0) return existing;
  const heading = lang === "zh" ? "## 安全规则(由 clawwarden 补充)" : "## Safety rules (added by clawwarden)";
  const sep = existing.endsWith("\n") ? "\n" : "\n\n";
  return `${existing}${sep}${heading}\n\n${missing.map((id) => soulSection(lang, id)).join("\n")}`;
}

/** `--lang` wins; else LC_ALL / LC_MESSAGES / LANG starting with zh selects Chinese. */
export function soulLang(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  if (flag === "en" || flag === "zh") return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^zh/i.test(locale) ? "zh" : "en";
}

function read(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export const installSoul: Remediation = {
  id: "SOUL",
  title: "Hardened SOUL.md in every agent workspace",
  kind: "auto",
  alsoFor: ["D-04"],
  plan(ctx) {
    const steps = [];
    for (const ws of ctx.workspaces) {
      const path = join(ws.path, "SOUL.md");
      const before = read(path);
      const after = mergeSoul(before, ctx.lang);
      if (after === before) continue;
      const missing = soulRulesMissing(before ?? "");
      steps.push({
        kind: "write" as const,
        path,
        content: after,
        mode: 0o600,
        why:
          before === null
            ? `new SOUL.md for agent ${ws.agentId} (${ctx.lang})`
            : `append ${missing.length} missing rule section(s) to agent ${ws.agentId}'s SOUL.md; existing text kept`,
      });
    }
    if (!steps.length) return null;
    return {
      steps,
      consequences: ["agents read SOUL.md at the start of each session: new sessions follow the rules"],
      warnings: [],
    };
  },
};
