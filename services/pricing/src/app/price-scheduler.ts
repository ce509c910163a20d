import type { Clock, Logger } from '@emporium/kit';
import type { PriceStore } from './ports/price-store.ts';

/** How long the scheduler sleeps when no boundary is known; a PUT wakes it sooner. */
const IDLE_SLEEP_MS = 3600_000;
/** Backoff after a failed pass (the database was away), before trying again. */
const RETRY_SLEEP_MS = 5_000;
/** Boundaries applied per pass before yielding, so a long catch-up cannot starve the loop. */
const MAX_BOUNDARIES_PER_PASS = 1_000;

/**
 * Starts and ends scheduled prices on time with no work per request: it sleeps on the
 * injected clock until the next validFrom/validTo boundary, applies every boundary
 * already due (at start that is the catch-up after a restart), then sleeps again.
 * `wake()` cuts the sleep short when a write may have created an earlier boundary.
 */
export class PriceScheduler {
  private readonly prices: PriceStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly stopped = new AbortController();
  private nap = new AbortController();
  private loop: Promise<void> | undefined;
  /** When the current sleep ends on the clock; undefined while a pass runs (tests read it). */
  sleepingUntil: number | undefined;

  private readonly onPass: () => void;

  /** `onPass` runs after every pass: prices may have changed (here or on another replica). */
  constructor(options: { prices: PriceStore; clock: Clock; logger: Logger; onPass?: () => void }) {
    this.prices = options.prices;
    this.clock = options.clock;
    this.logger = options.logger;
    this.onPass = options.onPass ?? (() => undefined);
  }

  /** Applies the boundaries already passed, then keeps running until `stop()`. */
  async start(): Promise<void> {
    await this.applyDue();
    this.loop = this.run();
  }

  wake(): void {
    this.sleepingUntil = undefined;
    this.nap.abort();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    this.nap.abort();
    await this.loop;
  }

  /** Applies every boundary due now; returns how many were applied. */
  async applyDue(): Promise<number> {
    let applied = 0;
    for (let i = 0; i < MAX_BOUNDARIES_PER_PASS; i++) {
      const outcome = await this.prices.applyNextBoundary(this.clock.now());
      if (outcome.kind === 'idle') break;
      if (outcome.kind === 'applied') applied++;
    }
    this.onPass();
    return applied;
  }

  private async run(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      // Before the pass: a wake() that lands during it makes the sleep below return at once.
      this.nap = new AbortController();
      let sleepMs: number;
      try {
        await this.applyDue();
        const next = await this.prices.nextBoundary();
        sleepMs = next === undefined ? IDLE_SLEEP_MS : Math.max(0, next - this.clock.now());
      } catch (error) {
        this.logger.error({ err: error }, 'price scheduler pass failed; retrying');
        sleepMs = RETRY_SLEEP_MS;
      }
      if (this.stopped.signal.aborted) break;
      const signal = AbortSignal.any([this.stopped.signal, this.nap.signal]);
      const ms = Math.min(sleepMs, IDLE_SLEEP_MS);
      if (!signal.aborted) this.sleepingUntil = this.clock.now() + ms;
      // A due boundary (ms 0) still yields once, so a wake or stop gets through.
      await this.clock.sleep(ms, signal);
      this.sleepingUntil = undefined;
    }
  }
}
