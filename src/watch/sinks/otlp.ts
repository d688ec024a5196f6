import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { DeliveryError, type Sink } from "../courier.js";
import type { Alert, AlertSeverity } from "../types.js";

export interface OtlpOptions {
  name: string;
  /** Full logs endpoint, e.g. http://127.0.0.1:4318/v1/logs. */
  url: string;
  encoding: "json" | "protobuf";
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** OTel SeverityNumber: ERROR=17, WARN=13, INFO=9; FATAL=21 for critical. */
const SEVERITY_NUMBER: Record<AlertSeverity, number> = {
  critical: 21,
  high: 17,
  medium: 13,
  low: 10,
  info: 9,
};

const PROTO_ROOT = fileURLToPath(new URL("../../../data/otlp/", import.meta.url));
let requestType: protobuf.Type | undefined;

/** `ExportLogsServiceRequest` from the official opentelemetry-proto files shipped in data/otlp. */
export function exportLogsRequestType(): protobuf.Type {
  if (!requestType) {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => `${PROTO_ROOT}${target}`;
    root.loadSync("opentelemetry/proto/collector/logs/v1/logs_service.proto", { keepCase: false });
    requestType = root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest");
  }
  return requestType;
}

const str = (key: string, value: string) => ({ key, value: { stringValue: value } });

/** The OTLP/JSON body (proto3 JSON mapping as OTLP specifies: camelCase, int64 as decimal strings). */
export function otlpLogsBody(alert: Alert): Record<string, unknown> {
  const nanos = `${BigInt(Date.parse(alert.at)) * 1_000_000n}`;
  return {
    resourceLogs: [
      {
        resource: { attributes: [str("service.name", "clawwarden"), str("host.name", hostname())] },
        scopeLogs: [
          {
            scope: { name: "clawwarden.watch" },
            logRecords: [
              {
                timeUnixNano: nanos,
                observedTimeUnixNano: nanos,
                severityNumber: SEVERITY_NUMBER[alert.severity],
                severityText: alert.severity.toUpperCase(),
                body: { stringValue: `${alert.title}: ${alert.summary}` },
                attributes: [
                  str("clawwarden.alert.id", alert.id),
                  str("clawwarden.alert.rule", alert.rule),
                  str("clawwarden.alert.type", alert.type),
                  str("clawwarden.alert.key", alert.key),
                  ...(alert.item ? [str("clawwarden.guide.item", alert.item)] : []),
                  ...Object.entries(alert.labels).map(([k, v]) => str(`clawwarden.label.${k}`, v)),
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

export function otlpSink(o: OtlpOptions): Sink {
  const url = new URL(o.url);
  return {
    name: o.name,
    type: "otlp",
    async deliver(alert: Alert) {
      const json = otlpLogsBody(alert);
      let body: Uint8Array | string;
      let contentType: string;
      if (o.encoding === "protobuf") {
        const type = exportLogsRequestType();
        body = type.encode(type.fromObject(json)).finish();
        contentType = "application/x-protobuf";
      } else {
        body = JSON.stringify(json);
        contentType = "application/json";
      }
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: { "content-type": contentType, ...(o.headers ?? {}) },
          body,
          redirect: "error",
          signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new DeliveryError(`otlp ${url.host}: ${(error as Error).message}`, true);
      }
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) {
        // OTLP/HTTP: 429, 502, 503, 504 are retryable; other errors are not
        throw new DeliveryError(
          `otlp ${url.host}: HTTP ${res.status}`,
          [429, 502, 503, 504].includes(res.status),
        );
      }
    },
  };
}
