import { classifyInjection } from "../../detect/injection-classify.js";
import { extractUrls } from "../../detect/urls.js";
import type { SessionState } from "../session.js";
import { EXEC_TOOLS, FETCH_TOOLS, MESSAGE_TOOLS } from "../tool-call.js";
import type { Verdict } from "../types.js";
import type { ToolCallContext } from "./context.js";

/** Tools whose output is content from outside (web pages, mail, webhooks, search results, other people's files). */
export const UNTRUSTED_SOURCES =
  /^(?:web_fetch|fetch|browser|web_search|http_request|email.*|gmail.*|inbox.*|imap.*|mail.*|read_email|webhook.*|rss.*|slack_read|discord_read|telegram_read|x_search|twitter.*)$/i;

/** ClickFix: a page telling the reader to paste a command into a terminal or the Run box. */
const CLICKFIX =
  /\b(?:copy|paste)\b[^\n]{0,60}\b(?:terminal|command prompt|powershell|run (?:box|dialog)|win\s*\+\s*r|cmd)\b|\b(?:press|hit)\s+(?:win(?:dows)?\s*\+\s*r|ctrl\s*\+\s*v)\b|(?:复制|粘贴)[^\n。]{0,20}(?:终端|命令行|运行)/i;
const EMAIL = /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g;

/**
 * SOUL 1 (D-04): untrusted content is data, never instructions. When a web page, mail or webhook carries injection
 * or ClickFix signs, the session is flagged and the hosts and addresses it named are remembered as attacker-chosen.
 * Returns the evidence, or undefined when the content looks clean.
 */
export function taintFromContent(
  session: SessionState,
  source: string,
  text: string,
  at: string,
): string | undefined {
  const verdict = classifyInjection(text);
  const clickfix = CLICKFIX.exec(text);
  if (!verdict.flagged && !clickfix) return undefined;
  const evidence = [...verdict.evidence.slice(0, 3), ...(clickfix ? ["clickfix.paste-command"] : [])].join(
    ", ",
  );
  const hosts = new Set(session.flagged?.hosts ?? []);
  const addresses = new Set(session.flagged?.addresses ?? []);
  for (const u of extractUrls(text).slice(0, 100)) hosts.add(u.host.toLowerCase());
  for (const m of text.matchAll(EMAIL)) {
    addresses.add(m[0].toLowerCase());
    if (addresses.size > 100) break;
  }
  session.flagged = { at, source, hosts, addresses, evidence };
  return evidence;
}

function hostOf(dest: string): string | undefined {
  try {
    return new URL(dest).hostname.toLowerCase();
  } catch {
    const m = /^(?:[\w.-]+@)?([\w.-]+\.[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?::|$)/i.exec(dest);
    return m?.[1]?.toLowerCase();
  }
}

/** After flagged content, outbound sends, commands and restricted access escalate; sends to the named places block. */
export function untrustedToolCall(rc: ToolCallContext): Verdict[] {
  const flag = rc.session.flagged;
  if (!flag) return [];
  const f = rc.facts;
  const named = [
    ...f.destinations.map(hostOf).filter((h): h is string => !!h && flag.hosts.has(h)),
    ...[...f.recipients, ...f.destinations, f.command ?? ""]
      .flatMap((r) => [...r.toLowerCase().matchAll(EMAIL)].map((m) => m[0]))
      .filter((a) => flag.addresses.has(a)),
  ];
  if (named.length) {
    return [
      {
        rule: "untrusted-content",
        action: "block",
        reason: `sends to ${named.join(", ")}, named by flagged content from ${flag.source} (${flag.evidence})`,
        message: `clawwarden guard: ${named.join(", ")} came from untrusted content (${flag.source}) that tried to give the agent instructions; sending there is blocked.`,
        targets: named,
        severity: "critical",
      },
    ];
  }
  const outbound =
    f.destinations.length > 0 ||
    f.recipients.length > 0 ||
    MESSAGE_TOOLS.has(f.tool) ||
    (FETCH_TOOLS.has(f.tool) && f.destinations.some((d) => /[?&][^=]+=/.test(d)));
  const runs = EXEC_TOOLS.has(f.tool);
  if (!outbound && !runs) return [];
  const configured = rc.policy.rules["untrusted-content"];
  if (configured === "off" || configured === "allow") return [];
  const action = configured === "block" ? "block" : "ask";
  const what = runs
    ? `run \`${(f.command ?? "").slice(0, 160)}\``
    : `send data to ${[...f.recipients, ...f.destinations].slice(0, 5).join(", ")}`;
  return [
    {
      rule: "untrusted-content",
      action,
      reason: `after flagged content from ${flag.source} (${flag.evidence}): ${what}`,
      message: `This session read untrusted content from ${flag.source} that looked like instructions (${flag.evidence}). The agent now wants to ${what}. Allow only if you asked for it.`,
      targets: [...f.recipients, ...f.destinations].slice(0, 20),
      severity: "warning",
    },
  ];
}
