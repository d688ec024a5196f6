import { SOUL_RULE_IDS, type SoulRuleId, soulMarker } from "../templates/soul.js";

/**
 * Whether a SOUL.md states each of the guide's six rule groups, in English or Chinese. A clawwarden marker
 * counts, and so does the rule in the user's own words (the guide's own template carries no markers), so a
 * hand-written SOUL.md is neither flagged nor given duplicate sections. Every pattern is bounded (no nested
 * quantifiers) and the text is capped by the collector (1 MB).
 */
const RULE_PATTERNS: Record<SoulRuleId, RegExp[]> = {
  "untrusted-content": [/untrusted|not\s+(?:be\s+)?trusted\s+(?:as\s+)?instructions?/i, /不可信|非可信/],
  "skill-poisoning": [
    /(?:skills?|plugins?|extensions?)[^\n]{0,120}(?:poison|not\s+(?:automatically\s+)?trusted|untrusted)|obfuscat/i,
    /投毒|混淆/,
  ],
  "confirm-sensitive": [
    /(?:explicit|express)(?:ly)?[^\n]{0,40}(?:confirm|approv|consent|yes)/i,
    /明确(?:确认|同意)/,
  ],
  "restricted-paths": [/~\/\.ssh|\.ssh\/|\.gnupg|\.aws\//i, /受限(?:路径|位置)/],
  "no-leaks": [
    /never[^\n]{0,60}(?:paste|put|print|reveal|share|send|leak)[^\n]{0,60}(?:secret|key|token|password)|exfiltrat|leak/i,
    /泄露|外泄|窃取/,
  ],
  "stop-on-suspicion": [/\bstop\b[^\n]{0,120}(?:explain|risk|safer)|suspicio/i, /立即停止|先停/],
};

export function soulRulesPresent(text: string): SoulRuleId[] {
  return SOUL_RULE_IDS.filter(
    (id) => text.includes(soulMarker(id)) || RULE_PATTERNS[id].some((pattern) => pattern.test(text)),
  );
}

/** The rule groups a SOUL.md lacks; empty when all six are there. */
export function soulRulesMissing(text: string): SoulRuleId[] {
  const present = new Set(soulRulesPresent(text));
  return SOUL_RULE_IDS.filter((id) => !present.has(id));
}
