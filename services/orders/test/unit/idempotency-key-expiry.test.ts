import { ManualClock, silentLogger } from '@emporium/kit/testing';
import { describe, expect, it } from 'vitest';
import { IdempotencyKeyExpiry } from '../../src/app/idempotency-key-expiry.ts';

const HOUR = 3_600_000;

/** A store holding `due` answered keys older than any cutoff asked; records each call. */
function storeWith(due: number) {
  const calls: { before: number; limit: number }[] = [];
  let left = due;
  return {
    calls,
    async forgetAnsweredKeys(before: number, limit: number) {
      calls.push({ before, limit });
      const taken = Math.min(left, limit);
      left -= taken;
      return taken;
    },
  };
}

function expiryOf(store: ReturnType<typeof storeWith>, clock: ManualClock, retentionMs: number) {
  return new IdempotencyKeyExpiry({
    store,
    clock,
    logger: silentLogger,
    retentionMs,
    intervalMs: 60_000,
  });
}

describe('IdempotencyKeyExpiry', () => {
  it('when a pass runs, then it forgets keys older than the retention, a batch at a time until a short one', async () => {
    const clock = new ManualClock();
    const store = storeWith(1_200);
    const expiry = expiryOf(store, clock, 24 * HOUR);
    expect(await expiry.pass()).toBe(1_200);
    expect(store.calls.map((call) => call.limit)).toEqual([500, 500, 500]);
    expect(new Set(store.calls.map((call) => call.before))).toEqual(
      new Set([clock.now() - 24 * HOUR]),
    );
  });

  it('when started, then it passes at once and again each interval by the injected clock, until stopped', async () => {
    const clock = new ManualClock();
    const store = storeWith(0);
    const expiry = expiryOf(store, clock, HOUR);
    expiry.start();
    await until(() => store.calls.length === 1 && clock.pendingSleeps === 1);
    clock.advance(60_000);
    await until(() => store.calls.length === 2);
    expect(store.calls[1]!.before).toBe(clock.now() - HOUR);
    await expiry.stop();
    clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.calls).toHaveLength(2);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
