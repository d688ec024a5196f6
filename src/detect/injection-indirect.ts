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

/** Signs that a text is an email or notification (external content the assistant should only read). */
const EMAIL_SIGNS = [
  /^\s*(?:subject|from|to|date|sent|cc)\s*:/im,
  /\bunsubscribe\b/i,
  /\breply to this (?:e-?mail|message)\b/i,
  /\b(?:sent with|best regards|kind regards|regards|sincerely|cheers|thanks|thank you)\b[,!]?\s*$/im,
  /^\s*(?:dear|hi|hello|hey)\b[^\n]{0,40}[,:]?\s*$/im,
  /\b(?:street|suite|avenue|ave\.|blvd|inc\.|ltd\.|llc)\b/i,
  /©|\bprivacy policy\b|\bview (?:it )?in (?:your )?browser\b/i,
  /\b(?:invoice|receipt|order|payment|transaction|account)\s*(?:#|number|no\.|details)/i,
];
/** Lines an email normally has that look like requests: calls to action about the email itself. */
const EMAIL_CTA =
  /\b(?:this (?:e-?mail|message|invoice|receipt|link)|unsubscribe|our (?:team|website|app|support)|your (?:account|order|subscription|password|invoice|receipt|payment|card)|click|tap|below|attached|log ?in|sign ?in|contact (?:us|support)|let (?:me|us) know|reach out|feel free|call (?:me|us))\b/i;
/** A request that concerns the assistant's own reply: "Add X to your reply", "Provide your reply using…". */
const REPLY_STEERING = /\byour (?:reply|response|answer|message|output|summary)\b/i;

function emailLike(text: string): boolean {
  let signs = 0;
  for (const re of EMAIL_SIGNS) if (re.test(text) && ++signs >= 2) return true;
  return false;
}

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
  // Inside an email: a line of its own that orders the assistant around (or steers its reply), unrelated to
  // the email's own calls to action, is a planted task.
  if (text.length > 200 && emailLike(text)) {
    // Sentences, not only lines: a planted task is often spliced into the middle of a paragraph.
    const sentences = text.slice(0, 200_000).split(/(?<=[.!?])\s*|\n+|(?<=[a-z0-9)])(?=[A-Z][a-z]+ )/);
    for (const s of sentences) {
      const t = s.trim();
      if (t.length < 12 || t.length > 240 || EMAIL_CTA.test(t)) continue;
      const personal = /\b(?:we|our|us|i|my|thank|thanks)\b/i.test(t);
      const steering = REPLY_STEERING.test(t) && /^(?:in your|[A-Z][a-z]+)\b/.test(t);
      const request =
        REQUEST.test(t) ||
        (t.endsWith("?") && /^(?:what|who|how|why|when|where|which|can you|could you)\b/i.test(t));
      if ((steering || request) && !personal) {
        found.push("indirect.request-in-email");
        break;
      }
    }
  }
  return found;
}
