import { randomBytes } from "node:crypto";
import { request } from "node:http";
import type { Socket } from "node:net";
import type { WsProbe } from "../../model/live-facts.js";

function frame(text: string): Buffer {
  const payload = Buffer.from(text, "utf8");
  const mask = randomBytes(4);
  const len = payload.length;
  const head =
    len < 126 ? Buffer.from([0x81, 0x80 | len]) : Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff]);
  const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([head, mask, masked]);
}

/** Decodes complete server frames (unmasked) from a buffer; returns them and the unused rest. */
export function readFrames(buf: Buffer): { frames: Array<{ op: number; data: Buffer }>; rest: Buffer } {
  const frames: Array<{ op: number; data: Buffer }> = [];
  let off = 0;
  while (buf.length - off >= 2) {
    const op = (buf[off] ?? 0) & 0x0f;
    let len = (buf[off + 1] ?? 0) & 0x7f;
    let hdr = 2;
    if (len === 126) {
      if (buf.length - off < 4) break;
      len = buf.readUInt16BE(off + 2);
      hdr = 4;
    } else if (len === 127) {
      if (buf.length - off < 10) break;
      len = Number(buf.readBigUInt64BE(off + 2));
      hdr = 10;
    }
    if (buf.length - off < hdr + len) break;
    frames.push({ op, data: buf.subarray(off + hdr, off + hdr + len) });
    off += hdr + len;
  }
  return { frames, rest: buf.subarray(off) };
}

const AUTH_WORDS = /unauthori|auth|token|password|pair|forbidden|denied|credential/i;

/**
 * Opens a WebSocket to the gateway without any credential and sends the protocol's `connect` request.
 * "refused" when the gateway rejects it (HTTP error, close 1008, or an error response), "accepted" on hello-ok.
 */
export async function probeWebSocket(
  host: string,
  port: number,
  timeoutMs = 4000,
  budgetMs = 15_000,
): Promise<WsProbe> {
  const until = Date.now() + budgetMs;
  for (;;) {
    const r = await attempt(host, port, timeoutMs);
    // A gateway still starting answers UNAVAILABLE/retryable: ask again within the budget.
    const wait = r.retryAfterMs;
    if (!wait || Date.now() + wait > until) return r.probe;
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 2000)));
  }
}

function attempt(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<{ probe: WsProbe; retryAfterMs?: number }> {
  const url = `ws://${host.includes(":") ? `[${host}]` : host}:${port}/`;
  return new Promise((resolve) => {
    let settled = false;
    let sock: Socket | undefined;
    const done = (outcome: WsProbe["outcome"], detail: string, retryAfterMs?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock?.destroy();
      req.destroy();
      resolve({ probe: { url, outcome, detail }, ...(retryAfterMs ? { retryAfterMs } : {}) });
    };
    const timer = setTimeout(() => done("error", `no answer within ${timeoutMs} ms`), timeoutMs);
    const req = request({
      host,
      port,
      path: "/",
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
      },
    });
    req.on("response", (res) => {
      res.resume();
      done(
        res.statusCode === 401 || res.statusCode === 403 ? "refused" : "error",
        `HTTP ${res.statusCode} instead of an upgrade`,
      );
    });
    req.on("error", (e) => done("error", e.message));
    req.on("upgrade", (_res, socket, head) => {
      sock = socket;
      let buf: Buffer = Buffer.from(head);
      let sent = false;
      const send = () => {
        if (sent) return;
        sent = true;
        const connect = {
          type: "req",
          id: "clawwarden-probe",
          method: "connect",
          params: {
            minProtocol: 1,
            maxProtocol: 99,
            // The local backend client may omit a device identity on loopback: only the gateway credential decides.
            client: { id: "gateway-client", version: "0.0.0", platform: "linux", mode: "backend" },
            role: "operator",
            scopes: ["operator.read"],
            caps: [],
          },
        };
        socket.write(frame(JSON.stringify(connect)));
      };
      // Older gateways send no challenge: send the connect request after a short wait either way.
      const fallback = setTimeout(send, 500);
      socket.on("data", (chunk: Buffer) => {
        const { frames, rest } = readFrames(Buffer.concat([buf, chunk]));
        buf = rest;
        for (const f of frames) {
          if (f.op === 8) {
            const code = f.data.length >= 2 ? f.data.readUInt16BE(0) : 0;
            const reason = f.data.subarray(2).toString("utf8");
            clearTimeout(fallback);
            return done(
              code === 1008 || AUTH_WORDS.test(reason) ? "refused" : "error",
              `closed ${code} ${reason}`.trim(),
            );
          }
          if (f.op !== 1) continue;
          let msg: {
            type?: string;
            event?: string;
            id?: string;
            ok?: boolean;
            error?: unknown;
            payload?: { type?: string };
          };
          try {
            msg = JSON.parse(f.data.toString("utf8"));
          } catch {
            continue;
          }
          if (msg.type === "event" && msg.event === "connect.challenge") {
            clearTimeout(fallback);
            send();
          } else if (msg.type === "res" && msg.id === "clawwarden-probe") {
            clearTimeout(fallback);
            if (msg.ok === true)
              return done("accepted", `connect without credentials answered ${msg.payload?.type ?? "ok"}`);
            const err = JSON.stringify(msg.error ?? {});
            const e = (msg.error ?? {}) as { retryable?: boolean; retryAfterMs?: number };
            if (e.retryable === true)
              return done("error", `connect rejected: ${err.slice(0, 200)}`, e.retryAfterMs ?? 500);
            return done(AUTH_WORDS.test(err) ? "refused" : "error", `connect rejected: ${err.slice(0, 200)}`);
          }
        }
      });
      socket.on("close", () =>
        done("refused", "connection closed without accepting the unauthenticated connect"),
      );
      socket.on("error", (e) => done("error", e.message));
    });
    req.end();
  });
}
