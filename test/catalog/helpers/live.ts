import type { ListeningSocket, LiveFacts } from "../../../src/model/live-facts.js";
import { notKnown } from "../../../src/model/snapshot.js";

/** Literal live facts for runCases: nothing collected unless the case says so (issue 16: live halves tested like config halves). */
export function liveFacts(over: Partial<LiveFacts> = {}): LiveFacts {
  const none = notKnown("not collected in this test");
  return {
    deep: false,
    gatewayPort: 18789,
    processes: none,
    systemd: none,
    sockets: none,
    firewall: none,
    tunnels: none,
    containers: none,
    compose: none,
    dockerfiles: none,
    kubernetes: none,
    ...over,
  };
}

export function tcpListener(address: string, port = 18789): ListeningSocket {
  const loopback = address.startsWith("127.") || address === "::1";
  return {
    proto: address.includes(":") ? "tcp6" : "tcp",
    address,
    port,
    inode: 1,
    loopback,
    wildcard: address === "0.0.0.0" || address === "::",
    pids: [4242],
    process: "openclaw-gateway",
  };
}
