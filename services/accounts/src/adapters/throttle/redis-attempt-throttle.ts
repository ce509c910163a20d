import { randomUUID } from 'node:crypto';
import type { Clock } from '@emporium/kit';
import { Redis } from 'ioredis';
import type {
  AttemptLimit,
  AttemptThrottle,
  GrantedReservation,
  Reservation,
} from '../../app/ports/attempt-throttle.ts';

/**
 * One sorted set per key: member = slot id, score = time. Checks every limit, then adds
 * the slot to all of them or to none, in one script, so replicas sharing the Redis
 * cannot both take the last slot. Returns 0 when granted, else the wait in ms.
 * KEYS = the limits' keys; ARGV = now, slot id, then max and window per key.
 */
const RESERVE_SCRIPT = `
local now = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local max = tonumber(ARGV[1 + i * 2])
  local window = tonumber(ARGV[2 + i * 2])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= max then
    local oldest = redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now)
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, tonumber(ARGV[2 + i * 2]))
end
return 0
`;

type ThrottleRedis = Redis & {
  reserveSlot(...args: (string | number)[]): Promise<number>;
};

export interface RedisAttemptThrottleOptions {
  url: string;
  /** Namespaces keys, so services (and test runs) sharing a Redis never collide. */
  keyPrefix: string;
  /** Times the windows, so tests move time instead of waiting. */
  clock: Clock;
}

/**
 * The throttle shared by every accounts instance (distributed mode, ElastiCache). The
 * keys of one reservation must live on one node: use a non-cluster Redis, or keys that
 * share a hash tag.
 */
export class RedisAttemptThrottle implements AttemptThrottle {
  private readonly redis: ThrottleRedis;
  private readonly clock: Clock;

  constructor(options: RedisAttemptThrottleOptions) {
    this.clock = options.clock;
    this.redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix,
      maxRetriesPerRequest: 2,
    }) as ThrottleRedis;
    this.redis.defineCommand('reserveSlot', { lua: RESERVE_SCRIPT });
    // Connection errors surface where they matter, as failed commands and a failing
    // readiness check; without a listener ioredis would also print each reconnect.
    this.redis.on('error', () => {});
  }

  async reserve(limits: readonly AttemptLimit[]): Promise<Reservation> {
    const id = randomUUID();
    const args = limits.flatMap((limit) => [limit.max, limit.windowMs]);
    const keys = limits.map((limit) => limit.key);
    const waitMs = Number(
      await this.redis.reserveSlot(keys.length, ...keys, this.clock.now(), id, ...args),
    );
    return waitMs > 0 ? { granted: false, retryAfterMs: waitMs } : { granted: true, id, keys };
  }

  async release(reservation: GrantedReservation): Promise<void> {
    const pipeline = this.redis.multi();
    for (const key of reservation.keys) pipeline.zrem(key, reservation.id);
    await pipeline.exec();
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
