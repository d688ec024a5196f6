import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Courier, type Sink } from "../../src/watch/courier.js";
import { serveMetrics, WatchMetrics } from "../../src/watch/metrics.js";
import { exportLogsRequestType, otlpSink } from "../../src/watch/sinks/otlp.js";
import { syslogSink } from "../../src/watch/sinks/syslog.js";
import { verifyWebhookSignature, webhookSink } from "../../src/watch/sinks/webhook.js";
import type { Alert } from "../../src/watch/types.js";

// A Slack-bot-token-shaped value built at run time (never a real token): it must never reach a receiver.
const FAKE_TOKEN = ["xoxb", "123456789012", "123456789012", "abcdefghijABCDEFGHIJklmn"].join("-");

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: "a1b2c3d4e5f60718",
    at: "2026-12-01T10:00:00.000Z",
    rule: "default",
    type: "audit.regression",
    severity: "high",
    key: "N-01",
    title: "N-01 regressed: gateway reachable beyond loopback",
    summary: `bind changed to lan; token in config: ${FAKE_TOKEN}`,
    item: "N-01",
    labels: { file: "/srv/openclaw/openclaw.json" },
    count: 1,
    ...over,
  };
}

interface ExportedLogs {
  resourceLogs: Array<{
    scopeLogs: Array<{
      logRecords: Array<{
        severityNumber: number;
        timeUnixNano: string;
        attributes: Array<{ key: string; value: { stringValue: string } }>;
      }>;
    }>;
  }>;
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "cw-watch-sinks-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function listen(
  handler: (req: IncomingMessage, body: Buffer) => number,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c) => parts.push(c));
    req.on("end", () => res.writeHead(handler(req, Buffer.concat(parts))).end());
  });
  return new Promise((r) =>
    server.listen(0, "127.0.0.1", () => {
      const a = server.address();
      r({ server, url: `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}` });
    }),
  );
}

async function freePort(): Promise<number> {
  const { server } = await listen(() => 200);
  const a = server.address();
  await new Promise((r) => server.close(r));
  return typeof a === "object" && a ? a.port : 0;
}

/** Starts a real rsyslogd on `conf` and waits until its TCP input accepts connections. */
async function startRsyslog(dir: string, conf: string, tcpPort: number): Promise<ChildProcess> {
  writeFileSync(join(dir, "rsyslog.conf"), conf);
  const child = spawn("/usr/sbin/rsyslogd", ["-n", "-f", join(dir, "rsyslog.conf"), "-i", join(dir, "pid")], {
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((r) => {
      const sock = connect({ host: "127.0.0.1", port: tcpPort }, () => {
        sock.destroy();
        r(true);
      });
      sock.once("error", () => r(false));
    });
    if (up) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error("rsyslogd did not start");
}

/** The file's text once `done` holds (rsyslog writes asynchronously). */
async function readWhen(file: string, done: (text: string) => boolean): Promise<string> {
  let text = "";
  for (let i = 0; i < 50 && !done(text); i++) {
    await new Promise((r) => setTimeout(r, 100));
    text = existsSync(file) ? readFileSync(file, "utf8") : "";
  }
  return text;
}

describe("webhook sink", () => {
  it("signs the body (HMAC-SHA256 over timestamp.body), retries 503 with backoff, never sends the secret", async () => {
    const bodies: string[] = [];
    let calls = 0;
    const { server, url } = await listen((req, body) => {
      calls++;
      if (calls <= 2) return 503;
      const text = body.toString();
      expect(verifyWebhookSignature("hook-key", String(req.headers["x-clawwarden-signature"]), text)).toBe(
        true,
      );
      expect(verifyWebhookSignature("wrong-key", String(req.headers["x-clawwarden-signature"]), text)).toBe(
        false,
      );
      bodies.push(text);
      return 200;
    });
    const c = new Courier(webhookSink({ name: "hook", url: `${url}/alerts`, secret: "hook-key" }), {
      backoffMs: 20,
    });
    c.enqueue(alert());
    await c.flush(5000);
    server.close();
    expect(calls).toBe(3);
    expect(c.status).toMatchObject({ delivered: 1, failed: 0 });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toContain(FAKE_TOKEN);
    expect(bodies[0]).toMatch(/\[secret xoxb/);
    expect(JSON.parse(bodies[0] as string).alert.item).toBe("N-01");
  });

  it("a 4xx is not retried; the failure is recorded without secrets", async () => {
    let calls = 0;
    const { server, url } = await listen(() => {
      calls++;
      return 400;
    });
    const c = new Courier(webhookSink({ name: "hook", url }), { backoffMs: 10 });
    c.enqueue(alert());
    await c.flush(5000);
    server.close();
    expect(calls).toBe(1);
    expect(c.status).toMatchObject({ delivered: 0, failed: 1 });
    expect(c.status.lastError).toMatch(/HTTP 400/);
  });
});

describe("courier", () => {
  it("never blocks the caller: a stuck sink fills its bounded queue, the rest are dropped and counted", async () => {
    let release: () => void = () => {};
    const stuck: Sink = {
      name: "stuck",
      type: "test",
      deliver: () => new Promise<void>((r) => (release = r)),
    };
    const c = new Courier(stuck, { capacity: 5 });
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) c.enqueue(alert({ id: String(i) }));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(c.status.dropped).toBe(94);
    release();
  });
});

describe("OTLP/HTTP logs sink", () => {
  for (const encoding of ["protobuf", "json"] as const) {
    it(`${encoding}: the receiver decodes an ExportLogsServiceRequest with the official proto definitions`, async () => {
      const got: Array<Record<string, unknown>> = [];
      const type = exportLogsRequestType();
      const { server, url } = await listen((req, body) => {
        const msg =
          req.headers["content-type"] === "application/x-protobuf"
            ? type.decode(body)
            : type.fromObject(JSON.parse(body.toString()));
        expect(type.verify(type.toObject(msg))).toBeNull();
        got.push(type.toObject(msg, { longs: String, enums: Number }) as Record<string, unknown>);
        return 200;
      });
      const c = new Courier(otlpSink({ name: "otel", url: `${url}/v1/logs`, encoding }));
      c.enqueue(alert());
      await c.flush(5000);
      server.close();
      expect(c.status.delivered).toBe(1);
      const rec = (got[0] as unknown as ExportedLogs).resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
      if (!rec) throw new Error("no log record");
      expect(rec.severityNumber).toBe(17);
      expect(rec.timeUnixNano).toBe("1796119200000000000");
      expect(JSON.stringify(got)).not.toContain(FAKE_TOKEN);
      const attrs = Object.fromEntries(rec.attributes.map((a) => [a.key, a.value.stringValue]));
      expect(attrs["clawwarden.guide.item"]).toBe("N-01");
    });
  }
});

/** A real rsyslogd (Debian) on loopback, parsing what the sink sends as RFC 5424 over UDP and TCP. */
describe("syslog sink → real rsyslog", () => {
  let rsyslog: ChildProcess | undefined;
  let dir: string;
  let udpPort: number;
  let tcpPort: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(root, "rsyslog-"));
    udpPort = await freePort();
    tcpPort = await freePort();
    rsyslog = await startRsyslog(
      dir,
      `global(workDirectory="${dir}")
module(load="imudp")
module(load="imtcp")
input(type="imudp" address="127.0.0.1" port="${udpPort}")
input(type="imtcp" address="127.0.0.1" port="${tcpPort}")
template(name="fields" type="string" string="%syslogfacility%|%syslogseverity%|%app-name%|%msgid%|%structured-data%|%msg%\\n")
*.* action(type="omfile" file="${dir}/out.log" template="fields")
`,
      tcpPort,
    );
  });
  afterAll(() => rsyslog?.kill("SIGTERM"));

  const lines = async (n: number) =>
    (await readWhen(join(dir, "out.log"), (t) => t.split("\n").filter(Boolean).length >= n))
      .split("\n")
      .filter(Boolean);

  it("UDP and TCP (octet counting): facility, severity, app, msgid and structured data parsed by rsyslog", async () => {
    const udp = new Courier(syslogSink({ name: "u", host: "127.0.0.1", port: udpPort, protocol: "udp" }));
    udp.enqueue(alert());
    await udp.flush(5000);
    const tcp = new Courier(
      syslogSink({ name: "t", host: "127.0.0.1", port: tcpPort, protocol: "tcp", facility: 10 }),
    );
    tcp.enqueue(alert({ severity: "critical", key: 'quote"and]bracket' }));
    await tcp.flush(5000);
    expect(udp.status.delivered).toBe(1);
    expect(tcp.status.delivered).toBe(1);
    const got = await lines(2);
    const udpLine = got.find((l) => l.startsWith("16|"));
    const tcpLine = got.find((l) => l.startsWith("10|"));
    expect(udpLine?.split("|").slice(0, 4)).toEqual(["16", "3", "clawwarden", "audit.regression"]);
    expect(udpLine).toContain('[clawwarden@32473 id="a1b2c3d4e5f60718" rule="default"');
    expect(tcpLine?.split("|").slice(0, 2)).toEqual(["10", "2"]);
    expect(tcpLine).toContain('key="quote\\"and\\]bracket"');
    expect(got.join("\n")).not.toContain(FAKE_TOKEN);
  });
});

/** rsyslog with the GnuTLS driver (Debian rsyslog-gnutls): TLS syslog with a CA the test makes, and a wrong CA. */
describe("syslog sink over TLS → real rsyslog", () => {
  let rsyslog: ChildProcess | undefined;
  let dir: string;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(root, "rsyslog-tls-"));
    const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
    ssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=cw-test-ca",
    );
    ssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
      "-subj",
      "/CN=localhost",
    );
    writeFileSync(join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ssl(
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "server.pem",
      "-days",
      "2",
      "-extfile",
      "san.ext",
    );
    ssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "other.key",
      "-out",
      "other-ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=other-ca",
    );
    port = await freePort();
    rsyslog = await startRsyslog(
      dir,
      `global(workDirectory="${dir}" DefaultNetstreamDriver="gtls" DefaultNetstreamDriverCAFile="${dir}/ca.pem" DefaultNetstreamDriverCertFile="${dir}/server.pem" DefaultNetstreamDriverKeyFile="${dir}/server.key")
module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.Authmode="anon")
input(type="imtcp" address="127.0.0.1" port="${port}")
template(name="fields" type="string" string="%syslogseverity%|%app-name%|%msgid%|%msg%\\n")
*.* action(type="omfile" file="${dir}/out.log" template="fields")
`,
      port,
    );
  });
  afterAll(() => rsyslog?.kill("SIGTERM"));

  it("delivers over TLS when the CA matches; a server the CA does not vouch for is a failed delivery", async () => {
    const good = new Courier(
      syslogSink({ name: "tls", host: "127.0.0.1", port, protocol: "tls", caFile: join(dir, "ca.pem") }),
    );
    good.enqueue(alert());
    await good.flush(10_000);
    expect(good.status, JSON.stringify(good.status)).toMatchObject({ delivered: 1, failed: 0 });
    const text = await readWhen(join(dir, "out.log"), (t) => t.includes("clawwarden"));
    expect(text).toMatch(/^3\|clawwarden\|audit\.regression\|/m);
    expect(text).not.toContain(FAKE_TOKEN);
    const bad = new Courier(
      syslogSink({
        name: "tls-bad",
        host: "127.0.0.1",
        port,
        protocol: "tls",
        caFile: join(dir, "other-ca.pem"),
      }),
      { attempts: 1 },
    );
    bad.enqueue(alert());
    await bad.flush(10_000);
    expect(bad.status).toMatchObject({ delivered: 0, failed: 1 });
    expect(bad.status.lastError).toMatch(/certificate/i);
  }, 30_000);
});

/** A real Prometheus (Debian) scraping the metrics endpoint on loopback. */
describe("metrics endpoint → real Prometheus", () => {
  it("Prometheus scrapes clawwarden_alerts_total and the sink counters", async () => {
    const metrics = new WatchMetrics();
    metrics.alerts.inc({ rule: "default", severity: "high" }, 3);
    metrics.hardeningIndex.set(71);
    const server = await serveMetrics(metrics, 0);
    const a = server.address();
    const port = typeof a === "object" && a ? a.port : 0;
    await expect(serveMetrics(metrics, 0, "0.0.0.0")).rejects.toThrow(/loopback/);
    const dir = mkdtempSync(join(root, "prom-"));
    const { server: probe } = await listen(() => 200);
    const pa = probe.address();
    const promPort = typeof pa === "object" && pa ? pa.port : 0;
    await new Promise((r) => probe.close(r));
    writeFileSync(
      join(dir, "prometheus.yml"),
      `global: { scrape_interval: 1s }\nscrape_configs:\n  - job_name: clawwarden\n    static_configs: [{ targets: ["127.0.0.1:${port}"] }]\n`,
    );
    const prom = spawn(
      "/usr/bin/prometheus",
      [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { stdio: "ignore" },
    );
    try {
      let value: string | undefined;
      for (let i = 0; i < 60 && !value; i++) {
        await new Promise((r) => setTimeout(r, 500));
        try {
          const res = await fetch(
            `http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent('clawwarden_alerts_total{severity="high"}')}`,
          );
          const body = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
          value = body.data?.result?.[0]?.value[1];
        } catch {
          // not up yet
        }
      }
      expect(value).toBe("3");
    } finally {
      prom.kill("SIGTERM");
      server.close();
    }
  }, 60_000);
});
