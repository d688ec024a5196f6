/**
 * Indirect injection (BIPIA-style): an instruction aimed at the assistant planted inside content that should be
 * data. Two structural signs, each cheap and linear: a prose line that asks or orders something sitting inside a
 * table, and a request to merge "the following code" into the assistant's own answer.
 */
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const REQUEST =
  /^(?:please\s+)?(?:what|who|how|why|when|where|which|explain|describe|write|draft|compose|translate|provide|give|list|summari[sz]e|create|generate|tell|recommend|suggest|analy[sz]e|calculate|convert|rewrite|answer|respond|reply|encode|decode|output|print|ignore|include|add|insert|remember|respond|make|develop|outline|compare|identify|share|offer|break down)\b[^\n]{3,300}$/i;
const MERGE_CODE =
  /\b(?:utili[sz]e|incorporate|include|integrate|merge|add|insert|use|embed|append|ensure|consider|don'?t hesitate to)\b[^\n]{0,60}\b(?:following|below|subsequent|this|given)\b[^\n]{0,40}\b(?:code|snippet|block|excerpt|section|segment|script)\b/i;

export function indirectInjection(text: string): string[] {
  const found: string[] = [];
  const lines = text.split("\n", 5000);
  const rows = lines.filter((l) => TABLE_ROW.test(l)).length;
  if (rows >= 3) {
    for (const l of lines) {
      const t = l.trim();
      if (!t || TABLE_ROW.test(l) || /^[-|:+\s]+$/.test(t)) continue;
      if (REQUEST.test(t) || (t.endsWith("?") && t.length < 300 && !t.includes("|"))) {
        found.push("indirect.request-in-table");
        break;
      }
    }
  }
  if (/```|\bdef |\bimport |\bfunction\b|;\s*$/m.test(text) && MERGE_CODE.test(text))
    found.push("indirect.merge-code");
  return found;
}
