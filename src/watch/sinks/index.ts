import { InputError } from "../../util/errors.js";
import type { Sink } from "../courier.js";
import type { SinkConfig } from "../types.js";
import { jsonlSink, stdoutSink } from "./lines.js";
import { otlpSink } from "./otlp.js";
import { syslogSink } from "./syslog.js";
import { webhookSink } from "./webhook.js";

/**
 * Sinks from `watch.sinks`. Secrets (webhook HMAC keys, OTLP auth headers) are named by environment variable in
 * the config and read here, so clawwarden.json never holds one. The prometheus entry is an endpoint, not a sink.
 */
export function buildSinks(configs: SinkConfig[], env: NodeJS.ProcessEnv): Sink[] {
  const sinks: Sink[] = [];
  const names = new Set<string>();
  configs.forEach((c, i) => {
    const name = c.name ?? `${c.type}${i}`;
    if (names.has(name)) throw new InputError(`watch.sinks: two sinks named ${name}`);
    names.add(name);
    switch (c.type) {
      case "stdout":
        sinks.push(stdoutSink(name));
        return;
      case "jsonl":
        sinks.push(jsonlSink(name, c.path));
        return;
      case "webhook": {
        const secret = c.secretEnv ? env[c.secretEnv] : undefined;
        if (c.secretEnv && !secret) throw new InputError(`watch.sinks.${name}: ${c.secretEnv} is not set`);
        sinks.push(
          webhookSink({
            name,
            url: c.url,
            ...(secret ? { secret } : {}),
            ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
          }),
        );
        return;
      }
      case "syslog":
        sinks.push(syslogSink({ name, ...c }));
        return;
      case "otlp": {
        const headers = c.headersEnv ? parseHeaders(env[c.headersEnv] ?? "") : {};
        sinks.push(otlpSink({ name, url: c.url, encoding: c.encoding ?? "protobuf", headers }));
        return;
      }
      case "prometheus":
        return;
      default:
        throw new InputError(
          `watch.sinks: unknown sink type ${JSON.stringify((c as { type: unknown }).type)}`,
        );
    }
  });
  return sinks;
}

/** OTEL_EXPORTER_OTLP_HEADERS format: `k1=v1,k2=v2`. */
function parseHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}
