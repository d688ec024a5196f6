/**
 * Facts read from the live host (`audit --live`) and active probes (`--deep`).
 * Each field is a Fact so a collector that cannot read something says why.
 * Filled in by src/deployment/host/* collectors; judged by src/catalog/live-checks.ts.
 */
import type { Fact } from "./fact.js";

/** One OpenClaw gateway process found in /proc. */
export interface GatewayProcess {
  pid: number;
  ppid: number;
  /** `comm` (the gateway renames itself to `openclaw-gateway`). */
  name: string;
  /** Command line with secret-looking flag values replaced by fingerprints. */
  cmdline: string[];
  uid: number;
  user?: string;
  cwd: Fact<string>;
  /** ISO time the process started (from /proc/<pid>/stat and the boot time). */
  startedAt?: string;
  /** Names (never values) of OPENCLAW_* variables in its environment. */
  envNames: Fact<string[]>;
  /** Container id when the process runs inside a container cgroup. */
  containerId?: string;
  /** Ports this process (or its children) listens on, from the sockets collector. */
  listenPorts: number[];
}

export interface SystemdUnit {
  file: string;
  user?: string;
  group?: string;
  /** Hardening directives as written (NoNewPrivileges=yes, ProtectSystem=strict, …). */
  directives: Record<string, string>;
  execStart?: string;
}

export type SocketProto = "tcp" | "tcp6" | "udp" | "udp6";

export interface ListeningSocket {
  proto: SocketProto;
  address: string;
  port: number;
  inode: number;
  loopback: boolean;
  /** 0.0.0.0 or :: */
  wildcard: boolean;
  pids: number[];
  /** `comm` of the first owning process, when known. */
  process?: string;
}

export type Exposure = "open" | "allowlist" | "blocked";

/** How a firewall treats a new TCP connection to one port from a non-loopback source. */
export interface PortVerdict {
  family: "ipv4" | "ipv6";
  exposure: Exposure;
  /** Source addresses/CIDRs that are accepted when exposure is "allowlist". */
  allowed: string[];
  /** Rules that decided it, rendered as text. */
  decidedBy: string[];
  /** Parts of the ruleset that could not be interpreted (their effect is assumed to be nothing). */
  uncertain: string[];
}

export interface FirewallFacts {
  /** Network namespace the ruleset was read from (undefined = the host's). */
  netns?: string;
  port: number;
  backends: Array<{ name: "nftables" | "iptables" | "ufw"; state: Fact<"active" | "inactive"> }>;
  /** Decided from nftables when readable, otherwise from iptables-save. */
  source: "nftables" | "iptables" | "none";
  verdicts: PortVerdict[];
}

export type TunnelPath = "tailscale-serve" | "tailscale-funnel" | "cloudflared" | "ssh";

export interface TunnelFacts {
  tailscale: {
    installed: boolean;
    running: boolean;
    /** From `tailscale serve status --json` when tailscale is running. */
    serve: Fact<{ funnel: boolean; proxies: string[] }>;
  };
  cloudflared: {
    installed: boolean;
    pids: number[];
    configFiles: string[];
    /** Ingress services pointing at the gateway port. */
    ingressToGateway: string[];
  };
  ssh: { listening: boolean; ports: number[] };
  /** Remote-access paths that appear to be in use. */
  paths: TunnelPath[];
}

export interface ContainerMount {
  type: string;
  source: string;
  destination: string;
  rw: boolean;
  /** The source is a Docker/Podman engine socket. */
  engineSocket: boolean;
}

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  state: string;
  role: "gateway" | "sandbox" | "other";
  networkMode: string;
  networks: string[];
  /** As configured; "" means the image default (root for most images). */
  user: string;
  readOnlyRootfs: boolean;
  privileged: boolean;
  capAdd: string[];
  capDrop: string[];
  securityOpt: string[];
  mounts: ContainerMount[];
  publishedPorts: Array<{ containerPort: string; hostIp: string; hostPort: string }>;
  pidMode: string;
}

export interface ContainerNetwork {
  name: string;
  driver: string;
  internal: boolean;
  containers: string[];
}

export interface ContainerEngineFacts {
  endpoint: string;
  engine: string;
  version: string;
  containers: ContainerInfo[];
  networks: ContainerNetwork[];
}

export interface ComposeService {
  file: string;
  line?: number;
  name: string;
  image?: string;
  user?: string;
  ports: string[];
  networkMode?: string;
  networks: string[];
  readOnly?: boolean;
  privileged?: boolean;
  capAdd: string[];
  volumes: Array<{ source: string; target: string; readOnly: boolean; engineSocket: boolean; line?: number }>;
}

export interface DockerfileFacts {
  file: string;
  /** The effective USER of the last stage (undefined = root). */
  user?: string;
  userLine?: number;
  exposes: string[];
}

export interface K8sEnvEntry {
  name: string;
  /** literal `value:`, or where valueFrom points. */
  from: "value" | "secretKeyRef" | "configMapKeyRef" | "other";
  /** For literal values that look like secrets: a display-safe fingerprint. */
  secretFingerprint?: string;
  secretRule?: string;
  line?: number;
}

export interface K8sContainer {
  name: string;
  image?: string;
  env: K8sEnvEntry[];
  privileged?: boolean;
  runAsUser?: number;
  runAsNonRoot?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  line?: number;
}

export interface K8sWorkload {
  file: string;
  line?: number;
  kind: string;
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  openclaw: boolean;
  podRunAsUser?: number;
  podRunAsNonRoot?: boolean;
  hostNetwork?: boolean;
  containers: K8sContainer[];
}

export interface K8sFacts {
  files: string[];
  workloads: K8sWorkload[];
  networkPolicies: Array<{
    file: string;
    name: string;
    namespace?: string;
    podSelector: Record<string, string>;
  }>;
  /** Secret manifests with literal data/stringData committed to files, and secret-looking values elsewhere. */
  literalSecrets: Array<{ file: string; line?: number; where: string; fingerprint: string; rule: string }>;
  /** Files that could not be parsed (the reason). */
  unreadable: Array<{ file: string; reason: string }>;
}

export interface HttpProbe {
  url: string;
  path: string;
  status: number | null;
  error?: string;
}

export interface WsProbe {
  url: string;
  outcome: "refused" | "accepted" | "error";
  detail: string;
}

export interface ExposureProbe {
  address: string;
  port: number;
  reachable: boolean;
  detail: string;
}

export interface EgressProbe {
  container: string;
  target: string;
  reachable: boolean;
  exitCode: number | null;
  detail: string;
}

export interface DeepProbes {
  http: Fact<HttpProbe[]>;
  websocket: Fact<WsProbe>;
  exposure: Fact<ExposureProbe[]>;
  egress: Fact<EgressProbe[]>;
}

export interface LiveFacts {
  deep: boolean;
  /** Gateway port the live layer looked at (flag/env/config/default precedence). */
  gatewayPort: number;
  processes: Fact<GatewayProcess[]>;
  systemd: Fact<SystemdUnit[]>;
  sockets: Fact<ListeningSocket[]>;
  firewall: Fact<FirewallFacts>;
  tunnels: Fact<TunnelFacts>;
  containers: Fact<ContainerEngineFacts>;
  compose: Fact<ComposeService[]>;
  dockerfiles: Fact<DockerfileFacts[]>;
  kubernetes: Fact<K8sFacts>;
  /** Only with --deep. */
  probes?: DeepProbes;
}
