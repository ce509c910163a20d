import { eventually, ManualClock, silentLogger } from '@emporium/kit/testing';
import { describe, expect, it } from 'vitest';
import type { BoundaryOutcome, PriceStore } from '../../src/app/ports/price-store.ts';
import { PriceScheduler } from '../../src/app/price-scheduler.ts';

/** A store with one boundary at `boundary`. */
function storeWithBoundary(boundary: number) {
  const applied: number[] = [];
  const store: Pick<PriceStore, 'nextBoundary' | 'applyNextBoundary'> = {
    nextBoundary: async () => (applied.includes(boundary) ? undefined : boundary),
    applyNextBoundary: async (now): Promise<BoundaryOutcome> => {
      if (applied.includes(boundary) || now < boundary) return { kind: 'idle' };
      applied.push(boundary);
      return { kind: 'applied', at: boundary };
    },
  };
  return { store: store as PriceStore, applied };
}

const asleepAhead = (scheduler: PriceScheduler, clock: ManualClock) =>
  eventually(() => scheduler.sleepingUntil !== undefined && scheduler.sleepingUntil > clock.now());

describe('the price scheduler', () => {
  it('when a boundary is ahead, then it sleeps until exactly then and applies it once', async () => {
    const clock = new ManualClock();
    const { store, applied } = storeWithBoundary(clock.now() + 60_000);
    let passes = 0;
    const scheduler = new PriceScheduler({
      prices: store,
      clock,
      logger: silentLogger,
      onPass: () => passes++,
    });
    await scheduler.start();
    await asleepAhead(scheduler, clock);
    expect(scheduler.sleepingUntil).toBe(clock.now() + 60_000);
    clock.advance(60_000);
    await eventually(() => applied.length === 1);
    await asleepAhead(scheduler, clock);
    expect(applied).toHaveLength(1);
    expect(passes).toBeGreaterThanOrEqual(2);
    await scheduler.stop();
  });

  it('when a pass fails, then it logs, sleeps five seconds on the clock and tries again', async () => {
    const clock = new ManualClock();
    const { store, applied } = storeWithBoundary(clock.now() + 1_000);
    const nextBoundary = store.nextBoundary.bind(store);
    let failed = false;
    store.nextBoundary = async () => {
      if (failed) return nextBoundary();
      failed = true;
      throw new Error('database away');
    };
    const errors: unknown[] = [];
    const logger = Object.assign(Object.create(silentLogger), {
      error: (...args: unknown[]) => void errors.push(args),
    });
    const scheduler = new PriceScheduler({ prices: store, clock, logger });
    await scheduler.start();
    await asleepAhead(scheduler, clock);
    expect(errors).toHaveLength(1);
    expect(scheduler.sleepingUntil).toBe(clock.now() + 5_000);
    clock.advance(5_000);
    await eventually(() => applied.length === 1);
    await scheduler.stop();
  });

  it('when it is stopped while sleeping, then stop resolves at once without moving the clock', async () => {
    const clock = new ManualClock();
    const { store } = storeWithBoundary(clock.now() + 3600_000 * 24);
    const scheduler = new PriceScheduler({ prices: store, clock, logger: silentLogger });
    await scheduler.start();
    await asleepAhead(scheduler, clock);
    await scheduler.stop();
    expect(clock.pendingSleeps).toBe(0);
  });
});
