import type { Logger } from '@emporium/kit';
import type { InventoryDeps } from './deps.ts';
import { expireReservation } from './use-cases/settle-reservation.ts';

/** Due reservations expired per round; a larger backlog takes more rounds at once. */
const BATCH = 100;
/**
 * The longest sleep: other replicas' reservations (on a shared DynamoDB table) wake
 * only their own sweeper, so each sweeper also looks again at least this often.
 */
const MAX_SLEEP_MS = 1_000;

/**
 * Expires held reservations when their time comes, by the injected clock: it sleeps
 * until the earliest expiry (at most a second), and a new reservation that expires
 * sooner wakes it. Expiring is a conditional held → expired change, so sweepers of
 * several replicas may race on one reservation and only one of them releases its stock.
 */
export class ReservationSweeper {
  private readonly deps: InventoryDeps;
  private readonly logger: Logger;
  private readonly stopped = new AbortController();
  private nap: AbortController | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  /** A wake-up that came while it was not sleeping: the next sleep is skipped. */
  private woken = false;
  private loop: Promise<void> | undefined;

  constructor(deps: InventoryDeps, logger: Logger) {
    this.deps = deps;
    this.logger = logger;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** A reservation now expires at `expiresAt`: wake up earlier when that is sooner. */
  wake(expiresAt: number): void {
    if (!this.nap) this.woken = true;
    else if (expiresAt < this.wakeAt) this.nap.abort();
  }

  /** Expires what is due now; returns how many it expired (the loop, and tests, call it). */
  async sweep(): Promise<number> {
    let expired = 0;
    for (;;) {
      const due = await this.deps.store.dueReservations(this.deps.clock.now(), BATCH);
      for (const id of due) {
        if (this.stopped.signal.aborted) return expired;
        if (await this.expireOne(id)) expired += 1;
      }
      if (due.length < BATCH) return expired;
    }
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    this.nap?.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      try {
        this.woken = false;
        await this.sweep();
        await this.sleepUntilNext();
      } catch (error) {
        this.logger.error({ err: error }, 'reservation sweep failed; trying again');
        await this.pause(MAX_SLEEP_MS);
      }
    }
  }

  private async sleepUntilNext(): Promise<void> {
    const next = await this.deps.store.nextExpiry();
    const now = this.deps.clock.now();
    const wait = Math.min(MAX_SLEEP_MS, Math.max(0, (next ?? Number.POSITIVE_INFINITY) - now));
    await this.pause(wait);
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopped.signal.aborted || this.woken) return;
    this.nap = new AbortController();
    this.wakeAt = this.deps.clock.now() + ms;
    await this.deps.clock.sleep(ms, AbortSignal.any([this.nap.signal, this.stopped.signal]));
    this.wakeAt = Number.POSITIVE_INFINITY;
    this.nap = undefined;
  }

  private async expireOne(id: string): Promise<boolean> {
    try {
      return await expireReservation(this.deps, id);
    } catch (error) {
      this.logger.warn({ err: error, reservationId: id }, 'could not expire a reservation');
      return false;
    }
  }
}
