import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { ListeningSocket, TunnelFacts, TunnelPath } from "../../model/live-facts.js";
import { type Fact, known, notKnown } from "../../model/snapshot.js";
import type { ProcEntry } from "./processes.js";
import { run, why } from "./run.js";

/** Reads `tailscale serve status --json`: proxies and whether any is funnelled to the internet. */
export function parseServeStatus(json: unknown): { funnel: boolean; proxies: string[] } {
  const o = (json ?? {}) as {
    Web?: Record<string, { Handlers?: Record<string, { Proxy?: string }> }>;
    AllowFunnel?: Record<string, boolean>;
    TCP?: Record<string, { TCPForward?: string }>;
  };
  const proxies = [
    ...Object.values(o.Web ?? {}).flatMap((w) => Object.values(w.Handlers ?? {}).map((h) => h.Proxy ?? "")),
    ...Object.values(o.TCP ?? {}).map((t) => t.TCPForward ?? ""),
  ].filter(Boolean);
  return { funnel: Object.values(o.AllowFunnel ?? {}).some(Boolean), proxies };
}

/** Ingress services of a cloudflared config that point at the gateway port. */
export function cloudflaredIngress(text: string, port: number): string[] {
  try {
    const cfg = parseYaml(text) as { ingress?: Array<{ service?: string; hostname?: string }> } | null;
    return (cfg?.ingress ?? [])
      .filter((r) => typeof r.service === "string" && new RegExp(`:${port}(/|$)`).test(r.service))
      .map((r) => `${r.hostname ?? "*"} → ${r.service}`);
  } catch {
    return [];
  }
}

async function yamlFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).map((n) => join(dir, n));
  } catch {
    return [];
  }
}

export async function collectTunnels(
  port: number,
  home: string,
  procs: ProcEntry[],
  sockets: Fact<ListeningSocket[]>,
): Promise<Fact<TunnelFacts>> {
  const facts: TunnelFacts = {
    tailscale: { installed: false, running: false, serve: notKnown("tailscale is not installed") },
    cloudflared: { installed: false, pids: [], configFiles: [], ingressToGateway: [] },
    ssh: { listening: false, ports: [] },
    paths: [],
  };
  const ts = await run("tailscale", ["status", "--json"], { timeoutMs: 3000 });
  if (!ts.missing) {
    facts.tailscale.installed = true;
    facts.tailscale.running = ts.ok && /"BackendState"\s*:\s*"Running"/.test(ts.stdout);
    const serve = await run("tailscale", ["serve", "status", "--json"], { timeoutMs: 3000 });
    try {
      facts.tailscale.serve = serve.ok
        ? known(parseServeStatus(JSON.parse(serve.stdout || "{}")))
        : notKnown(`tailscale serve status failed: ${why(serve)}`);
    } catch (e) {
      facts.tailscale.serve = notKnown(`cannot parse tailscale serve status: ${(e as Error).message}`);
    }
  }
  if (facts.tailscale.serve.known) {
    const { funnel, proxies } = facts.tailscale.serve.value;
    if (proxies.some((p) => p.includes(`:${port}`)))
      facts.paths.push(funnel ? "tailscale-funnel" : "tailscale-serve");
  }

  const cf = await run("cloudflared", ["--version"], { timeoutMs: 3000 });
  facts.cloudflared.installed = !cf.missing;
  facts.cloudflared.pids = procs.filter((p) => p.comm === "cloudflared").map((p) => p.pid);
  for (const f of [
    ...(await yamlFiles(join(home, ".cloudflared"))),
    ...(await yamlFiles("/etc/cloudflared")),
  ]) {
    try {
      const text = await readFile(f, "utf8");
      facts.cloudflared.configFiles.push(f);
      facts.cloudflared.ingressToGateway.push(...cloudflaredIngress(text, port));
    } catch {
      /* unreadable config */
    }
  }
  if (facts.cloudflared.ingressToGateway.length > 0 && facts.cloudflared.pids.length > 0)
    facts.paths.push("cloudflared");

  if (sockets.known) {
    const sshdPids = new Set(procs.filter((p) => p.comm === "sshd").map((p) => p.pid));
    const ports = sockets.value
      .filter((s) => s.proto.startsWith("tcp") && s.pids.some((p) => sshdPids.has(p)))
      .map((s) => s.port);
    facts.ssh = { listening: ports.length > 0, ports: [...new Set(ports)] };
    if (ports.length > 0) facts.paths.push("ssh");
  }
  return known(facts);
}

export type { TunnelPath };
