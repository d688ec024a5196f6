import { existsSync, type FSWatcher, mkdirSync, readdirSync, readFileSync, statSync, watch } from "node:fs";
import type { Server } from "node:http";
import { basename, dirname, join } from "node:path";
import type { CollectOptions } from "../audit/collect.js";
import { atomicWrite } from "../fix/apply.js";
import { Courier } from "./courier.js";
import { auditCycle, type CycleResult } from "./cycle.js";
import { type AuditDigest, diffAudits } from "./diff.js";
import { gatewayLogSignal } from "./gateway-log.js";
import { guardEventSignal } from "./guard-events.js";
import { serveMetrics, WatchMetrics } from "./metrics.js";
import { AlertEngine } from "./rules.js";
import { watchSettings } from "./settings.js";
import { buildSinks } from "./sinks/index.js";
import { FileTail } from "./tail.js";
import { type Alert, parseDuration, type Signal, type WatchSettings } from "./types.js";

export interface WatcherOptions {
  collect: CollectOptions;
  env: NodeJS.ProcessEnv;
  /** Overrides `watch.every` from clawwarden.json. */
  every?: string;
  /** Quiet time after a file change before re-auditing (default 2 s: editors write in bursts). */
  debounceMs?: number;
  /** Called for every alert raised (after the rules), e.g. for the foreground log. */
  onAlert?: (alert: Alert) => void;
  onError?: (error: Error) => void;
}

export interface WatchStatus {
  pid: number;
  startedAt: string;
  lastCycleAt?: string;
  lastCycleReason?: string;
  lastIndex?: number;
  alertsRaised: number;
  sinks: Courier["status"][];
  rules: ReturnType<AlertEngine["stats"]["get"]>[];
}

/** `<state dir>/.clawwarden/watch/`: the last audit digest (for diffs across restarts) and the status file. */
export const watchDir = (stateDir: string) => join(stateDir, ".clawwarden", "watch");

/**
 * The watch loop: re-audits when a watched file changes (debounced) and on a schedule, diffs against the last
 * audit, follows the gateway log and the guard's event log, and hands signals to the alert rules and sinks.
 * Event-driven only (fs.watch and one timer): idle costs no CPU.
 */
export class Watcher {
  private settings!: WatchSettings;
  private engine!: AlertEngine;
  private couriers: Courier[] = [];
  readonly metrics = new WatchMetrics();
  private metricsServer?: Server;
  private fsWatchers: FSWatcher[] = [];
  private timer?: NodeJS.Timeout;
  private debounce?: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private rerun: string | undefined;
  private previous?: AuditDigest;
  private stateDir = "";
  private logTail?: FileTail;
  private eventTail?: FileTail;
  private stopped = false;
  readonly status: WatchStatus = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    alertsRaised: 0,
    sinks: [],
    rules: [],
  };

  constructor(private readonly opts: WatcherOptions) {}

  /** First audit, then the watchers. Config errors (bad rules, missing secrets) throw here, before any waiting. */
  async start(): Promise<CycleResult> {
    const first = await auditCycle(this.opts.collect);
    this.stateDir = first.stateDir;
    this.settings = watchSettings(first.clawwarden);
    this.engine = new AlertEngine(this.settings.rules);
    this.couriers = buildSinks(this.settings.sinks, this.opts.env).map((s) => new Courier(s));
    const prom = this.settings.sinks.find((s) => s.type === "prometheus");
    if (prom && prom.type === "prometheus")
      this.metricsServer = await serveMetrics(this.metrics, prom.port, prom.host);
    this.previous = this.loadDigest();
    await this.consume(first, "start");
    this.eventTail = new FileTail(join(this.stateDir, ".clawwarden", "events", "events.jsonl"));
    this.logTail = new FileTail(first.gatewayLog);
    this.arm(first);
    return first;
  }

  /** One cycle for `--once` / timers: audit, diff, alerts, flush. */
  async once(): Promise<number> {
    const first = await auditCycle(this.opts.collect);
    this.stateDir = first.stateDir;
    this.settings = watchSettings(first.clawwarden);
    this.engine = new AlertEngine(this.settings.rules);
    this.couriers = buildSinks(this.settings.sinks, this.opts.env).map((s) => new Courier(s));
    this.previous = this.loadDigest();
    const before = this.status.alertsRaised;
    await this.consume(first, "once");
    await this.flush();
    this.saveStatus();
    return this.status.alertsRaised - before;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.fsWatchers.splice(0)) w.close();
    clearTimeout(this.timer);
    clearTimeout(this.debounce);
    await this.running;
    await this.flush();
    this.saveStatus();
    await new Promise<void>((r) => (this.metricsServer ? this.metricsServer.close(() => r()) : r()));
  }

  async flush(timeoutMs = 30_000): Promise<void> {
    await Promise.all(this.couriers.map((c) => c.flush(timeoutMs)));
  }

  /** Signals from outside the audit (tests, the CLI): through the same rules and sinks. */
  raise(signals: Signal[]): void {
    for (const s of signals) {
      for (const { alert, sinks } of this.engine.offer(s)) {
        this.status.alertsRaised++;
        this.metrics.alerts.inc({ rule: alert.rule, severity: alert.severity });
        this.opts.onAlert?.(alert);
        for (const c of this.couriers) if (!sinks || sinks.includes(c.sink.name)) c.enqueue(alert);
      }
    }
    this.status.sinks = this.couriers.map((c) => c.status);
    this.metrics.updateSinks(this.status.sinks);
  }

  /** Requests an audit; overlapping requests fold into one follow-up run. */
  trigger(reason: string): Promise<void> {
    if (this.running) {
      this.rerun = reason;
      return this.running;
    }
    this.running = (async () => {
      try {
        const r = await auditCycle(this.opts.collect);
        await this.consume(r, reason);
        if (!this.stopped) this.arm(r);
      } catch (error) {
        this.opts.onError?.(error as Error);
      } finally {
        this.running = undefined;
        const next = this.rerun;
        this.rerun = undefined;
        if (next && !this.stopped) void this.trigger(next);
      }
    })();
    return this.running;
  }

  private async consume(r: CycleResult, reason: string): Promise<void> {
    const now = new Date();
    this.raise(diffAudits(this.previous, r.digest, now));
    this.previous = r.digest;
    this.saveDigest(r.digest);
    this.metrics.hardeningIndex.set(r.digest.index);
    this.metrics.lastAudit.set(Math.floor(now.getTime() / 1000));
    for (const [id, it] of Object.entries(r.digest.items)) {
      this.metrics.itemStatus.set({ item: id, priority: it.priority }, it.status === "fail" ? 1 : 0);
    }
    if (this.logTail && this.logTail.path !== r.gatewayLog) this.logTail = new FileTail(r.gatewayLog, false);
    this.status.lastCycleAt = now.toISOString();
    this.status.lastCycleReason = reason;
    this.status.lastIndex = r.digest.index;
    this.saveStatus();
  }

  private readTails(): void {
    const now = new Date();
    const signals: Signal[] = [];
    for (const line of this.logTail?.readLines() ?? []) {
      const s = gatewayLogSignal(line, now);
      if (s) signals.push(s);
    }
    for (const line of this.eventTail?.readLines() ?? []) {
      const s = guardEventSignal(line);
      if (s) signals.push(s);
    }
    if (signals.length) this.raise(signals);
  }

  /** (Re)places the file watchers on what the last audit read, and the schedule. */
  private arm(r: CycleResult): void {
    for (const w of this.fsWatchers.splice(0)) w.close();
    const onChange = (what: string) => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.trigger(`changed: ${what}`), this.opts.debounceMs ?? 2000);
    };
    for (const path of r.watchPaths) {
      const dir = statSync(path).isDirectory();
      this.tryWatch(dir ? path : dirname(path), dir, (name) => {
        if (dir || name === path.split("/").pop()) onChange(path);
      });
    }
    mkdirSync(join(this.stateDir, ".clawwarden", "events"), { recursive: true, mode: 0o700 });
    const tailDirs = [dirname(r.gatewayLog), join(this.stateDir, ".clawwarden", "events")];
    for (const d of tailDirs) {
      if (existsSync(d)) this.tryWatch(d, false, () => this.readTails());
      // the gateway has not logged yet: wait for its folder to appear, then watch it
      else this.tryWatch(dirname(d), false, (name) => name === basename(d) && !this.stopped && this.arm(r));
    }
    clearTimeout(this.timer);
    const every = parseDuration(this.opts.every ?? this.settings.every, 3_600_000);
    this.timer = setTimeout(() => void this.trigger("schedule"), every);
  }

  /**
   * Node 20's `recursive: true` on Linux polls every file with stat watchers (CPU while idle); instead every folder
   * of the tree gets its own inotify watch (bounded; node_modules and .git skipped). A new folder changes the tree,
   * which triggers an audit, which re-arms.
   */
  private tryWatch(path: string, recursive: boolean, fn: (name: string) => void): void {
    const dirs = recursive ? folderTree(path, 2000) : [path];
    for (const dir of dirs) {
      if (!existsSync(dir)) continue;
      try {
        const w = watch(dir, { persistent: true }, (_event, name) => fn(String(name ?? "")));
        w.on("error", () => w.close());
        this.fsWatchers.push(w);
      } catch {
        // a folder that vanished between the check and the watch: the next cycle re-arms
      }
    }
  }

  private loadDigest(): AuditDigest | undefined {
    const file = join(watchDir(this.stateDir), "last-audit.json");
    try {
      if (!statSync(file).isFile() || statSync(file).size > 4 * 1024 * 1024) return undefined;
      return JSON.parse(readFileSync(file, "utf8")) as AuditDigest;
    } catch {
      return undefined;
    }
  }

  private saveDigest(d: AuditDigest): void {
    mkdirSync(watchDir(this.stateDir), { recursive: true, mode: 0o700 });
    atomicWrite(join(watchDir(this.stateDir), "last-audit.json"), `${JSON.stringify(d)}\n`, 0o600);
  }

  private saveStatus(): void {
    if (!this.stateDir) return;
    this.status.sinks = this.couriers.map((c) => c.status);
    this.status.rules = [...(this.engine?.stats.values() ?? [])];
    mkdirSync(watchDir(this.stateDir), { recursive: true, mode: 0o700 });
    atomicWrite(
      join(watchDir(this.stateDir), "status.json"),
      `${JSON.stringify(this.status, null, 2)}\n`,
      0o600,
    );
  }
}

function folderTree(root: string, max: number): string[] {
  const out: string[] = [];
  const queue = [root];
  while (queue.length && out.length < max) {
    const dir = queue.shift() as string;
    out.push(dir);
    try {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory() && e.name !== "node_modules" && e.name !== ".git") queue.push(join(dir, e.name));
      }
    } catch {
      // unreadable: watched as far as we got
    }
  }
  return out;
}
