/** What the guard remembers about one session (bounded: the oldest of 2000 sessions is forgotten first). */
export interface SessionState {
  /** Untrusted content with injection signs was seen: when, from which tool, the hosts and addresses it named. */
  flagged?: { at: string; source: string; hosts: Set<string>; addresses: Set<string>; evidence: string };
  blocked: number;
  tripped?: { at: string; reason: string };
  tokens: number;
}

export class SessionStore {
  private readonly map = new Map<string, SessionState>();
  private readonly days = new Map<string, number>();

  constructor(private readonly max = 2000) {}

  get(key: string): SessionState {
    let s = this.map.get(key);
    if (s) {
      this.map.delete(key);
    } else {
      s = { blocked: 0, tokens: 0 };
      if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    }
    this.map.set(key, s);
    return s;
  }

  /** Tokens used by an agent on a UTC day. */
  addDayTokens(agent: string, day: string, n: number): number {
    const k = `${agent}\0${day}`;
    const total = (this.days.get(k) ?? 0) + n;
    this.days.set(k, total);
    if (this.days.size > 10_000) this.days.delete(this.days.keys().next().value as string);
    return total;
  }

  reset(key: string): boolean {
    const s = this.map.get(key);
    if (!s) return false;
    s.tripped = undefined;
    s.blocked = 0;
    s.flagged = undefined;
    return true;
  }
}

export const sessionKeyOf = (ctx: { sessionKey?: string; sessionId?: string } | undefined) =>
  ctx?.sessionKey ?? ctx?.sessionId ?? "unknown-session";
