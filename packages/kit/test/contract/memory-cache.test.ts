import { MemoryCache } from '../../src/cache/memory-cache.ts';
import { describeCacheContract } from './cache.contract.ts';

describeCacheContract({
  name: 'memory',
  create: async (clock) => new MemoryCache({ maxEntries: 100, clock }),
});
