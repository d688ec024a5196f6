import { readdir, readFile, readlink } from "node:fs/promises";
import type { GatewayProcess } from "../../model/live-facts.js";
import { type Fact, known, notKnown } from "../../model/snapshot.js";
import { secretFingerprint } from "../../util/fingerprint.js";

export interface ProcEntry {
  pid: number;
  ppid: number;
  comm: string;
  cmdline: string[];
  uid: number;
  startTicks: number;
}

const SECRET_FLAG = /^--?(token|password|secret|api-?key|auth-token)$/i;
const SECRET_ASSIGN = /^(--?[\w-]*(token|password|secret|key)[\w-]*)=(.+)$/i;

/** Replaces values of secret-looking flags with fingerprints so a command line can be shown. */
export function redactArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const assign = SECRET_ASSIGN.exec(arg);
    if (assign) {
      out.push(`${assign[1]}=${secretFingerprint(assign[3] ?? "")}`);
    } else if (SECRET_FLAG.test(arg) && i + 1 < argv.length) {
      out.push(arg, secretFingerprint(argv[i + 1] ?? ""));
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Parses /proc/<pid>/stat (the comm field may contain spaces and parentheses). */
export function parseStat(text: string): { comm: string; ppid: number; startTicks: number } | undefined {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return undefined;
  const rest = text.slice(close + 2).split(" ");
  // rest[0] = state (field 3); ppid = field 4; starttime = field 22
  return { comm: text.slice(open + 1, close), ppid: Number(rest[1]), startTicks: Number(rest[19]) };
}

export async function readProc(pid: number): Promise<ProcEntry | undefined> {
  try {
    const [stat, status, cmdline] = await Promise.all([
      readFile(`/proc/${pid}/stat`, "utf8"),
      readFile(`/proc/${pid}/status`, "utf8"),
      readFile(`/proc/${pid}/cmdline`, "utf8"),
    ]);
    const st = parseStat(stat);
    const uidLine = /^Uid:\s+(\d+)/m.exec(status);
    if (!st || !uidLine) return undefined;
    return {
      pid,
      ppid: st.ppid,
      comm: st.comm,
      // A renamed process pads its title with NULs: empty args are dropped.
      cmdline: cmdline.split("\0").filter((a) => a !== ""),
      uid: Number(uidLine[1]),
      startTicks: st.startTicks,
    };
  } catch {
    return undefined; // the process ended while we looked
  }
}

export async function listProcs(): Promise<ProcEntry[]> {
  const names = await readdir("/proc");
  const pids = names.filter((n) => /^\d+$/.test(n)).map(Number);
  const entries = await Promise.all(pids.map(readProc));
  return entries.filter((e): e is ProcEntry => e !== undefined);
}

/** The gateway sets its title to `openclaw-gateway` (comm is cut to 15 chars); older ones run as `node … openclaw gateway`. */
export function isGatewayProcess(p: ProcEntry): boolean {
  if (p.comm.startsWith("openclaw-gatew")) return true;
  const argv0 = p.cmdline[0] ?? "";
  if (argv0.startsWith("openclaw-gateway")) return true;
  const joined = p.cmdline.join(" ");
  return (
    /(^|\/)node$/.test(argv0) &&
    /openclaw/.test(joined) &&
    /\bgateway\b/.test(joined) &&
    /\b(run|start)\b/.test(joined)
  );
}

async function userNames(): Promise<Map<number, string>> {
  const map = new Map<number, string>();
  try {
    for (const line of (await readFile("/etc/passwd", "utf8")).split("\n")) {
      const [name, , uid] = line.split(":");
      if (name && uid !== undefined) map.set(Number(uid), name);
    }
  } catch {
    /* no passwd: users stay numeric */
  }
  return map;
}

async function bootTimeMs(): Promise<number | undefined> {
  try {
    const m = /^btime (\d+)/m.exec(await readFile("/proc/stat", "utf8"));
    return m ? Number(m[1]) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

async function envNames(pid: number): Promise<Fact<string[]>> {
  try {
    const env = await readFile(`/proc/${pid}/environ`, "utf8");
    const names = env
      .split("\0")
      .map((kv) => kv.slice(0, kv.indexOf("=")))
      .filter((n) => n.startsWith("OPENCLAW_"));
    return known([...new Set(names)].sort());
  } catch (e) {
    return notKnown(
      `cannot read /proc/${pid}/environ: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      "run the audit as the gateway's user or as root to see which OPENCLAW_* variables it uses",
    );
  }
}

async function containerOf(pid: number): Promise<string | undefined> {
  try {
    const cg = await readFile(`/proc/${pid}/cgroup`, "utf8");
    return /(?:docker|libpod|containerd|crio)[-/]([0-9a-f]{12,64})/.exec(cg)?.[1];
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS = 100; // USER_HZ is 100 on every Linux ABI Node supports

/** Finds gateway processes in /proc. Children of a gateway (workers) are folded into their parent. */
export async function collectGatewayProcesses(procs?: ProcEntry[]): Promise<Fact<GatewayProcess[]>> {
  let all: ProcEntry[];
  try {
    all = procs ?? (await listProcs());
  } catch (e) {
    return notKnown(`cannot list /proc: ${String(e)}`, "the live audit needs a Linux /proc");
  }
  const gw = all.filter(isGatewayProcess);
  const gwPids = new Set(gw.map((p) => p.pid));
  const top = gw.filter((p) => !gwPids.has(p.ppid));
  const [users, boot] = await Promise.all([userNames(), bootTimeMs()]);
  const out: GatewayProcess[] = [];
  for (const p of top) {
    let cwd: Fact<string>;
    try {
      cwd = known(await readlink(`/proc/${p.pid}/cwd`));
    } catch (e) {
      cwd = notKnown(`cannot read /proc/${p.pid}/cwd: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const proc: GatewayProcess = {
      pid: p.pid,
      ppid: p.ppid,
      name: p.comm,
      cmdline: redactArgv(p.cmdline),
      uid: p.uid,
      cwd,
      envNames: await envNames(p.pid),
      listenPorts: [],
    };
    const user = users.get(p.uid);
    if (user !== undefined) proc.user = user;
    if (boot !== undefined)
      proc.startedAt = new Date(boot + (p.startTicks / CLOCK_TICKS) * 1000).toISOString();
    const cid = await containerOf(p.pid);
    if (cid) proc.containerId = cid;
    out.push(proc);
  }
  return known(out);
}

/** All descendants of a pid (workers the gateway spawned), including itself. */
export function descendants(all: ProcEntry[], pid: number): number[] {
  const kids = new Map<number, number[]>();
  for (const p of all) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p.pid]);
  const out: number[] = [];
  const stack = [pid];
  while (stack.length) {
    const cur = stack.pop() as number;
    out.push(cur);
    stack.push(...(kids.get(cur) ?? []));
  }
  return out;
}
