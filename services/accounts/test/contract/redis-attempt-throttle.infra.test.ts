import { randomUUID } from 'node:crypto';
import { RedisAttemptThrottle } from '../../src/adapters/throttle/redis-attempt-throttle.ts';
import { describeAttemptThrottleContract } from './attempt-throttle.contract.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:16379';

describeAttemptThrottleContract({
  name: 'redis',
  // A prefix per throttle: runs sharing the Redis never see each other's keys.
  create: (clock) =>
    new RedisAttemptThrottle({
      url: REDIS_URL,
      keyPrefix: `test:accounts:throttle:${randomUUID()}:`,
      clock,
    }),
});
