import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock.ts';
import type { Cache } from './cache.ts';

export interface MemoryCacheOptions {
  maxEntries: number;
  clock: Clock;
}

/** Bounded in-process cache for embedded mode; values are stored as JSON to match Redis. */
export class MemoryCache implements Cache {
  private readonly entries: LRUCache<string, string>;

  constructor(options: MemoryCacheOptions) {
    this.entries = new LRUCache<string, string>({
      max: options.maxEntries,
      ttlAutopurge: false,
      perf: { now: () => options.clock.now() },
      ttlResolution: 0,
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = this.entries.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.entries.set(key, JSON.stringify(value), { ttl: ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
