/**
 * A minimal Docker Engine API client over node:http (works with Podman's compatible service too).
 * We need five read-only GETs and one exec for --deep; dockerode would add grpc-js, protobufjs and ssh2
 * (with an optional native addon) to a security tool's supply chain for that, so we speak HTTP ourselves.
 */
import { request } from "node:http";

export interface Endpoint {
  /** unix socket path, or host:port for tcp (loopback only). */
  socketPath?: string;
  host?: string;
  port?: number;
  label: string;
}

const API = "/v1.41";

/** Parses DOCKER_HOST / CONTAINER_HOST. Only unix sockets and loopback tcp: the live audit stays on this host. */
export function parseEngineHost(value: string): Endpoint | { error: string } {
  if (value.startsWith("unix://")) return { socketPath: value.slice("unix://".length), label: value };
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d+)\/?$/.exec(value);
  if (tcp) {
    const host = (tcp[1] ?? "").replace(/^\[|\]$/g, "");
    if (host === "localhost" || host.startsWith("127.") || host === "::1")
      return { host, port: Number(tcp[2]), label: value };
    return { error: `${value} is not on this host; the live audit only talks to local engines` };
  }
  return { error: `unsupported engine address ${value} (expected unix:// or tcp://127.0.0.1:PORT)` };
}

export interface ApiResponse {
  status: number;
  body: string;
}

export function call(
  ep: Endpoint,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  timeoutMs = 5000,
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        ...(ep.socketPath ? { socketPath: ep.socketPath } : { host: ep.host, port: ep.port }),
        method,
        path: `${API}${path}`,
        headers: {
          host: "docker",
          ...(payload
            ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }
            : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size <= 32 * 1024 * 1024) chunks.push(c);
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`engine API ${method} ${path} timed out after ${timeoutMs} ms`)),
    );
    req.on("error", reject);
    req.end(payload);
  });
}

export async function getJson<T>(ep: Endpoint, path: string): Promise<T> {
  const r = await call(ep, "GET", path);
  if (r.status !== 200) throw new Error(`GET ${path} → HTTP ${r.status}: ${r.body.slice(0, 200)}`);
  return JSON.parse(r.body) as T;
}

/** Runs a command in a container (attached, so the call returns when it ends) and returns its exit code. */
export async function execExitCode(
  ep: Endpoint,
  container: string,
  cmd: string[],
  timeoutMs: number,
): Promise<number | null> {
  const created = await call(ep, "POST", `/containers/${encodeURIComponent(container)}/exec`, {
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
  });
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`exec create → HTTP ${created.status}`);
  const id = (JSON.parse(created.body) as { Id: string }).Id;
  await call(ep, "POST", `/exec/${id}/start`, { Detach: false, Tty: false }, timeoutMs);
  const info = await getJson<{ Running: boolean; ExitCode: number | null }>(ep, `/exec/${id}/json`);
  return info.Running ? null : info.ExitCode;
}
