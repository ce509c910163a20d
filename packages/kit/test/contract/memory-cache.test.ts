import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/cache/memory-cache.ts';
import { describeCacheContract, withInjectedClock } from './cache.contract.ts';

describeCacheContract({
  name: 'memory',
  create: async () => withInjectedClock((clock) => new MemoryCache({ maxEntries: 100, clock })),
});

describeCacheContract({
  name: 'memory (by reference)',
  create: async () =>
    withInjectedClock((clock) => new MemoryCache({ maxEntries: 100, clock, byReference: true })),
});

describe('MemoryCache bounds', () => {
  const clock = { now: () => 0, sleep: async () => {} };

  it('when it holds maxEntries, then a new key evicts the least recently used one', async () => {
    const cache = new MemoryCache({ maxEntries: 3, clock });
    for (const key of ['a', 'b', 'c']) await cache.set(key, key, 60_000);
    expect(await cache.get('a')).toBe('a'); // a is now the most recent; b the least
    await cache.set('d', 'd', 60_000);
    expect(await cache.get('b')).toBeUndefined();
    expect(await Promise.all(['a', 'c', 'd'].map((key) => cache.get(key)))).toEqual([
      'a',
      'c',
      'd',
    ]);
  });

  it('when a key is set again, then it counts once', async () => {
    const cache = new MemoryCache({ maxEntries: 2, clock });
    for (let i = 0; i < 5; i++) await cache.set('a', i, 60_000);
    await cache.set('b', 'b', 60_000);
    expect(await cache.get('a')).toBe(4);
    expect(await cache.get('b')).toBe('b');
  });
});
