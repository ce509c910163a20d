import { instantClock } from '@emporium/kit/testing';
import { describe, expect, it } from 'vitest';
import { MemoryLoginThrottle } from '../../src/adapters/throttle/memory-login-throttle.ts';

describe('memory login throttle', () => {
  it('when the oldest of five failures leaves the window, then the key may try again', async () => {
    const clock = instantClock();
    const throttle = new MemoryLoginThrottle({ clock });
    for (let i = 0; i < 5; i += 1) {
      await throttle.recordFailure('k');
      clock.advance(60_000);
    }
    expect(await throttle.retryAfterSeconds('k')).toBe(10 * 60);
    clock.advance(10 * 60_000);
    expect(await throttle.retryAfterSeconds('k')).toBe(0);
  });

  it('when many keys are tracked, then expired ones are swept', async () => {
    const clock = instantClock();
    const throttle = new MemoryLoginThrottle({ clock, sweepAbove: 2 });
    await throttle.recordFailure('a');
    await throttle.recordFailure('b');
    clock.advance(16 * 60_000);
    await throttle.recordFailure('c');
    expect((throttle as unknown as { failures: Map<string, number[]> }).failures.size).toBe(1);
  });
});
