import type { Clock, Logger } from '@emporium/kit';
import type { OrderStore } from './ports/order-store.ts';
import { Repeating } from './repeating.ts';

const BATCH = 500;
/** Batches per pass: a backlog is worked off over a few passes, never in one long write. */
const MAX_BATCHES = 20;

/**
 * Forgets answered idempotency keys once they are older than the retention (24 h by
 * default, the window payment APIs keep): a replay within it still gets the first answer,
 * and the table (each key keeps its whole first response) stops growing with every order.
 * Once at start, then every `intervalMs` by the injected clock; `pass()` is what tests call.
 */
export class IdempotencyKeyExpiry {
  private readonly store: Pick<OrderStore, 'forgetAnsweredKeys'>;
  private readonly clock: Clock;
  private readonly retentionMs: number;
  private readonly repeating: Repeating;

  constructor(options: {
    store: Pick<OrderStore, 'forgetAnsweredKeys'>;
    clock: Clock;
    logger: Logger;
    retentionMs: number;
    intervalMs: number;
  }) {
    this.store = options.store;
    this.clock = options.clock;
    this.retentionMs = options.retentionMs;
    this.repeating = new Repeating({
      clock: options.clock,
      intervalMs: options.intervalMs,
      run: async () => void (await this.pass()),
      onError: (error) =>
        options.logger.warn({ err: error }, 'forgetting old idempotency keys failed'),
    });
  }

  /** Forgets what is due now; returns how many keys. */
  async pass(): Promise<number> {
    const before = this.clock.now() - this.retentionMs;
    let forgotten = 0;
    for (let batch = 0; batch < MAX_BATCHES && !this.repeating.signal.aborted; batch += 1) {
      const count = await this.store.forgetAnsweredKeys(before, BATCH);
      forgotten += count;
      if (count < BATCH) break;
    }
    return forgotten;
  }

  start(): void {
    this.repeating.start();
  }

  stop(): Promise<void> {
    return this.repeating.stop();
  }
}
