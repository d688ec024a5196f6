import { createHmac, timingSafeEqual } from "node:crypto";
import { DeliveryError, type Sink } from "../courier.js";
import type { Alert } from "../types.js";

export interface WebhookOptions {
  name: string;
  url: string;
  /** HMAC-SHA256 key, read by the caller from the environment variable the config names (never from the file). */
  secret?: string;
  timeoutMs?: number;
}

/**
 * POSTs `{"version":1,"alert":…}` as JSON. With a secret, `X-Clawwarden-Signature: t=<unix>,v1=<hex>` is
 * HMAC-SHA256 over `<t>.<body>` (the timestamp is signed so a receiver can refuse replays). 5xx, 429 and network
 * errors are retried by the courier; other 4xx are not.
 */
export function webhookSink(o: WebhookOptions): Sink {
  const url = new URL(o.url);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new RangeError(`webhook ${o.name}: http(s) URL needed`);
  return {
    name: o.name,
    type: "webhook",
    async deliver(alert: Alert) {
      const body = JSON.stringify({ version: 1, alert });
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "user-agent": "clawwarden-watch",
      };
      if (o.secret) {
        const t = Math.floor(Date.now() / 1000);
        const mac = createHmac("sha256", o.secret).update(`${t}.${body}`).digest("hex");
        headers["x-clawwarden-signature"] = `t=${t},v1=${mac}`;
      }
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers,
          body,
          redirect: "error",
          signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new DeliveryError(`webhook ${url.host}: ${(error as Error).message}`, true);
      }
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return;
      throw new DeliveryError(
        `webhook ${url.host}: HTTP ${res.status}`,
        res.status >= 500 || res.status === 429,
      );
    },
  };
}

/** For receivers: checks a signature header against the body (constant-time compare). */
export function verifyWebhookSignature(secret: string, header: string, body: string, maxAgeS = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(Date.now() / 1000 - t) > maxAgeS) return false;
  const want = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  const got = Buffer.from(m[2] as string, "hex");
  return got.length === want.length && timingSafeEqual(got, want);
}
