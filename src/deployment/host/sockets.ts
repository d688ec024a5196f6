import { readdir, readFile, readlink } from "node:fs/promises";
import type { ListeningSocket, SocketProto } from "../../model/live-facts.js";
import { type Fact, known, notKnown } from "../../model/snapshot.js";
import { run, why } from "./run.js";

const PROTOS: SocketProto[] = ["tcp", "tcp6", "udp", "udp6"];
const TCP_LISTEN = "0A";
const UDP_UNCONNECTED = "07";

function ipv4FromHex(hex: string): string {
  // One little-endian 32-bit word.
  const b = [6, 4, 2, 0].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return b.join(".");
}

function ipv6FromHex(hex: string): string {
  // Four 32-bit words, each little-endian.
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (const i of [6, 4, 2, 0]) bytes.push(Number.parseInt(word.slice(i, i + 2), 16));
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  const v4mapped = groups.slice(0, 5).every((g) => g === "0") && groups[5] === "ffff";
  if (v4mapped) return `::ffff:${bytes.slice(12).join(".")}`;
  // Compress the longest run of zero groups.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

export function isLoopback(address: string): boolean {
  return address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");
}

export function isWildcard(address: string): boolean {
  return address === "0.0.0.0" || address === "::";
}

/** Parses one /proc/net/{tcp,tcp6,udp,udp6} table into listening sockets (no PIDs yet). */
export function parseProcNet(proto: SocketProto, text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [local, remote, st, inode] = [f[1] ?? "", f[2] ?? "", f[3] ?? "", Number(f[9])];
    const isTcp = proto.startsWith("tcp");
    if (isTcp ? st !== TCP_LISTEN : st !== UDP_UNCONNECTED || !/^0+:0000$/.test(remote)) continue;
    const [hexAddr = "", hexPort = ""] = local.split(":");
    const address = hexAddr.length === 8 ? ipv4FromHex(hexAddr) : ipv6FromHex(hexAddr);
    out.push({
      proto,
      address,
      port: Number.parseInt(hexPort, 16),
      inode,
      loopback: isLoopback(address),
      wildcard: isWildcard(address),
      pids: [],
    });
  }
  return out;
}

/** socket inode → pids, from /proc/<pid>/fd links (`socket:[12345]`). Unreadable processes are skipped. */
export async function socketOwners(): Promise<{
  owners: Map<number, number[]>;
  comms: Map<number, string>;
  denied: number;
}> {
  const owners = new Map<number, number[]>();
  const comms = new Map<number, string>();
  let denied = 0;
  const pids = (await readdir("/proc")).filter((n) => /^\d+$/.test(n));
  await Promise.all(
    pids.map(async (pid) => {
      let fds: string[];
      try {
        fds = await readdir(`/proc/${pid}/fd`);
      } catch {
        denied++;
        return;
      }
      let hasSocket = false;
      await Promise.all(
        fds.map(async (fd) => {
          try {
            const m = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/${pid}/fd/${fd}`));
            if (!m) return;
            hasSocket = true;
            const inode = Number(m[1]);
            const list = owners.get(inode) ?? [];
            if (!list.includes(Number(pid))) list.push(Number(pid));
            owners.set(inode, list);
          } catch {
            /* fd closed meanwhile */
          }
        }),
      );
      if (hasSocket) {
        try {
          const stat = await readFile(`/proc/${pid}/stat`, "utf8");
          comms.set(Number(pid), stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")));
        } catch {
          /* gone */
        }
      }
    }),
  );
  return { owners, comms, denied };
}

async function readTable(proto: SocketProto, netns?: string): Promise<string> {
  if (!netns) return readFile(`/proc/net/${proto}`, "utf8");
  const r = await run("cat", [`/proc/net/${proto}`], { netns });
  if (!r.ok) throw new Error(why(r));
  return r.stdout;
}

/** Listening TCP and unconnected UDP sockets, mapped to the processes that own them. */
export async function collectSockets(netns?: string): Promise<Fact<ListeningSocket[]>> {
  const sockets: ListeningSocket[] = [];
  for (const proto of PROTOS) {
    try {
      sockets.push(...parseProcNet(proto, await readTable(proto, netns)));
    } catch (e) {
      // IPv6 may be disabled: a missing tcp6/udp6 table is not an error.
      if (proto.endsWith("6") && (e as NodeJS.ErrnoException).code === "ENOENT") continue;
      return notKnown(
        `cannot read /proc/net/${proto}: ${(e as Error).message}`,
        "the live audit needs a Linux /proc",
      );
    }
  }
  try {
    const { owners, comms } = await socketOwners();
    for (const s of sockets) {
      s.pids = (owners.get(s.inode) ?? []).sort((a, b) => a - b);
      const comm = s.pids.map((p) => comms.get(p)).find((c) => c !== undefined);
      if (comm !== undefined) s.process = comm;
    }
  } catch {
    /* sockets stay without owners; checks still see addresses and ports */
  }
  return known(sockets);
}
