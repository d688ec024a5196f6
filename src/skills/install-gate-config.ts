import { existsSync, realpathSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The `security.installPolicy` block that makes OpenClaw run `clawwarden install-policy` before every skill and
 * plugin install. OpenClaw runs the command as the gateway's user with an empty environment, so it must name
 * an absolute Node and an absolute clawwarden entry that user can read and run, and nothing it can rewrite.
 */
export const BLOCK_AT = ["malicious", "suspicious", "incomplete", "review"] as const;
export type BlockAt = (typeof BLOCK_AT)[number];

export interface GateCommand {
  node: string;
  script: string;
}

/** This clawwarden: the Node running it and its CLI entry, both with symlinks resolved. */
export function currentGateCommand(): GateCommand {
  const script = fileURLToPath(new URL("../cli/main.js", import.meta.url));
  return {
    node: realpathSync(process.execPath),
    script: existsSync(script) ? realpathSync(script) : script,
  };
}

export function installPolicyBlock(cmd: GateCommand, blockAt: BlockAt = "suspicious") {
  return {
    enabled: true,
    targets: ["skill", "plugin"],
    exec: {
      source: "exec",
      command: cmd.node,
      args: [cmd.script, "install-policy", ...(blockAt === "suspicious" ? [] : ["--block-at", blockAt])],
      timeoutMs: 60000,
    },
  };
}

/** Who runs the gate: the gateway's user, taken as the owner of the state dir it serves. */
export interface GateUser {
  uid: number;
  gid: number;
}

type Stat = (path: string) => { mode: number; uid: number; gid: number };

/** Whether `user` has the `bit` (4 read, 1 search/execute) on a file with this owner and mode. */
function allowed(st: { mode: number; uid: number; gid: number }, user: GateUser, bit: 4 | 1): boolean {
  if (user.uid === 0) return bit === 4 || (st.mode & 0o111) !== 0;
  const shift = st.uid === user.uid ? 6 : st.gid === user.gid ? 3 : 0;
  return ((st.mode >> shift) & bit) !== 0;
}

/**
 * Why the gateway's user could not run this command, or undefined: every directory on the way searchable
 * by it, the script readable, Node executable, and none of them writable by everyone (anyone could replace
 * the gate). Never an npx cache, which npm prunes.
 */
export function gateCommandProblem(
  cmd: GateCommand,
  user: GateUser,
  stat: Stat = statSync,
): string | undefined {
  if (/\/_npx\/|\/\.npm\//.test(cmd.script))
    return `${cmd.script} is in an npx cache (pruned by npm, and under one user's home): install clawwarden globally (npm i -g clawwarden)`;
  for (const [path, bit, what] of [
    [cmd.node, 1, "executable"],
    [cmd.script, 4, "readable"],
  ] as const) {
    let st: ReturnType<Stat>;
    try {
      st = stat(path);
    } catch {
      return `${path} does not exist`;
    }
    if (!allowed(st, user, bit)) return `${path} is not ${what} by uid ${user.uid} (the gateway's user)`;
    if ((st.mode & 0o002) !== 0)
      return `${path} is writable by every user: anyone could replace the install gate`;
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const d = stat(dir);
      if (!allowed(d, user, 1))
        return `${dir} is not searchable by uid ${user.uid} (the gateway's user cannot reach ${path})`;
      if ((d.mode & 0o002) !== 0 && (d.mode & 0o1000) === 0)
        return `${dir} is writable by every user: anyone could replace the install gate`;
      if (dir === dirname(dir)) break;
    }
  }
  return undefined;
}
