import { scrubAlert, scrubText } from "./scrub.js";
import type { Alert } from "./types.js";

/** One destination: sends one alert, throws on failure. `retryable` false on errors a retry cannot fix. */
export interface Sink {
  readonly name: string;
  readonly type: string;
  deliver(alert: Alert): Promise<void>;
  close?(): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

export interface SinkStatus {
  sink: string;
  type: string;
  delivered: number;
  failed: number;
  dropped: number;
  queued: number;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastError?: string;
}

export interface CourierOptions {
  /** Alerts waiting beyond this are dropped and counted, never blocking the caller (default 1000). */
  capacity?: number;
  /** Attempts per alert, first included (default 4). */
  attempts?: number;
  /** First backoff; doubles each retry, with jitter (default 500 ms). */
  backoffMs?: number;
}

/**
 * A bounded queue in front of one sink: `enqueue` never waits and never throws (drop-and-count when full), one
 * delivery at a time in the background, retries with exponential backoff and jitter on retryable failures.
 * The guard and the audit only ever call `enqueue`.
 */
export class Courier {
  private readonly queue: Alert[] = [];
  private running = false;
  private idle: Array<() => void> = [];
  readonly status: SinkStatus;
  private readonly capacity: number;
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(
    readonly sink: Sink,
    opts: CourierOptions = {},
  ) {
    this.capacity = opts.capacity ?? 1000;
    this.attempts = opts.attempts ?? 4;
    this.backoffMs = opts.backoffMs ?? 500;
    this.status = { sink: sink.name, type: sink.type, delivered: 0, failed: 0, dropped: 0, queued: 0 };
  }

  enqueue(alert: Alert): void {
    if (this.queue.length >= this.capacity) {
      this.status.dropped++;
      return;
    }
    this.queue.push(scrubAlert(alert));
    this.status.queued = this.queue.length;
    if (!this.running) void this.drain();
  }

  /** Resolves when the queue is empty (or after `timeoutMs`). */
  flush(timeoutMs = 30_000): Promise<void> {
    if (!this.running && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref?.();
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let alert = this.queue.shift(); alert; alert = this.queue.shift()) {
        this.status.queued = this.queue.length;
        await this.deliverWithRetries(alert);
      }
    } finally {
      this.running = false;
      this.status.queued = 0;
      for (const done of this.idle.splice(0)) done();
    }
  }

  private async deliverWithRetries(alert: Alert): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.sink.deliver(alert);
        this.status.delivered++;
        this.status.lastSuccessAt = new Date().toISOString();
        return;
      } catch (error) {
        const retryable = !(error instanceof DeliveryError) || error.retryable;
        if (!retryable || attempt >= this.attempts) {
          this.status.failed++;
          this.status.lastFailureAt = new Date().toISOString();
          this.status.lastError = scrubText((error as Error).message).slice(0, 300);
          return;
        }
        const delay = this.backoffMs * 2 ** (attempt - 1);
        await new Promise((r) => setTimeout(r, delay / 2 + Math.random() * (delay / 2)));
      }
    }
  }
}
