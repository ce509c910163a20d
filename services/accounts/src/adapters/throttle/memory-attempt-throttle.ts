import { randomUUID } from 'node:crypto';
import type { Clock } from '@emporium/kit';
import type {
  AttemptLimit,
  AttemptThrottle,
  GrantedReservation,
  Reservation,
} from '../../app/ports/attempt-throttle.ts';

interface Slot {
  id: string;
  at: number;
}

export interface MemoryAttemptThrottleOptions {
  clock: Clock;
  /** Beyond this many tracked keys, expired ones are swept so memory stays bounded. */
  sweepAbove?: number;
}

/**
 * Sliding-window log per key in this process (embedded mode). `reserve` checks and
 * writes without awaiting in between, so on the single JS thread it is atomic.
 */
export class MemoryAttemptThrottle implements AttemptThrottle {
  private readonly slots = new Map<string, Slot[]>();
  /** The window of each key, so a sweep knows which slots have expired. */
  private readonly windows = new Map<string, number>();
  private readonly clock: Clock;
  private readonly sweepAbove: number;
  /** Doubles with the live keys a sweep leaves, so sweeping stays amortised O(1) per attempt. */
  private nextSweepAt: number;

  constructor(options: MemoryAttemptThrottleOptions) {
    this.clock = options.clock;
    this.sweepAbove = options.sweepAbove ?? 10_000;
    this.nextSweepAt = this.sweepAbove;
  }

  /** How many keys are tracked (to show that memory stays bounded). */
  get trackedKeys(): number {
    return this.slots.size;
  }

  async reserve(limits: readonly AttemptLimit[]): Promise<Reservation> {
    const now = this.clock.now();
    let retryAfterMs = 0;
    for (const limit of limits) {
      const recent = this.prune(limit.key, limit.windowMs, now);
      if (recent.length >= limit.max) {
        // Free once enough of the oldest slots have left the window.
        const freedAt = recent[recent.length - limit.max]!.at + limit.windowMs;
        retryAfterMs = Math.max(retryAfterMs, freedAt - now);
      }
    }
    if (retryAfterMs > 0) return { granted: false, retryAfterMs };
    if (this.slots.size >= this.nextSweepAt) this.sweep(now);
    const id = randomUUID();
    for (const limit of limits) {
      this.slots.set(limit.key, [...(this.slots.get(limit.key) ?? []), { id, at: now }]);
      this.windows.set(limit.key, limit.windowMs);
    }
    return { granted: true, id, keys: limits.map((limit) => limit.key) };
  }

  async release(reservation: GrantedReservation): Promise<void> {
    for (const key of reservation.keys) {
      const remaining = (this.slots.get(key) ?? []).filter((slot) => slot.id !== reservation.id);
      if (remaining.length > 0) this.slots.set(key, remaining);
      else this.forget(key);
    }
  }

  async reset(key: string): Promise<void> {
    this.forget(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.slots.clear();
    this.windows.clear();
  }

  private prune(key: string, windowMs: number, now: number): Slot[] {
    const recent = (this.slots.get(key) ?? []).filter((slot) => slot.at > now - windowMs);
    if (recent.length > 0) this.slots.set(key, recent);
    else this.forget(key);
    return recent;
  }

  private sweep(now: number): void {
    for (const [key, windowMs] of [...this.windows]) this.prune(key, windowMs, now);
    this.nextSweepAt = Math.max(this.sweepAbove, this.slots.size * 2);
  }

  private forget(key: string): void {
    this.slots.delete(key);
    this.windows.delete(key);
  }
}
