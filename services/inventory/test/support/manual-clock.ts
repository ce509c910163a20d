import type { Clock } from '@emporium/kit';

interface Sleeper {
  until: number;
  resolve: () => void;
}

/** A clock that moves only when the test says so; sleeps resolve as it passes them. */
export function manualClock(start = Date.parse('2026-12-01T12:00:00Z')): Clock & {
  advance(ms: number): Promise<void>;
} {
  let now = start;
  let sleepers: Sleeper[] = [];
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const sleeper = { until: now + ms, resolve };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', () => {
          sleepers = sleepers.filter((s) => s !== sleeper);
          resolve();
        });
      });
    },
    async advance(ms) {
      now += ms;
      const due = sleepers.filter((s) => s.until <= now);
      sleepers = sleepers.filter((s) => s.until > now);
      for (const sleeper of due) sleeper.resolve();
      // Let the woken loops run (and schedule their next sleep) before the test goes on.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
