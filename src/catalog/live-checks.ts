/**
 * Judges the live host facts (`audit --live` / `--deep`) for the items whose Verification column asks for
 * evidence from the running system. Pure: reads only the snapshot.
 *
 * `liveFindings(item, s)` returns `undefined` when the snapshot has no live facts for that item (the item
 * then keeps its config-only answer); `withLiveEvidence(item)` merges both: the config findings stay, a
 * "needs --live" placeholder is replaced by what the host showed.
 */
import type { ContainerInfo, ListeningSocket, LiveFacts } from "../model/live-facts.js";
import type { Snapshot } from "../model/snapshot.js";
import { finding } from "./finding.js";
import { bindExposureOf } from "./gateway-facts.js";
import type { CatalogItem, Evidence, Finding } from "./types.js";

/** Browser control ports OpenClaw's sandbox browser uses (CDP, VNC, noVNC). */
export const BROWSER_PORTS = [9222, 5900, 6080];

export const MDNS_PORT = 5353;

export const host = (message: string, value?: string): Evidence => ({
  message,
  source: "host",
  ...(value !== undefined ? { value } : {}),
});

export function formatAddr(s: Pick<ListeningSocket, "address" | "port">): string {
  return s.address.includes(":") ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
}

export function describe(s: ListeningSocket): string {
  const who = s.pids.length ? ` (pid ${s.pids.join(",")}${s.process ? ` ${s.process}` : ""})` : "";
  return `${s.proto} ${formatAddr(s)}${who}`;
}

/**
 * TCP listeners of the audited gateway: those on its port. When nothing listens there but a gateway
 * process runs (started with another --port), that process's listeners stand in.
 */
export function gatewayListeners(live: LiveFacts): ListeningSocket[] {
  if (!live.sockets.known) return [];
  const tcp = live.sockets.value.filter((s) => s.proto.startsWith("tcp"));
  const onPort = tcp.filter((s) => s.port === live.gatewayPort);
  if (onPort.length > 0 || !live.processes.known) return onPort;
  const gwPids = new Set(live.processes.value.map((p) => p.pid));
  return tcp.filter((s) => s.pids.some((p) => gwPids.has(p)));
}

/** What the config asks for, judged exactly as N-01's config check does (gateway-facts.ts). */
export function configSaysLoopback(s: Snapshot): boolean {
  return bindExposureOf(s.config.value).exposure === "loopback";
}

export function unknownFinding(item: CatalogItem, what: string, reason: string, hint?: string): Finding {
  return finding(item, {
    check: "live-unknown",
    status: "unknown",
    message: `${what} could not be read on this host: ${reason}`,
    ...(hint ? { remediation: hint } : {}),
    subject: what,
  });
}

export const AUTH_REFUSALS = new Set([401, 403, 429]);

/**
 * /tools/invoke is probed with a tool that does not exist: a gateway that checks auth answers 401 first,
 * one without auth gets as far as the tool lookup (404). Other paths count when they answer 2xx.
 */
export function answeredWithoutAuth(path: string, status: number): boolean {
  if (path === "/health") return false;
  if (path === "/tools/invoke") return !AUTH_REFUSALS.has(status) && status < 500;
  return status >= 200 && status < 300;
}

// ─── N-04: how remote access reaches the gateway ─────────────────────────────────────────────────

export function gatewayContainers(live: LiveFacts): ContainerInfo[] {
  return live.containers.known ? live.containers.value.containers.filter((c) => c.role === "gateway") : [];
}

// ─── S-02: container isolation ───────────────────────────────────────────────────────────────────

export function containerEvidence(c: ContainerInfo): Evidence {
  return host(
    `${c.role} container ${c.name} (${c.image}): network ${c.networkMode}${c.networks.length ? ` [${c.networks.join(", ")}]` : ""}, user ${c.user || "(image default)"}, read-only rootfs ${c.readOnlyRootfs}, privileged ${c.privileged}, cap-add [${c.capAdd.join(",")}]`,
  );
}

/** Live findings for a guide item, or undefined when the snapshot holds no live facts for it. */
export function liveFindings(item: CatalogItem, s: Snapshot): Finding[] | undefined {
  if (!item.evaluateLive || !s.live) return undefined;
  return item.evaluateLive(s, s.live);
}

/**
 * Wraps an item so that, with --live, its config findings are joined by the live evidence and a
 * "needs --live" placeholder is dropped once the host answered.
 */
export function withLiveEvidence(item: CatalogItem): CatalogItem {
  const configOnly = item.evaluate.bind(item);
  // An item with a live judge needs --live to be judged fully: derived here, never written by hand.
  const needs: CatalogItem["needs"] =
    item.evaluateLive && !item.needs.includes("live") ? [...item.needs, "live"] : item.needs;
  return {
    ...item,
    needs,
    evaluate(s) {
      const base = configOnly(s);
      // Not applicable here (e.g. gateway.mode remote: no gateway runs on this host): the host has no say.
      if (base.length > 0 && base.every((f) => f.status === "skip")) return base;
      const live = liveFindings(item, s);
      if (!live || live.length === 0) return base;
      return [...base.filter((f) => !f.checkId.endsWith(".needs-live")), ...live];
    },
  };
}
