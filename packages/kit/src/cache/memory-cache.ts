import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock.ts';
import type { Cache } from './cache.ts';

export interface MemoryCacheOptions {
  maxEntries: number;
  clock: Clock;
  /**
   * Keep values as given instead of as JSON: a get answers the very object that was set,
   * with no parse. For callers that never change a value after setting it or reading it
   * (the cart's snapshot cache, ADR 0027); the default copies, as Redis would.
   */
  byReference?: boolean;
}

/** Bounded in-process cache for embedded mode; values are stored as JSON to match Redis. */
export class MemoryCache implements Cache {
  private readonly entries: LRUCache<string, { value: unknown }>;
  private readonly byReference: boolean;

  constructor(options: MemoryCacheOptions) {
    this.byReference = options.byReference ?? false;
    this.entries = new LRUCache<string, { value: unknown }>({
      // Bounded by count through maxSize, not `max`: with `max` lru-cache allocates its
      // arrays for every entry up front (about 40 bytes each: 8 MiB for the cart's 200,000
      // before its first cart); this way memory follows what the cache holds (ADR 0038).
      maxSize: options.maxEntries,
      sizeCalculation: () => 1,
      ttlAutopurge: false,
      perf: { now: () => options.clock.now() },
      ttlResolution: 0,
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    return (this.byReference ? entry.value : JSON.parse(entry.value as string)) as T;
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    const values = new Array<T | undefined>(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const entry = this.entries.get(keys[i]!);
      values[i] =
        entry === undefined
          ? undefined
          : ((this.byReference ? entry.value : JSON.parse(entry.value as string)) as T);
    }
    return values;
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    const stored = this.byReference ? value : JSON.stringify(value);
    this.entries.set(key, { value: stored }, { ttl: ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
