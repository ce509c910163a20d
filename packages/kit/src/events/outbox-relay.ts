import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EventBus } from './event-bus.ts';
import { backoffDelay, defaultRetryPolicy } from './event-bus.ts';
import type { OutboxStore } from './outbox.ts';

export interface OutboxRelayOptions {
  store: OutboxStore;
  bus: EventBus;
  logger: Logger;
  batchSize?: number;
  /** Safety net: the relay also wakes on `notify()` right after each commit. */
  pollIntervalMs?: number;
  /** Names this relay in its leases; unique per process by default. */
  owner?: string;
  /** How long a claimed batch is this relay's; a crashed relay's rows are taken over after it. */
  leaseMs?: number;
  /**
   * How long a wake-up waits for more commits before the pass starts. Every pass costs a
   * claim, a publish and a mark (on SQLite each a disk sync): under load one pass per few
   * milliseconds carries many commits' events instead of one each.
   */
  coalesceMs?: number;
}

/**
 * Moves committed outbox events to the bus in commit order. Each batch is claimed with
 * a lease, so replicas on one store never publish a row twice while alive; a crash
 * after publishing but before marking republishes after the lease: inboxes absorb it.
 */
export class OutboxRelay {
  private readonly options: Required<OutboxRelayOptions>;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private coalescing: NodeJS.Timeout | undefined;
  private stopped = false;
  private failures = 0;

  constructor(options: OutboxRelayOptions) {
    this.options = {
      batchSize: 100,
      pollIntervalMs: 1_000,
      owner: `relay-${randomUUID()}`,
      leaseMs: 30_000,
      coalesceMs: 0,
      ...options,
    };
  }

  get owner(): string {
    return this.options.owner;
  }

  start(): void {
    this.stopped = false;
    this.notify();
  }

  /** Asks for a pass now; cheap to call after every commit. */
  notify(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.coalescing) return;
    if (this.options.coalesceMs <= 0) return this.pass();
    this.coalescing = setTimeout(() => {
      this.coalescing = undefined;
      this.pass();
    }, this.options.coalesceMs);
  }

  private pass(): void {
    if (this.stopped || this.running) return;
    this.running = this.loop().finally(() => {
      this.running = undefined;
      this.schedule();
    });
  }

  pending(): Promise<number> {
    return this.options.store.pendingCount();
  }

  /** Publishes everything committed so far, then stops (graceful shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.cancelCoalescing();
    await this.running;
    await this.publishAll().catch((error: unknown) =>
      this.options.logger.warn({ err: error }, 'outbox flush failed'),
    );
    this.stopped = true;
    clearTimeout(this.timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.cancelCoalescing();
    await this.running;
  }

  /** One pass: claims and publishes batches until nothing claimable is left. */
  async publishAll(): Promise<number> {
    const { store, bus, batchSize, owner, leaseMs } = this.options;
    let published = 0;
    for (;;) {
      const batch = await store.claim({ owner, limit: batchSize, leaseMs });
      if (batch.length === 0) return published;
      const ids = batch.map((entry) => entry.id);
      try {
        await bus.publish(batch.map((entry) => entry.event));
      } catch (error) {
        await store.markFailed(owner, ids, String(error));
        throw error;
      }
      await store.markPublished(owner, ids);
      published += batch.length;
      if (batch.length < batchSize) return published;
      // A bulk import leaves tens of thousands of rows: let requests run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private cancelCoalescing(): void {
    clearTimeout(this.coalescing);
    this.coalescing = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.notify();
      return;
    }
    const delay =
      this.failures > 0
        ? backoffDelay(this.failures, defaultRetryPolicy)
        : this.options.pollIntervalMs;
    this.timer = setTimeout(() => this.notify(), delay);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    try {
      await this.publishAll();
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.options.logger.warn(
        { err: error, failures: this.failures },
        'outbox relay could not publish; will retry',
      );
    }
  }
}
