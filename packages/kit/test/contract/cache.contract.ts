import { afterEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../src/cache/cache.ts';
import { instantClock } from '../../src/testing/index.ts';

export interface CacheContractOptions {
  name: string;
  /** `clock.advance` must move the cache's notion of time (an injected clock, or a real wait for servers). */
  create(clock: ReturnType<typeof instantClock>): Promise<Cache>;
}

export function describeCacheContract({ name, create }: CacheContractOptions): void {
  describe(`Cache contract: ${name}`, () => {
    const open: Cache[] = [];
    afterEach(async () => Promise.all(open.splice(0).map((cache) => cache.close())));
    async function setUp() {
      const clock = instantClock();
      const cache = await create(clock);
      open.push(cache);
      return { cache, clock };
    }

    it('when a value is set, then it reads back equal (JSON round trip) until deleted', async () => {
      const { cache } = await setUp();
      await cache.set('k', { amount: 1999, currency: 'USD', tags: ['a'] }, 60_000);
      expect(await cache.get('k')).toEqual({ amount: 1999, currency: 'USD', tags: ['a'] });
      await cache.delete('k');
      expect(await cache.get('k')).toBeUndefined();
    });

    it('when its time to live passes, then the value is gone', async () => {
      const { cache, clock } = await setUp();
      await cache.set('short', 'x', 1_000);
      clock.advance(999);
      expect(await cache.get('short')).toBe('x');
      clock.advance(2);
      expect(await cache.get('short')).toBeUndefined();
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
