import { request } from "node:http";
import { type AddressInfo, connect, createServer } from "node:net";
import { networkInterfaces } from "node:os";
import type { ContainerInfo, EgressProbe, ExposureProbe, HttpProbe } from "../../model/live-facts.js";
import { type Fact, known, notKnown } from "../../model/snapshot.js";
import { type Endpoint, execExitCode, getJson } from "./engine-api.js";

/** Unauthenticated requests the gateway must refuse (`/health` is allowed to answer). */
export const HTTP_PROBES: Array<{ method: "GET" | "POST"; path: string; body?: string }> = [
  { method: "GET", path: "/health" },
  { method: "GET", path: "/v1/models" },
  // A tool name that does not exist: nothing runs, but the status shows whether auth was checked first.
  {
    method: "POST",
    path: "/tools/invoke",
    body: JSON.stringify({ tool: "clawwarden_probe_no_such_tool", args: {} }),
  },
];

function httpOnce(
  host: string,
  port: number,
  p: (typeof HTTP_PROBES)[number],
  timeoutMs: number,
): Promise<HttpProbe> {
  const url = `http://${host}:${port}${p.path}`;
  return new Promise((resolve) => {
    // node:http never follows redirects: a 3xx is recorded as it is.
    const req = request(
      {
        host,
        port,
        path: p.path,
        method: p.method,
        timeout: timeoutMs,
        headers: p.body
          ? { "content-type": "application/json", "content-length": Buffer.byteLength(p.body) }
          : {},
      },
      (res) => {
        res.resume();
        resolve({ url, path: p.path, status: res.statusCode ?? null });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", (e) => resolve({ url, path: p.path, status: null, error: e.message }));
    req.end(p.body);
  });
}

export async function probeHttp(
  port: number,
  host = "127.0.0.1",
  timeoutMs = 3000,
): Promise<Fact<HttpProbe[]>> {
  const results: HttpProbe[] = [];
  for (const p of HTTP_PROBES) results.push(await httpOnce(host, port, p, timeoutMs));
  if (results.every((r) => r.status === null))
    return notKnown(
      `gateway not reachable on ${host}:${port} (${results[0]?.error ?? "no answer"})`,
      "start the gateway, or pass the port it uses",
    );
  return known(results);
}

export function tcpConnect(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean, detail: string) => {
      s.destroy();
      resolve({ ok, detail });
    };
    s.once("connect", () => done(true, "connected"));
    s.once("timeout", () => done(false, `no answer within ${timeoutMs} ms`));
    s.once("error", (e: NodeJS.ErrnoException) => done(false, e.code ?? e.message));
  });
}

/** This host's own non-loopback addresses. */
export function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && !(a.family === "IPv6" && a.address.startsWith("fe80")))
    .map((a) => a.address);
}

/** Connects from this host to the gateway port on each of its own non-loopback addresses. */
export async function probeExposure(
  port: number,
  addresses = localAddresses(),
  timeoutMs = 1500,
): Promise<Fact<ExposureProbe[]>> {
  const out: ExposureProbe[] = [];
  for (const address of addresses) {
    const r = await tcpConnect(address, port, timeoutMs);
    out.push({ address, port, reachable: r.ok, detail: r.detail });
  }
  return known(out);
}

/** Tries a TCP connection from inside the container with whatever client the image has. Exit 0 = connected, 127 = no client. */
export function egressScript(host: string, port: number): string[] {
  const h = host.replace(/[^0-9a-fA-F.:]/g, "");
  const p = String(Math.trunc(port));
  return [
    "/bin/sh",
    "-c",
    [
      `if command -v nc >/dev/null 2>&1; then nc -w 2 ${h} ${p} </dev/null >/dev/null 2>&1; exit $?; fi`,
      `if command -v curl >/dev/null 2>&1; then curl -s -m 3 -o /dev/null telnet://${h}:${p} </dev/null; r=$?; [ $r -eq 0 ] && exit 0; exit 1; fi`,
      `if command -v bash >/dev/null 2>&1; then timeout 3 bash -c 'exec 3<>/dev/tcp/${h}/${p}' 2>/dev/null; exit $?; fi`,
      `if command -v python3 >/dev/null 2>&1; then python3 -c 'import socket;socket.create_connection(("${h}",${p}),3)' 2>/dev/null; exit $?; fi`,
      "exit 127",
    ].join("\n"),
  ];
}

interface NetInfo {
  NetworkSettings?: { Networks?: Record<string, { Gateway?: string }> | null };
}

/**
 * From inside each sandbox container, tries to reach a listener this probe opens on the host side of the
 * container's network (its gateway address). A connection that arrives proves the container can leave its
 * namespace; nothing leaves this host. Containers without a network get `target` = their gateway-less
 * fallback and are expected to fail.
 */
export async function probeEgress(
  ep: Endpoint,
  containers: ContainerInfo[],
  timeoutMs = 6000,
): Promise<Fact<EgressProbe[]>> {
  const targets = containers.filter((c) => c.role === "sandbox" && c.state === "running");
  const out: EgressProbe[] = [];
  for (const c of targets) {
    let gateway: string | undefined;
    try {
      const j = await getJson<NetInfo>(ep, `/containers/${c.id}/json`);
      gateway = Object.values(j.NetworkSettings?.Networks ?? {}).find((n) => n.Gateway)?.Gateway;
    } catch {
      /* inspect failed: fall through with no gateway */
    }
    const host = gateway ?? "10.255.255.1";
    let arrived = false;
    const server = createServer((s) => {
      arrived = true;
      s.destroy();
    });
    const listening = gateway
      ? await new Promise<boolean>((resolve) => {
          server.once("error", () => resolve(false));
          server.listen(0, gateway, () => resolve(true));
        })
      : false;
    const port = listening ? (server.address() as AddressInfo).port : 9;
    try {
      const code = await execExitCode(ep, c.id, egressScript(host, port), timeoutMs);
      const reachable = code === 0 && (arrived || !listening);
      out.push({
        container: c.name,
        target: `${host}:${port}`,
        reachable,
        exitCode: code,
        detail:
          code === 127
            ? "no nc/curl/bash/python3 in the image to test with"
            : reachable
              ? "connection from inside the container reached the host"
              : gateway
                ? "connection from inside the container failed"
                : "container has no network with a gateway (network none)",
      });
    } catch (e) {
      out.push({
        container: c.name,
        target: `${host}:${port}`,
        reachable: false,
        exitCode: null,
        detail: `exec failed: ${(e as Error).message}`,
      });
    } finally {
      server.close();
    }
  }
  return known(out);
}
