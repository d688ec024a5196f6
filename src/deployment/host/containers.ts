import { stat } from "node:fs/promises";
import { join } from "node:path";
import type {
  ContainerEngineFacts,
  ContainerInfo,
  ContainerMount,
  ContainerNetwork,
} from "../../model/live-facts.js";
import { type Fact, known, notKnown } from "../../model/snapshot.js";
import { type Endpoint, getJson, parseEngineHost } from "./engine-api.js";

const ENGINE_SOCKET = /(docker|podman|containerd|crio)\.sock$|\/var\/run\/docker$|\/run\/podman$/;

export function isEngineSocket(path: string): boolean {
  return ENGINE_SOCKET.test(path);
}

/** Engine endpoints to try: DOCKER_HOST / CONTAINER_HOST first, then the usual sockets that exist. */
export async function engineEndpoints(
  env: Record<string, string | undefined>,
  home: string,
): Promise<Endpoint[] | { error: string }> {
  for (const name of ["DOCKER_HOST", "CONTAINER_HOST"]) {
    const v = env[name];
    if (v) {
      const ep = parseEngineHost(v);
      return "error" in ep ? ep : [{ ...ep, label: `${name}=${v}` }];
    }
  }
  const uid = process.getuid?.() ?? 0;
  const candidates = [
    "/var/run/docker.sock",
    "/run/podman/podman.sock",
    env.XDG_RUNTIME_DIR
      ? join(env.XDG_RUNTIME_DIR, "podman", "podman.sock")
      : `/run/user/${uid}/podman/podman.sock`,
    join(home, ".docker", "run", "docker.sock"),
  ];
  const found: Endpoint[] = [];
  for (const path of candidates) {
    try {
      if ((await stat(path)).isSocket()) found.push({ socketPath: path, label: path });
    } catch {
      /* absent */
    }
  }
  return found;
}

interface Inspect {
  Id: string;
  Name: string;
  Image?: string;
  ImageName?: string;
  State?: { Status?: string };
  Config?: { User?: string; Image?: string; Labels?: Record<string, string> | null };
  HostConfig?: {
    NetworkMode?: string;
    ReadonlyRootfs?: boolean;
    Privileged?: boolean;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    SecurityOpt?: string[] | null;
    PidMode?: string;
    PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
  };
  Mounts?: Array<{ Type?: string; Source?: string; Destination?: string; RW?: boolean }>;
  NetworkSettings?: { Networks?: Record<string, unknown> | null };
}

export interface RoleHints {
  /** `agents.defaults.sandbox.docker.containerPrefix` (default `openclaw-sbx-`). */
  sandboxPrefix: string;
}

export function roleOf(
  name: string,
  image: string,
  labels: Record<string, string>,
  hints: RoleHints,
): ContainerInfo["role"] {
  if (
    name.startsWith(hints.sandboxPrefix) ||
    /openclaw-sandbox/.test(image) ||
    labels["openclaw.sandbox"] !== undefined
  )
    return "sandbox";
  if (/openclaw/i.test(name) || /openclaw/i.test(image)) return "gateway";
  return "other";
}

export function toContainerInfo(j: Inspect, hints: RoleHints): ContainerInfo {
  const name = j.Name.replace(/^\//, "");
  const image = j.Config?.Image ?? j.ImageName ?? j.Image ?? "";
  const hc = j.HostConfig ?? {};
  const mounts: ContainerMount[] = (j.Mounts ?? []).map((m) => ({
    type: m.Type ?? "",
    source: m.Source ?? "",
    destination: m.Destination ?? "",
    rw: m.RW !== false,
    engineSocket: isEngineSocket(m.Source ?? "") || isEngineSocket(m.Destination ?? ""),
  }));
  const publishedPorts = Object.entries(hc.PortBindings ?? {}).flatMap(([containerPort, binds]) =>
    (binds ?? []).map((b) => ({ containerPort, hostIp: b.HostIp ?? "", hostPort: b.HostPort ?? "" })),
  );
  return {
    id: j.Id,
    name,
    image,
    state: j.State?.Status ?? "",
    role: roleOf(name, image, j.Config?.Labels ?? {}, hints),
    networkMode: hc.NetworkMode ?? "",
    networks: Object.keys(j.NetworkSettings?.Networks ?? {}),
    user: j.Config?.User ?? "",
    readOnlyRootfs: hc.ReadonlyRootfs === true,
    privileged: hc.Privileged === true,
    capAdd: hc.CapAdd ?? [],
    capDrop: hc.CapDrop ?? [],
    securityOpt: hc.SecurityOpt ?? [],
    mounts,
    publishedPorts,
    pidMode: hc.PidMode ?? "",
  };
}

/** Inspects every container and network through the engine API (read-only GETs). */
export async function collectContainers(
  env: Record<string, string | undefined>,
  home: string,
  hints: RoleHints,
): Promise<Fact<ContainerEngineFacts>> {
  const eps = await engineEndpoints(env, home);
  if ("error" in eps) return notKnown(eps.error);
  if (eps.length === 0)
    return notKnown(
      "no Docker or Podman engine socket found (DOCKER_HOST, CONTAINER_HOST, /var/run/docker.sock, /run/podman/podman.sock)",
      "if the gateway runs in containers, run the audit where the engine socket is readable or set DOCKER_HOST=unix:///path/to/socket",
    );
  const errors: string[] = [];
  for (const ep of eps) {
    try {
      const version = await getJson<{ Version?: string; Components?: Array<{ Name?: string }> }>(
        ep,
        "/version",
      );
      const engine = (version.Components ?? []).some((c) => /podman/i.test(c.Name ?? ""))
        ? "podman"
        : "docker";
      const list = await getJson<Array<{ Id: string }>>(ep, "/containers/json?all=true");
      const containers: ContainerInfo[] = [];
      for (const c of list) {
        try {
          containers.push(toContainerInfo(await getJson<Inspect>(ep, `/containers/${c.Id}/json`), hints));
        } catch {
          /* removed while we looked */
        }
      }
      const nets = await getJson<
        Array<{
          Name: string;
          Driver?: string;
          Internal?: boolean;
          Containers?: Record<string, unknown> | null;
        }>
      >(ep, "/networks");
      const networks: ContainerNetwork[] = nets.map((n) => ({
        name: n.Name,
        driver: n.Driver ?? "",
        internal: n.Internal === true,
        containers: Object.keys(n.Containers ?? {}),
      }));
      return known({ endpoint: ep.label, engine, version: version.Version ?? "", containers, networks });
    } catch (e) {
      errors.push(`${ep.label}: ${(e as Error).message}`);
    }
  }
  return notKnown(
    `container engine not reachable: ${errors.join("; ")}`,
    "check that the engine runs and that this user may read its socket (docker group, or root)",
  );
}
