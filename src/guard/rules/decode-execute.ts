import type { SimpleCommand } from "../command.js";
import { isInterpreter } from "../tool-call.js";
import type { Verdict } from "../types.js";
import type { ToolCallContext } from "./context.js";

const FETCH = new Set(["curl", "wget", "fetch", "aria2c", "http", "xh", "nc", "ncat"]);
const DECODE = (c: SimpleCommand) =>
  (c.name === "base64" && c.args.some((a) => /^-(?:d|D|-decode)$/.test(a))) ||
  (c.name === "xxd" && c.args.includes("-r")) ||
  (c.name === "openssl" && c.args.includes("-d")) ||
  c.name === "gunzip" ||
  c.name === "zcat" ||
  (c.name === "rev" && false);
const CODE_DECODE_EXEC =
  /\b(?:exec|eval)\s*\(\s*(?:base64\.b64decode|codecs\.decode|bytes\.fromhex|zlib\.decompress|urllib\.request\.urlopen|requests\.get|__import__\(['"]base64)|\beval\s*\(\s*(?:atob|Buffer\.from)\(|\bFunction\s*\(\s*atob\(/;

/** SOUL 2: remote or decoded code run in one step — `curl … | sh`, `base64 -d | bash`, `bash -c "$(curl …)"`, exec(b64decode(…)). */
export function decodeExecute(rc: ToolCallContext): Verdict[] {
  const p = rc.facts.parsed;
  if (!p) return [];
  const why: string[] = [];
  for (const stages of p.pipelines) {
    const src = stages.findIndex((s) => FETCH.has(s.name) || DECODE(s));
    if (src >= 0 && stages.slice(src + 1).some((s) => isInterpreter(s.name))) {
      why.push(
        `${stages.map((s) => s.name).join(" | ")}: ${FETCH.has(stages[src]?.name ?? "") ? "downloaded" : "decoded"} code piped into an interpreter`,
      );
    }
  }
  for (const c of p.commands) {
    const script = c.args.join(" ");
    if (
      isInterpreter(c.name) &&
      /\$\(|`|<\(/.test(script) &&
      /\b(?:curl|wget|base64\s+-{1,2}d|xxd\s+-r)/.test(script)
    ) {
      why.push(`${c.name} runs the output of a download or decode`);
    }
    if (
      ["python", "python3", "node", "perl", "ruby", "php"].includes(c.name) &&
      CODE_DECODE_EXEC.test(script)
    ) {
      why.push(`${c.name} evaluates decoded or downloaded code`);
    }
  }
  if (!why.length) return [];
  return [
    {
      rule: "decode-execute",
      action: "block",
      reason: why.join("; "),
      message:
        "clawwarden guard: running downloaded or decoded code in one step is not allowed (the ClickFix/dropper pattern). Download, read and review it first.",
      severity: "critical",
    },
  ];
}
