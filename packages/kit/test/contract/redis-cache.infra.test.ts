import { randomUUID } from 'node:crypto';
import { RedisCache } from '../../src/cache/redis-cache.ts';
import { describeCacheContract } from './cache.contract.ts';

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:16379';

describeCacheContract({
  name: 'Redis',
  create: async () => ({
    cache: new RedisCache({ url, keyPrefix: `test:${randomUUID()}:` }),
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }),
});
