import type { Clock } from '@emporium/kit';
import type { LoginThrottle } from '../../app/ports/login-throttle.ts';

export interface MemoryLoginThrottleOptions {
  clock: Clock;
  maxFailures?: number;
  windowMs?: number;
  /** Beyond this many tracked keys, expired ones are swept so memory stays bounded. */
  sweepAbove?: number;
}

/**
 * Sliding window of failure times per key, in this process only: fine for one
 * instance; several instances need a shared store behind the same port.
 */
export class MemoryLoginThrottle implements LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly clock: Clock;
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly sweepAbove: number;

  constructor(options: MemoryLoginThrottleOptions) {
    this.clock = options.clock;
    this.maxFailures = options.maxFailures ?? 5;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.sweepAbove = options.sweepAbove ?? 10_000;
  }

  async retryAfterSeconds(key: string): Promise<number> {
    const recent = this.recent(key);
    if (recent.length < this.maxFailures) return 0;
    // Allowed again once enough of the oldest failures have left the window.
    const freedAt = recent[recent.length - this.maxFailures]! + this.windowMs;
    return Math.max(1, Math.ceil((freedAt - this.clock.now()) / 1000));
  }

  async recordFailure(key: string): Promise<void> {
    if (this.failures.size >= this.sweepAbove) this.sweep();
    this.failures.set(key, [...this.recent(key), this.clock.now()]);
  }

  async reset(key: string): Promise<void> {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.clock.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((time) => time > since);
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key).length === 0) this.failures.delete(key);
    }
  }
}
