import type { Clock, Logger } from '@emporium/kit';
import type { CartStore } from './ports/cart-store.ts';

/**
 * Removes carts past their expiry every few minutes, a bounded batch at a time. Reads
 * already answer 404 from the expiry on; the sweep only frees the space (DynamoDB's
 * own TTL does it there).
 */
export class ExpirySweeper {
  private timer: NodeJS.Timeout | undefined;
  private readonly store: CartStore;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(store: CartStore, clock: Clock, logger: Logger) {
    this.store = store;
    this.clock = clock;
    this.logger = logger;
  }

  sweep(): Promise<number> {
    return this.store.purgeExpired(this.clock.now(), 500);
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'removing expired carts failed'),
      );
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
