import type { Chain, Cond, Family, Rule, Verdict } from "./firewall-model.js";

type Json = unknown;
const obj = (v: Json): Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, Json>) : {};

const FAMILIES: Record<string, Family[]> = { ip: ["ipv4"], ip6: ["ipv6"], inet: ["ipv4", "ipv6"] };

/** Renders an nft JSON value (number, string, set, range, prefix, named set) as strings. */
function values(v: Json, sets: Map<string, string[]>): string[] | undefined {
  if (typeof v === "number" || typeof v === "string") {
    if (typeof v === "string" && v.startsWith("@")) return sets.get(v.slice(1));
    return [String(v)];
  }
  if (Array.isArray(v)) return v.flatMap((x) => values(x, sets) ?? []);
  const o = obj(v);
  if ("set" in o) return values(o.set, sets);
  if ("range" in o && Array.isArray(o.range)) return [`${String(o.range[0])}-${String(o.range[1])}`];
  if ("prefix" in o) {
    const p = obj(o.prefix);
    return [`${String(p.addr)}/${String(p.len)}`];
  }
  if ("elem" in o) return values(obj(o.elem).val, sets);
  return undefined;
}

function portRanges(vals: string[]): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  for (const v of vals) {
    const m = /^(\d+)(?:[-:](\d+))?$/.exec(v);
    if (!m) return undefined;
    out.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return out;
}

/** Statements that neither match nor decide (they do not change whether a rule applies). */
const PASSIVE = new Set(["counter", "log", "comment", "limit", "notrack", "mangle"]);

function nftCond(expr: Record<string, Json>, sets: Map<string, string[]>): Cond | "skip" {
  if (!("match" in expr)) {
    // e.g. an iptables-nft `xt` match that nft cannot translate: its effect is unknown.
    return Object.keys(expr).every((k) => PASSIVE.has(k))
      ? "skip"
      : { type: "unknown", text: JSON.stringify(expr) };
  }
  const m = obj(expr.match);
  const op = String(m.op ?? "==");
  const negate = op === "!=";
  if (!["==", "!=", "in"].includes(op)) return { type: "unknown", text: JSON.stringify(expr) };
  const left = obj(m.left);
  const vals = values(m.right, sets);
  if (!vals) return { type: "unknown", text: JSON.stringify(expr) };
  if ("payload" in left) {
    const p = obj(left.payload);
    const proto = String(p.protocol ?? "");
    const field = String(p.field ?? "");
    if (field === "dport" && ["tcp", "th", "udp", "sctp"].includes(proto)) {
      const ranges = portRanges(vals);
      if (!ranges) return { type: "unknown", text: JSON.stringify(expr) };
      // `udp dport` implies the packet is UDP: it never matches our TCP connection.
      if (proto === "udp" || proto === "sctp") return { type: "proto", values: [proto], negate: false };
      return { type: "dport", ranges, negate };
    }
    if (field === "saddr" && (proto === "ip" || proto === "ip6"))
      return { type: "src", values: vals, negate, family: proto === "ip" ? "ipv4" : "ipv6" };
    if ((proto === "ip" && field === "protocol") || (proto === "ip6" && field === "nexthdr"))
      return { type: "proto", values: vals, negate };
    if (field === "daddr" || field === "sport") return { type: "unknown", text: JSON.stringify(expr) };
  }
  if ("meta" in left) {
    const key = String(obj(left.meta).key ?? "");
    if (key === "l4proto") return { type: "proto", values: vals, negate };
    if (key === "iifname" || key === "iif") return { type: "iif", values: vals, negate };
    if (key === "nfproto") {
      const fam = vals.includes("ipv4") ? "ipv4" : "ipv6";
      return negate
        ? { type: "family", family: fam === "ipv4" ? "ipv6" : "ipv4" }
        : { type: "family", family: fam };
    }
  }
  if ("ct" in left && obj(left.ct).key === "state") return { type: "ctstate", values: vals, negate };
  return { type: "unknown", text: JSON.stringify(expr) };
}

function nftVerdict(expr: Record<string, Json>): Verdict | undefined {
  if ("accept" in expr) return { kind: "accept" };
  if ("drop" in expr || "reject" in expr) return { kind: "drop" };
  if ("return" in expr) return { kind: "return" };
  if ("jump" in expr) return { kind: "jump", target: String(obj(expr.jump).target) };
  if ("goto" in expr) return { kind: "goto", target: String(obj(expr.goto).target) };
  return undefined;
}

function renderNft(exprs: Json[]): string {
  return exprs
    .map((e) => {
      const o = obj(e);
      if ("match" in o) {
        const m = obj(o.match);
        const left = obj(m.left);
        const l =
          "payload" in left
            ? `${String(obj(left.payload).protocol)} ${String(obj(left.payload).field)}`
            : "meta" in left
              ? `meta ${String(obj(left.meta).key)}`
              : "ct" in left
                ? `ct ${String(obj(left.ct).key)}`
                : "?";
        const r = values(m.right, new Map()) ?? [JSON.stringify(m.right)];
        return `${l} ${m.op === "==" || m.op === "in" ? "" : `${String(m.op)} `}${r.length > 1 ? `{ ${r.join(", ")} }` : r[0]}`;
      }
      const key = Object.keys(o)[0] ?? "";
      if (key === "jump" || key === "goto") return `${key} ${String(obj(o[key]).target)}`;
      return key === "counter" || key === "comment" ? "" : key;
    })
    .filter((s) => s !== "")
    .join(" ");
}

/** Builds chains from `nft -j list ruleset` output. */
export function chainsFromNft(json: Json): Chain[] {
  const items = Array.isArray(obj(json).nftables) ? (obj(json).nftables as Json[]) : [];
  const sets = new Map<string, string[]>();
  const chains = new Map<string, Chain>();
  const key = (family: string, table: string, name: string) => `${family} ${table} ${name}`;
  for (const it of items) {
    const s = obj(obj(it).set);
    if (s.name !== undefined) sets.set(String(s.name), values(s.elem ?? [], sets) ?? []);
  }
  for (const it of items) {
    const c = obj(obj(it).chain);
    if (c.name === undefined) continue;
    const family = String(c.family);
    const fams = FAMILIES[family];
    if (!fams) continue;
    const chain: Chain = {
      id: key(family, String(c.table), String(c.name)),
      families: fams,
      rules: [],
      resolve: (t) => key(family, String(c.table), t),
    };
    if (c.hook === "input" && (c.type === undefined || c.type === "filter"))
      chain.input = { priority: Number(c.prio ?? 0), policy: c.policy === "drop" ? "drop" : "accept" };
    chains.set(chain.id, chain);
  }
  for (const it of items) {
    const r = obj(obj(it).rule);
    if (r.chain === undefined) continue;
    const chain = chains.get(key(String(r.family), String(r.table), String(r.chain)));
    if (!chain) continue;
    const exprs = Array.isArray(r.expr) ? (r.expr as Json[]) : [];
    const conds: Cond[] = [];
    let verdict: Verdict = { kind: "continue" };
    for (const e of exprs) {
      const o = obj(e);
      const v = nftVerdict(o);
      if (v) {
        verdict = v;
        continue;
      }
      const c = nftCond(o, sets);
      if (c !== "skip") conds.push(c);
    }
    chain.rules.push({ conds, verdict, text: renderNft(exprs) });
  }
  return [...chains.values()];
}

const BUILTIN = new Set(["ACCEPT", "DROP", "REJECT", "RETURN"]);

function iptRule(args: string[], raw: string): Rule {
  const conds: Cond[] = [];
  let verdict: Verdict = { kind: "continue" };
  let negate = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    const next = () => args[++i] ?? "";
    if (a === "!") {
      negate = true;
      continue;
    }
    switch (a) {
      case "-p":
      case "--protocol":
        conds.push({ type: "proto", values: [next()], negate });
        break;
      case "--dport":
      case "--destination-port":
      case "--dports":
      case "--destination-ports": {
        const ranges = portRanges(next().split(","));
        conds.push(ranges ? { type: "dport", ranges, negate } : { type: "unknown", text: raw });
        break;
      }
      case "-s":
      case "--source":
      case "--src-range":
        // Host masks are written without a prefix, as nft prints them.
        conds.push({
          type: "src",
          values: next()
            .split(",")
            .map((v) => v.replace(/\/(32|128)$/, "")),
          negate,
        });
        break;
      case "-i":
      case "--in-interface":
        conds.push({ type: "iif", values: [next()], negate });
        break;
      case "--ctstate":
      case "--state":
        conds.push({ type: "ctstate", values: next().split(","), negate });
        break;
      case "-m":
      case "--match":
      case "--comment":
        next();
        break;
      case "-j":
      case "-g": {
        const t = next();
        if (t === "ACCEPT") verdict = { kind: "accept" };
        else if (t === "DROP" || t === "REJECT") verdict = { kind: "drop" };
        else if (t === "RETURN") verdict = { kind: "return" };
        else if (t === "LOG" || t === "NFLOG") verdict = { kind: "continue" };
        else verdict = { kind: a === "-g" ? "goto" : "jump", target: t };
        // Target options (e.g. --reject-with) follow; they do not change the verdict.
        i = args.length;
        break;
      }
      case "-A":
        next();
        break;
      default:
        if (a.startsWith("-")) conds.push({ type: "unknown", text: raw });
    }
    negate = false;
  }
  return { conds, verdict, text: raw.replace(/^-A \S+ /, "") };
}

function splitArgs(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? "");
  return out;
}

/** Builds chains from the `*filter` table of `iptables-save` / `ip6tables-save` output. */
export function chainsFromIptablesSave(text: string, family: Family): Chain[] {
  const chains = new Map<string, Chain>();
  let inFilter = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("*")) inFilter = line.trim() === "*filter";
    if (!inFilter) continue;
    const decl = /^:(\S+) (\S+)/.exec(line);
    if (decl) {
      const [, name = "", policy = "-"] = decl;
      const chain: Chain = { id: name, families: [family], rules: [], resolve: (t) => t };
      if (name === "INPUT") chain.input = { priority: 0, policy: policy === "DROP" ? "drop" : "accept" };
      chains.set(name, chain);
      continue;
    }
    if (!line.startsWith("-A ")) continue;
    const args = splitArgs(line);
    const chain = chains.get(args[1] ?? "");
    if (chain) chain.rules.push(iptRule(args, line));
  }
  for (const c of chains.values()) {
    for (const r of c.rules) {
      if ((r.verdict.kind === "jump" || r.verdict.kind === "goto") && BUILTIN.has(r.verdict.target))
        r.verdict = { kind: "continue" };
    }
  }
  return [...chains.values()];
}
