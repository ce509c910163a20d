import type { Clock } from '@emporium/kit';

/** A clock that moves only when a test says so; sleeps end when it passes their deadline. */
export class ManualClock implements Clock {
  private current: number;
  private readonly sleepers = new Set<{ until: number; resolve(): void }>();

  constructor(start = Date.parse('2026-12-01T00:00:00Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper = { until: this.current + ms, resolve };
      const done = () => {
        this.sleepers.delete(sleeper);
        resolve();
      };
      sleeper.resolve = done;
      this.sleepers.add(sleeper);
      signal?.addEventListener('abort', done, { once: true });
      if (ms <= 0) queueMicrotask(done);
    });
  }

  /** Moves time on and wakes every sleeper whose deadline passed. */
  advance(ms: number): void {
    this.current += ms;
    for (const sleeper of [...this.sleepers]) if (sleeper.until <= this.current) sleeper.resolve();
  }

  /** How many sleeps are pending (a scheduler waiting for its next boundary). */
  get pendingSleeps(): number {
    return this.sleepers.size;
  }
}
