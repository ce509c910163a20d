import type { Clock } from '@emporium/kit';

/** Batch bodies kept at most (each up to ~15 KB for 100 SKUs). */
const MAX_BODIES = 1_000;

/** One SKU's encoded price in one currency, or null: it had none when read. */
export interface CachedPrice {
  json: string | null;
  version: number;
}

interface Entry extends CachedPrice {
  generation: number;
  storedAt: number;
}

export interface PriceReadCacheOptions {
  clock: Pick<Clock, 'now'>;
  /** How many (currency, sku) entries it keeps; the oldest go first. 0 turns it off. */
  maxEntries: number;
  /** Longest an entry is served: the bound on staleness from other replicas' writes. */
  ttlMs: number;
}

/**
 * Encoded prices per (currency, sku), so a batch read of 50 SKUs is 50 map look-ups and a
 * string join instead of a query and 50 serialisations. An entry is valid only for the
 * generation it was read in: this instance bumps it on every price write it commits and
 * every scheduler pass (a boundary it applied or saw applied), so its own reads are
 * never stale. Writes by other replicas reach it when the entry's TTL runs out.
 */
export class PriceReadCache {
  private readonly entries = new Map<string, Entry>();
  /** Whole batch bodies, encoded once: the storefront asks for the same pages' SKUs again and again. */
  private readonly bodies = new Map<
    string,
    { body: Buffer; generation: number; storedAt: number }
  >();
  private readonly options: PriceReadCacheOptions;
  private current = 0;

  constructor(options: PriceReadCacheOptions) {
    this.options = options;
  }

  get generation(): number {
    return this.current;
  }

  /** Invalidates every entry at once: price writes are rare, reads are the hot path. */
  bump(): void {
    this.current += 1;
    this.entries.clear();
    this.bodies.clear();
  }

  /** A batch body read before, under the same rules as single entries. */
  getBody(key: string): Buffer | undefined {
    const entry = this.bodies.get(key);
    if (!entry) return undefined;
    if (entry.generation === this.current && this.isYoung(entry.storedAt)) return entry.body;
    this.bodies.delete(key);
    return undefined;
  }

  putBody(key: string, generation: number, body: Buffer): void {
    if (this.options.maxEntries <= 0 || generation !== this.current) return;
    this.bodies.delete(key);
    this.bodies.set(key, { body, generation, storedAt: this.options.clock.now() });
    if (this.bodies.size > MAX_BODIES) this.bodies.delete(this.bodies.keys().next().value!);
  }

  private isYoung(storedAt: number): boolean {
    return this.options.clock.now() - storedAt < this.options.ttlMs;
  }

  get(currency: string, sku: string): CachedPrice | undefined {
    const key = `${currency}:${sku}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const fresh = entry.generation === this.current && this.isYoung(entry.storedAt);
    if (fresh) return entry;
    this.entries.delete(key);
    return undefined;
  }

  /** Keeps what was read in `generation` (taken before the read began). */
  put(currency: string, sku: string, generation: number, price: CachedPrice): void {
    if (this.options.maxEntries <= 0 || generation !== this.current) return;
    const key = `${currency}:${sku}`;
    this.entries.delete(key);
    this.entries.set(key, { ...price, generation, storedAt: this.options.clock.now() });
    if (this.entries.size > this.options.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
