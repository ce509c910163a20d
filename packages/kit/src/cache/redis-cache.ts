import { Redis } from 'ioredis';
import type { Cache } from './cache.ts';

export interface RedisCacheOptions {
  url: string;
  /** Namespaces keys, so services (and test runs) sharing a Redis never collide. */
  keyPrefix: string;
}

/** The cache port on Redis (ElastiCache in production): JSON values, per-key TTL in ms. */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  constructor(options: RedisCacheOptions) {
    this.redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix,
      lazyConnect: false,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    const raws = await this.redis.mget(...keys);
    return raws.map((raw) => (raw === null ? undefined : (JSON.parse(raw) as T)));
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    await this.redis.set(key, JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
