import { instantClock } from '@emporium/kit/testing';
import { describe, expect, it } from 'vitest';
import { MemoryAttemptThrottle } from '../../src/adapters/throttle/memory-attempt-throttle.ts';
import { describeAttemptThrottleContract } from './attempt-throttle.contract.ts';

describeAttemptThrottleContract({
  name: 'memory',
  create: (clock) => new MemoryAttemptThrottle({ clock }),
});

describe('memory attempt throttle', () => {
  it('when many keys are tracked, then expired ones are swept', async () => {
    const clock = instantClock();
    const throttle = new MemoryAttemptThrottle({ clock, sweepAbove: 2 });
    const limit = (key: string) => [{ key, max: 5, windowMs: 60_000 }];
    await throttle.reserve(limit('a'));
    await throttle.reserve(limit('b'));
    clock.advance(61_000);
    await throttle.reserve(limit('c'));
    expect(throttle.trackedKeys).toBe(1);
  });

  it('when every tracked key is still live, then the next sweep waits until their number doubles', async () => {
    const clock = instantClock();
    const throttle = new MemoryAttemptThrottle({ clock, sweepAbove: 2 });
    const limit = (key: string) => [{ key, max: 5, windowMs: 60_000 }];
    for (const key of ['a', 'b', 'c']) await throttle.reserve(limit(key));
    clock.advance(61_000);
    // a, b and c expired, but 3 keys are below the next threshold (2 live keys * 2 = 4).
    await throttle.reserve(limit('d'));
    expect(throttle.trackedKeys).toBe(4);
    await throttle.reserve(limit('e'));
    expect(throttle.trackedKeys).toBe(2);
  });
});
