import type { Signal } from "./types.js";

/**
 * OpenClaw's gateway log (`/tmp/openclaw/openclaw-YYYY-MM-DD.log`, or `logging.file`) is JSON lines written by
 * tslog: `{"0": "<subsystem>", "1": "<message>", "time": "...", "message": "...", "_meta": {...}}`. Older or
 * custom setups write plain text; both are read. Only the facts needed for an alert are kept (never the line).
 */
export function gatewayLogSignal(line: string, fallbackAt: Date): Signal | undefined {
  const { message, at } = parseLine(line, fallbackAt);
  if (!message) return undefined;
  // the gateway's own refusal record; the client's "gateway connect failed" line (the CLI may log to the same
  // file) and the structured follow-up record of the same refusal are not counted again
  const refusal =
    /\bunauthori[sz]ed conn=/.test(message) ||
    (/auth(?:entication)? failed|invalid (?:gateway )?token|token mismatch|password mismatch|AUTH_TOKEN_MISMATCH/i.test(
      message,
    ) &&
      /\b(?:remote|peer)=/.test(message) &&
      !/connect failed|GatewayClient/.test(message));
  if (refusal) {
    // remote= is the client address without its ephemeral port: one key per client, so thresholds count attempts
    const peer =
      /\bremote=\[?([0-9a-f.:]+?)\]?(?:\s|$)/i.exec(message)?.[1] ??
      /\bpeer=\[?([0-9a-f.]+|[0-9a-f:]+(?=\]))/i.exec(message)?.[1] ??
      "unknown";
    return {
      type: "gateway.auth_failure",
      severity: "medium",
      key: `auth:${peer}`,
      title: "gateway authentication failure",
      summary: `the gateway refused a client (${shorten(reason(message))})${peer !== "unknown" ? ` from ${peer}` : ""}`,
      item: "N-03",
      labels: { peer },
      at,
    };
  }
  if (
    /pairing request|pairing code|pending pairing|requested pairing/i.test(message) &&
    !/approved|rejected|expired/i.test(message)
  ) {
    const channel =
      /\b(telegram|discord|slack|whatsapp|signal|imessage|matrix|device)\b/i
        .exec(message)?.[1]
        ?.toLowerCase() ?? "unknown";
    return {
      type: "gateway.pairing_request",
      severity: "medium",
      key: `pairing:${channel}`,
      title: `new pairing request (${channel})`,
      summary: `someone asked to pair with the gateway over ${channel}; approve only people you know`,
      item: "D-02",
      labels: { channel },
      at,
    };
  }
  return undefined;
}

function parseLine(line: string, fallbackAt: Date): { message: string; at: Date } {
  if (line.startsWith("{")) {
    try {
      const j = JSON.parse(line) as Record<string, unknown>;
      // a structured record (an object as its argument) restates a refusal already logged as text: its
      // \`message\` is that object serialised, so only the text arguments are read
      const structured = j["1"] !== undefined && typeof j["1"] !== "string";
      const parts = (structured ? [j["0"]] : [j["0"], j["1"], j["2"], j.message]).filter(
        (v) => typeof v === "string",
      ) as string[];
      const t = typeof j.time === "string" ? new Date(j.time) : fallbackAt;
      return { message: parts.join(" "), at: Number.isNaN(t.getTime()) ? fallbackAt : t };
    } catch {
      // fall through: plain text
    }
  }
  return { message: line.slice(0, 4000), at: fallbackAt };
}

function reason(message: string): string {
  const coded = /\breason=([a-z_]+)/i.exec(message)?.[1];
  if (coded) return coded;
  return (
    /AUTH_TOKEN_MISMATCH|token mismatch|password mismatch|unauthori[sz]ed|auth(?:entication)? failed|invalid (?:gateway )?token/i.exec(
      message,
    )?.[0] ?? "auth"
  );
}

const shorten = (s: string) => s.slice(0, 80);
