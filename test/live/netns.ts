import { type ChildProcess, execFileSync, spawn } from "node:child_process";

/** A network namespace made by a test, joined to the host by a veth pair. Always call `remove()`. */
export interface TestNetns {
  name: string;
  /** Address of the host end of the veth pair. */
  hostAddr: string;
  /** Address inside the namespace. */
  nsAddr: string;
  exec(cmd: string, args: string[], input?: string): string;
  nft(rules: string): void;
  /** Starts a TCP listener inside the namespace on 0.0.0.0:port; resolves once it listens. */
  listen(port: number): Promise<ChildProcess>;
  remove(): void;
}

const sh = (cmd: string, args: string[], input?: string) =>
  execFileSync(cmd, args, { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });

/** `subnet` is the third octet of 10.213.<subnet>.0/24, unique per test file so files can run in parallel. */
export function createNetns(tag: string, subnet: number): TestNetns {
  const name = `cw-${tag}-${process.pid}`;
  const hostIf = `cwh${subnet}p${process.pid % 10000}`.slice(0, 15);
  const nsIf = `cwn${subnet}p${process.pid % 10000}`.slice(0, 15);
  const hostAddr = `10.213.${subnet}.1`;
  const nsAddr = `10.213.${subnet}.2`;
  const children: ChildProcess[] = [];
  const remove = () => {
    for (const c of children)
      if (c.pid)
        try {
          process.kill(c.pid, "SIGKILL");
        } catch {
          /* gone */
        }
    try {
      sh("ip", ["link", "del", hostIf]);
    } catch {
      /* already gone with the namespace */
    }
    try {
      sh("ip", ["netns", "del", name]);
    } catch {
      /* not created */
    }
  };
  try {
    sh("ip", ["netns", "add", name]);
    sh("ip", ["link", "add", hostIf, "type", "veth", "peer", "name", nsIf]);
    sh("ip", ["link", "set", nsIf, "netns", name]);
    sh("ip", ["addr", "add", `${hostAddr}/24`, "dev", hostIf]);
    sh("ip", ["link", "set", hostIf, "up"]);
    sh("ip", ["netns", "exec", name, "ip", "addr", "add", `${nsAddr}/24`, "dev", nsIf]);
    sh("ip", ["netns", "exec", name, "ip", "link", "set", nsIf, "up"]);
    sh("ip", ["netns", "exec", name, "ip", "link", "set", "lo", "up"]);
  } catch (e) {
    remove();
    throw e;
  }
  return {
    name,
    hostAddr,
    nsAddr,
    exec: (cmd, args, input) => sh("ip", ["netns", "exec", name, cmd, ...args], input),
    nft(rules) {
      sh("ip", ["netns", "exec", name, "nft", "flush", "ruleset"]);
      if (rules.trim()) sh("ip", ["netns", "exec", name, "nft", "-f", "-"], rules);
    },
    listen(port) {
      const child = spawn(
        "ip",
        [
          "netns",
          "exec",
          name,
          process.execPath,
          "-e",
          `require("node:net").createServer((s) => { s.on("error", () => {}); s.end("ok"); }).listen(${port}, "0.0.0.0", () => console.log("up"))`,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      children.push(child);
      return new Promise((resolve, reject) => {
        child.stdout?.once("data", () => resolve(child));
        child.once("exit", (code) => reject(new Error(`listener exited ${code}`)));
      });
    },
    remove,
  };
}

/** Tries a TCP connect with a short timeout; true when the connection was accepted. */
export async function canConnect(host: string, port: number, timeoutMs = 800): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once("connect", () => done(true));
    s.once("timeout", () => done(false));
    s.once("error", () => done(false));
  });
}
