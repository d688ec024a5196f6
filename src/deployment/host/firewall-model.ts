/**
 * A small model of an input filter chain, built from either `nft -j list ruleset` or `iptables-save`, and
 * an evaluator that answers one question: what happens to a NEW TCP connection to the gateway port that
 * arrives on a non-loopback interface from some source address?
 */
import type { Exposure, PortVerdict } from "../../model/live-facts.js";

export type Family = "ipv4" | "ipv6";

export type Cond =
  | { type: "proto"; values: string[]; negate: boolean }
  | { type: "dport"; ranges: Array<[number, number]>; negate: boolean }
  | { type: "src"; values: string[]; negate: boolean; family?: Family }
  | { type: "iif"; values: string[]; negate: boolean }
  | { type: "ctstate"; values: string[]; negate: boolean }
  | { type: "family"; family: Family }
  | { type: "unknown"; text: string };

export type Verdict =
  | { kind: "accept" }
  | { kind: "drop" }
  | { kind: "return" }
  | { kind: "continue" }
  | { kind: "jump" | "goto"; target: string };

export interface Rule {
  conds: Cond[];
  verdict: Verdict;
  text: string;
}

export interface Chain {
  /** Unique within the ruleset, e.g. "inet filter input" or "INPUT". */
  id: string;
  /** Families whose packets traverse this chain. */
  families: Family[];
  /** Set for base chains hooked into input. */
  input?: { priority: number; policy: "accept" | "drop" };
  rules: Rule[];
  /** Resolves a jump/goto target name to a chain id in the same table. */
  resolve(target: string): string;
}

type Alive = "any" | string[];

interface State {
  alive: Alive;
  accepted: string[];
  open: boolean;
  decidedBy: string[];
  uncertain: string[];
}

function portMatches(ranges: Array<[number, number]>, port: number): boolean {
  return ranges.some(([lo, hi]) => port >= lo && port <= hi);
}

/** true / false / "src" (depends on the source) / "unknown" for one condition. */
function test(c: Cond, port: number, family: Family): boolean | "src" | "unknown" {
  switch (c.type) {
    case "proto": {
      const hit = c.values.some((v) => v === "tcp" || v === "6" || v === "all");
      return hit !== c.negate;
    }
    case "dport":
      return portMatches(c.ranges, port) !== c.negate;
    case "iif": {
      const lo = c.values.some((v) => v === "lo");
      // Our packet arrives on some non-loopback interface. A positive match on a named interface may or may
      // not be the one traffic arrives on: treat it as matching (worst case: reachable through it).
      if (lo) return c.negate;
      return c.negate ? "unknown" : true;
    }
    case "ctstate": {
      const hit = c.values.some((v) => v.toLowerCase() === "new");
      return hit !== c.negate;
    }
    case "family":
      return c.family === family;
    case "src":
      if (c.family && c.family !== family) return false;
      return "src";
    case "unknown":
      return "unknown";
  }
}

const MAX_DEPTH = 16;

/** Walks one chain; returns true when the packet's fate was decided (accepted/dropped for all alive sources). */
function walk(
  chains: Map<string, Chain>,
  chain: Chain,
  st: State,
  port: number,
  family: Family,
  depth: number,
): boolean {
  if (depth > MAX_DEPTH) {
    st.uncertain.push(`${chain.id}: jump depth limit`);
    return false;
  }
  for (const rule of chain.rules) {
    const results = rule.conds.map((c) => test(c, port, family));
    if (results.includes(false)) continue;
    if (results.includes("unknown")) {
      if (rule.verdict.kind !== "continue") st.uncertain.push(`${chain.id}: ${rule.text}`);
      continue;
    }
    const srcConds = rule.conds.filter((c): c is Extract<Cond, { type: "src" }> => c.type === "src");
    const v = rule.verdict;
    if (v.kind === "continue") continue;
    if (srcConds.length === 0) {
      if (v.kind === "accept") {
        st.decidedBy.push(`${chain.id}: ${rule.text}`);
        if (st.alive === "any") st.open = true;
        else st.accepted.push(...st.alive);
        return true;
      }
      if (v.kind === "drop") {
        st.decidedBy.push(`${chain.id}: ${rule.text}`);
        return true;
      }
      if (v.kind === "return") return false;
      const target = chains.get(chain.resolve(v.target));
      if (!target) {
        st.uncertain.push(`${chain.id}: jump to unknown chain ${v.target}`);
        continue;
      }
      if (walk(chains, target, st, port, family, depth + 1)) return true;
      if (v.kind === "goto") return false;
      continue;
    }
    // Rules restricted by source address.
    const positive = srcConds.filter((c) => !c.negate).flatMap((c) => c.values);
    const negated = srcConds.filter((c) => c.negate).flatMap((c) => c.values);
    if (v.kind === "accept") {
      if (positive.length === 0) {
        // "everything except X" is accepted: reachable from anywhere else.
        st.decidedBy.push(`${chain.id}: ${rule.text}`);
        if (st.alive === "any") st.open = true;
        else st.accepted.push(...st.alive.filter((a) => !negated.includes(a)));
        return true;
      }
      st.decidedBy.push(`${chain.id}: ${rule.text}`);
      st.accepted.push(...(st.alive === "any" ? positive : st.alive.filter((a) => positive.includes(a))));
      if (st.alive !== "any") st.alive = st.alive.filter((a) => !positive.includes(a));
      continue;
    }
    if (v.kind === "drop") {
      if (negated.length > 0 && positive.length === 0) {
        // Everything except X is dropped: only X goes on.
        st.decidedBy.push(`${chain.id}: ${rule.text}`);
        st.alive = st.alive === "any" ? negated : st.alive.filter((a) => negated.includes(a));
        if (st.alive.length === 0) return true;
      } else if (st.alive !== "any") {
        st.alive = st.alive.filter((a) => !positive.includes(a));
      }
      continue;
    }
    if (v.kind === "jump" || v.kind === "goto") {
      const target = chains.get(chain.resolve(v.target));
      if (!target || positive.length === 0) {
        st.uncertain.push(`${chain.id}: ${rule.text}`);
        continue;
      }
      const sub: State = { alive: positive, accepted: [], open: false, decidedBy: [], uncertain: [] };
      walk(chains, target, sub, port, family, depth + 1);
      st.accepted.push(...sub.accepted);
      st.decidedBy.push(...sub.decidedBy);
      st.uncertain.push(...sub.uncertain);
      if (st.alive !== "any") st.alive = st.alive.filter((a) => !positive.includes(a));
    }
  }
  return false;
}

const rank: Record<Exposure, number> = { open: 0, allowlist: 1, blocked: 2 };

/** Verdict for one family: every input base chain must accept the packet, in priority order. */
export function evaluatePort(chains: Chain[], port: number, family: Family): PortVerdict {
  const byId = new Map(chains.map((c) => [c.id, c]));
  const bases = chains
    .filter((c) => c.input && c.families.includes(family))
    .sort((a, b) => (a.input?.priority ?? 0) - (b.input?.priority ?? 0));
  const result: PortVerdict = { family, exposure: "open", allowed: [], decidedBy: [], uncertain: [] };
  if (bases.length === 0) {
    result.decidedBy.push("no input filter chain: nothing filters incoming connections");
    return result;
  }
  for (const base of bases) {
    const st: State = { alive: "any", accepted: [], open: false, decidedBy: [], uncertain: [] };
    const decided = walk(byId, base, st, port, family, 0);
    if (!decided) {
      st.decidedBy.push(`${base.id}: policy ${base.input?.policy}`);
      if (base.input?.policy === "accept") {
        if (st.alive === "any") st.open = true;
        else st.accepted.push(...st.alive);
      }
    }
    const exposure: Exposure = st.open ? "open" : st.accepted.length > 0 ? "allowlist" : "blocked";
    result.decidedBy.push(...st.decidedBy);
    result.uncertain.push(...st.uncertain);
    if (rank[exposure] > rank[result.exposure]) {
      result.exposure = exposure;
      result.allowed = [...new Set(st.accepted)];
    } else if (exposure === "allowlist" && result.exposure === "allowlist") {
      result.allowed = result.allowed.filter((a) => st.accepted.includes(a));
    }
  }
  return result;
}
