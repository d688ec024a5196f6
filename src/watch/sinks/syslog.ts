import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { isIP, connect as netConnect, type Socket } from "node:net";
import { hostname } from "node:os";
import { connect as tlsConnect } from "node:tls";
import { DeliveryError, type Sink } from "../courier.js";
import type { Alert, AlertSeverity } from "../types.js";

export interface SyslogOptions {
  name: string;
  host: string;
  port: number;
  protocol: "udp" | "tcp" | "tls";
  /** RFC 5424 facility number; default 16 (local0). */
  facility?: number;
  caFile?: string;
  timeoutMs?: number;
}

const SYSLOG_SEVERITY: Record<AlertSeverity, number> = { critical: 2, high: 3, medium: 4, low: 5, info: 6 };
/** 32473 is the private enterprise number reserved for documentation (RFC 5612), the usual choice for SD-IDs of
 * tools without their own. */
const SD_ID = "clawwarden@32473";

/** One RFC 5424 message: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG`, with SD-PARAM values escaped. */
export function formatRfc5424(alert: Alert, facility = 16, host = hostname()): string {
  const pri = facility * 8 + SYSLOG_SEVERITY[alert.severity];
  const params: Array<[string, string]> = [
    ["id", alert.id],
    ["rule", alert.rule],
    ["type", alert.type],
    ["severity", alert.severity],
    ["key", alert.key],
    ...(alert.item ? ([["item", alert.item]] as Array<[string, string]>) : []),
    ["count", String(alert.count)],
  ];
  const sd = `[${SD_ID} ${params.map(([k, v]) => `${k}="${v.replace(/["\\\]]/g, (c) => `\\${c}`)}"`).join(" ")}]`;
  const msgid = alert.type.replace(/[^\x21-\x7e]/g, "_").slice(0, 32) || "-";
  const h = host.replace(/[^\x21-\x7e]/g, "_").slice(0, 255) || "-";
  const msg = `${alert.title}: ${alert.summary}`.replace(/[\r\n]+/g, " ");
  return `<${pri}>1 ${alert.at} ${h} clawwarden ${process.pid} ${msgid} ${sd} \uFEFF${msg}`;
}

/** UDP (one datagram per message), TCP or TLS with RFC 6587 octet-counting framing. */
export function syslogSink(o: SyslogOptions): Sink {
  const timeout = o.timeoutMs ?? 5000;
  const ca = o.caFile ? readFileSync(o.caFile) : undefined;
  return {
    name: o.name,
    type: "syslog",
    async deliver(alert: Alert) {
      const line = formatRfc5424(alert, o.facility);
      if (o.protocol === "udp") return sendUdp(o.host, o.port, Buffer.from(line), timeout);
      const payload = Buffer.from(line);
      const framed = Buffer.concat([Buffer.from(`${payload.length} `), payload]);
      await sendStream(o, framed, timeout, ca);
    },
  };
}

function sendUdp(host: string, port: number, msg: Buffer, timeout: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = createSocket(host.includes(":") ? "udp6" : "udp4");
    const timer = setTimeout(() => {
      sock.close();
      reject(new DeliveryError(`syslog udp ${host}:${port}: timeout`, true));
    }, timeout);
    sock.send(msg, port, host, (error) => {
      clearTimeout(timer);
      sock.close();
      if (error) reject(new DeliveryError(`syslog udp ${host}:${port}: ${error.message}`, true));
      else resolve();
    });
  });
}

function sendStream(o: SyslogOptions, framed: Buffer, timeout: number, ca?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let sock: Socket;
    const fail = (error: Error) => {
      sock.destroy();
      reject(new DeliveryError(`syslog ${o.protocol} ${o.host}:${o.port}: ${error.message}`, true));
    };
    const onConnect = () => {
      sock.end(framed, () => resolve());
    };
    sock =
      o.protocol === "tls"
        ? tlsConnect(
            {
              host: o.host,
              port: o.port,
              ...(isIP(o.host) ? {} : { servername: o.host }),
              ...(ca ? { ca } : {}),
            },
            onConnect,
          )
        : netConnect({ host: o.host, port: o.port }, onConnect);
    sock.setTimeout(timeout, () => fail(new Error("timeout")));
    sock.once("error", fail);
  });
}
