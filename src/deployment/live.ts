/**
 * `audit --live` / `--deep`: runs every host collector with a timeout and returns typed facts.
 * Collectors never throw: anything that cannot be read is `unknown` with a reason and a hint.
 */

import type { DeepProbes, DockerfileFacts, LiveFacts } from "../model/live-facts.js";
import { type Fact, known, type LoadedConfig, type Locator, notKnown } from "../model/snapshot.js";
import { collectContainers, engineEndpoints } from "./host/containers.js";
import { findDeployFiles, parseComposeFile, parseDockerfile, parseKubernetes } from "./host/deploy-files.js";
import { collectFirewall } from "./host/firewall.js";
import { probeEgress, probeExposure, probeHttp } from "./host/probes.js";
import { collectGatewayProcesses, descendants, listProcs, type ProcEntry } from "./host/processes.js";
import { collectSockets } from "./host/sockets.js";
import { collectSystemdUnits, unitDirs } from "./host/systemd.js";
import { collectTunnels } from "./host/tunnels.js";
import { probeWebSocket } from "./host/ws-probe.js";

export interface CollectLiveOptions {
  locator: Locator;
  config: LoadedConfig;
  deep: boolean;
  env: Record<string, string | undefined>;
  /** Read the firewall and sockets of this network namespace instead of the host's. */
  netns?: string;
  /** Folders holding compose files, Dockerfiles and manifests (default: CLAWWARDEN_DEPLOY_DIR, cwd, gateway cwds). */
  deployDirs?: string[];
  /** Per-collector time limit (default 10 s). */
  timeoutMs?: number;
}

export const DEFAULT_GATEWAY_PORT = 18789;

/** Port precedence as in OpenClaw: OPENCLAW_GATEWAY_PORT > gateway.port > 18789 (a --port flag is not visible). */
export function gatewayPort(config: LoadedConfig, env: Record<string, string | undefined>): number {
  const fromEnv = Number(env.OPENCLAW_GATEWAY_PORT);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const gw = config.value.gateway as { port?: unknown } | undefined;
  const fromConfig = Number(gw?.port);
  return Number.isInteger(fromConfig) && fromConfig > 0 ? fromConfig : DEFAULT_GATEWAY_PORT;
}

async function withTimeout<T>(what: string, ms: number, work: () => Promise<Fact<T>>): Promise<Fact<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Fact<T>>((resolve) => {
    timer = setTimeout(() => resolve(notKnown(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([
      work().catch((e: unknown) =>
        notKnown<T>(`${what} failed: ${e instanceof Error ? e.message : String(e)}`),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function sandboxPrefix(config: LoadedConfig): string {
  const sb = (
    config.value.agents as { defaults?: { sandbox?: { docker?: { containerPrefix?: unknown } } } } | undefined
  )?.defaults?.sandbox?.docker?.containerPrefix;
  return typeof sb === "string" && sb ? sb : "openclaw-sbx-";
}

export async function collectLive(opts: CollectLiveOptions): Promise<LiveFacts> {
  const ms = opts.timeoutMs ?? 10_000;
  const port = gatewayPort(opts.config, opts.env);
  let procs: ProcEntry[] = [];
  try {
    procs = await listProcs();
  } catch {
    /* processes fact below says why */
  }
  const [processes, sockets] = await Promise.all([
    withTimeout("process scan", ms, () => collectGatewayProcesses(procs)),
    withTimeout("socket scan", ms, () => collectSockets(opts.netns)),
  ]);
  if (processes.known && sockets.known) {
    for (const p of processes.value) {
      const family = new Set(descendants(procs, p.pid));
      p.listenPorts = [
        ...new Set(sockets.value.filter((s) => s.pids.some((x) => family.has(x))).map((s) => s.port)),
      ].sort((a, b) => a - b);
    }
  }
  const cwds = processes.known
    ? processes.value.flatMap((p) => (p.cwd.known && p.cwd.value !== "/" ? [p.cwd.value] : []))
    : [];
  const dirs = opts.deployDirs ?? [
    ...new Set([opts.env.CLAWWARDEN_DEPLOY_DIR, process.cwd(), ...cwds].filter((d): d is string => !!d)),
  ];
  const hints = { sandboxPrefix: sandboxPrefix(opts.config) };

  const [systemd, firewall, tunnels, containers, files] = await Promise.all([
    withTimeout("systemd unit scan", ms, () => collectSystemdUnits(unitDirs(opts.locator.home))),
    withTimeout("firewall read", ms, () => collectFirewall(port, opts.netns)),
    withTimeout("tunnel detection", ms, () => collectTunnels(port, opts.locator.home, procs, sockets)),
    withTimeout("container engine", ms, () => collectContainers(opts.env, opts.locator.home, hints)),
    withTimeout("deployment file scan", ms, async () => known(await findDeployFiles(dirs))),
  ]);
  const compose = await withTimeout("compose parse", ms, async () => {
    if (!files.known) return notKnown(files.reason);
    return known((await Promise.all(files.value.compose.map(parseComposeFile))).flat());
  });
  const dockerfiles = await withTimeout("Dockerfile parse", ms, async () => {
    if (!files.known) return notKnown(files.reason);
    const parsed = await Promise.all(files.value.dockerfiles.map(parseDockerfile));
    return known(parsed.filter((d): d is DockerfileFacts => d !== undefined));
  });
  const kubernetes = await withTimeout("Kubernetes manifest parse", ms, async () => {
    if (!files.known) return notKnown(files.reason);
    return known(await parseKubernetes(files.value.yaml));
  });

  const live: LiveFacts = {
    deep: opts.deep,
    gatewayPort: port,
    processes,
    systemd,
    sockets,
    firewall,
    tunnels,
    containers,
    compose,
    dockerfiles,
    kubernetes,
  };
  if (opts.deep) live.probes = await deepProbes(opts, port, live, ms);
  return live;
}

async function deepProbes(
  opts: CollectLiveOptions,
  port: number,
  live: LiveFacts,
  ms: number,
): Promise<DeepProbes> {
  // Probe where the gateway listens: loopback when it does, else its own specific address.
  const listeners = live.sockets.known
    ? live.sockets.value.filter((s) => s.port === port && s.proto.startsWith("tcp"))
    : [];
  const specific = listeners.find((s) => !s.loopback && !s.wildcard)?.address;
  const host =
    listeners.length > 0 && !listeners.some((s) => s.loopback || s.wildcard) && specific
      ? specific
      : "127.0.0.1";
  const http = await withTimeout("HTTP probe", ms, () => probeHttp(port, host));
  const websocket = await withTimeout("WebSocket probe", ms, async () =>
    http.known ? known(await probeWebSocket(host, port)) : notKnown(http.reason, http.hint),
  );
  const exposure = await withTimeout("exposure probe", ms, () => probeExposure(port));
  const egress = await withTimeout("egress probe", ms * 3, async () => {
    if (!live.containers.known) return notKnown(live.containers.reason, live.containers.hint);
    const eps = await engineEndpoints(opts.env, opts.locator.home);
    const label = live.containers.value.endpoint;
    const ep = Array.isArray(eps) ? eps.find((e) => e.label === label) : undefined;
    if (!ep) return notKnown("container engine endpoint not found again for the egress probe");
    return probeEgress(ep, live.containers.value.containers);
  });
  return { http, websocket, exposure, egress };
}
