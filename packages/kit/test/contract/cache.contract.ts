import { afterEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../src/cache/cache.ts';
import { instantClock } from '../../src/testing/index.ts';

export interface CacheFixture {
  cache: Cache;
  /** Lets time pass for the cache: moves an injected clock, or really waits for a server. */
  advance(ms: number): Promise<void>;
}

export interface CacheContractOptions {
  name: string;
  create(): Promise<CacheFixture>;
}

/** For in-process caches: an injected clock that `advance` moves. */
export function withInjectedClock(
  build: (clock: ReturnType<typeof instantClock>) => Cache,
): CacheFixture {
  const clock = instantClock();
  return { cache: build(clock), advance: async (ms) => clock.advance(ms) };
}

export function describeCacheContract({ name, create }: CacheContractOptions): void {
  describe(`Cache contract: ${name}`, () => {
    const open: Cache[] = [];
    afterEach(async () => Promise.all(open.splice(0).map((cache) => cache.close())));
    async function setUp() {
      const fixture = await create();
      open.push(fixture.cache);
      return fixture;
    }

    it('when a value is set, then it reads back equal (JSON round trip) until deleted', async () => {
      const { cache } = await setUp();
      await cache.set('k', { amount: 1999, currency: 'USD', tags: ['a'] }, 60_000);
      expect(await cache.get('k')).toEqual({ amount: 1999, currency: 'USD', tags: ['a'] });
      await cache.delete('k');
      expect(await cache.get('k')).toBeUndefined();
    });

    it('when its time to live passes, then the value is gone', async () => {
      const { cache, advance } = await setUp();
      await cache.set('short', 'x', 300);
      await cache.set('long', 'y', 60_000);
      expect(await cache.get('short')).toBe('x');
      await advance(400);
      expect(await cache.get('short')).toBeUndefined();
      expect(await cache.get('long')).toBe('y');
    });

    it('when many keys are read at once, then each answers in order, undefined where unset or expired', async () => {
      const { cache, advance } = await setUp();
      await cache.set('a', { n: 1 }, 60_000);
      await cache.set('b', 'two', 300);
      await cache.set('c', null, 60_000);
      expect(await cache.getMany(['a', 'b', 'missing', 'c'])).toEqual([
        { n: 1 },
        'two',
        undefined,
        null,
      ]);
      await advance(400);
      expect(await cache.getMany(['b', 'a'])).toEqual([undefined, { n: 1 }]);
      expect(await cache.getMany([])).toEqual([]);
    });

    it('when a key is set again, then the newer value wins', async () => {
      const { cache } = await setUp();
      await cache.set('k', 1, 60_000);
      await cache.set('k', 2, 60_000);
      expect(await cache.get('k')).toBe(2);
      expect(await cache.get('unknown')).toBeUndefined();
    });
  });
}
