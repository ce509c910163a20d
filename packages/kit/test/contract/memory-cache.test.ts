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
