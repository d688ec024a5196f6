/**
 * Who is connected to the gateway right now from another machine: before N-01 moves the bind to
 * loopback, those clients are named in the plan so nobody is cut off by surprise.
 * Read-only (`ss`, iproute2); no output when `ss` is missing.
 */
import { execFileSync } from "node:child_process";

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** Remote peer addresses from `ss -Htn state established '( sport = :PORT )'` output. */
export function parseSsPeers(text: string): string[] {
  const peers = new Set<string>();
  for (const line of text.split("\n")) {
    const cols = line.trim().split(/\s+/);
    // Recv-Q Send-Q Local:Port Peer:Port [Process]
    const peer = cols[3];
    if (!peer) continue;
    const addr = peer
      .replace(/:\d+$/, "")
      .replace(/^\[|\]$/g, "")
      .replace(/%\S+$/, "");
    if (addr && !LOOPBACK.test(addr)) peers.add(addr.replace(/^::ffff:(\d+\.)/, "$1"));
  }
  return [...peers].sort();
}

export function remotePeers(port: number): string[] {
  try {
    const out = execFileSync("ss", ["-Htn", "state", "established", `( sport = :${port} )`], {
      encoding: "utf8",
      timeout: 5000,
      stdio: ["ignore", "pipe", "ignore"],
    });
    return parseSsPeers(out);
  } catch {
    return [];
  }
}
