import type { Cache, Clock } from '@emporium/kit';
import type { ProductSnapshot } from '../domain/cart.ts';
import type { CachedQuote } from './quote-summary.ts';

/** A cached upstream answer and when it was asked for (this process's clock). */
export interface Cached<V> {
  v: V;
  at: number;
}

export interface SnapshotTtls {
  productFreshMs: number;
  quoteFreshMs: number;
  stockFreshMs: number;
  /** How long any entry is kept to answer from while its upstream is down. */
  staleMs: number;
}

export interface StockFigure {
  available: number;
  version: number;
}

/**
 * The cart's read-through cache of catalog, pricing and inventory answers, on the kit's
 * Cache port (in memory embedded, Redis in production). Entries carry when they were
 * fetched: fresh ones answer reads without asking the upstream, older ones stand in
 * (stale) while it is down, until `staleMs`. Events refresh product and stock entries
 * and mark SKUs whose price changed, which makes every cached quote with them old (ADR 0027).
 */
export class SnapshotCache {
  private readonly cache: Cache;
  private readonly clock: Clock;
  readonly ttls: SnapshotTtls;
  private writes = 0;

  constructor(cache: Cache, clock: Clock, ttls: SnapshotTtls) {
    this.cache = cache;
    this.clock = clock;
    this.ttls = ttls;
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Moves with every entry this cache sets or drops (before and after each write), so a
   * read that finds it unchanged knows every entry is the one it saw before: it is the
   * only writer of its Cache. (Entries the Cache itself drops for age are older than any
   * `freshUntil`; the in-memory bound of 200,000 entries is far above a shop's SKUs.)
   */
  get generation(): number {
    return this.writes;
  }

  isFresh(entry: Cached<unknown> | undefined, freshMs: number): boolean {
    return entry !== undefined && this.clock.now() - entry.at < freshMs;
  }

  products(skus: readonly string[]): Promise<Map<string, Cached<ProductSnapshot | null>>> {
    return this.many(skus, productKey);
  }

  async putProducts(found: ReadonlyMap<string, ProductSnapshot | null>, at: number): Promise<void> {
    await this.putMany(found, productKey, at);
  }

  async dropProducts(skus: readonly string[]): Promise<void> {
    await Promise.all(skus.map((sku) => this.drop(productKey(sku))));
  }

  stock(skus: readonly string[]): Promise<Map<string, Cached<StockFigure>>> {
    return this.many(skus, stockKey);
  }

  async putStock(found: ReadonlyMap<string, StockFigure>, at: number): Promise<void> {
    await this.putMany(found, stockKey, at);
  }

  /** Keeps a stock figure from an event unless a newer version is cached. */
  async applyStock(sku: string, figure: StockFigure): Promise<void> {
    const cached = await this.cache.get<Cached<StockFigure>>(stockKey(sku));
    if (cached && cached.v.version > figure.version) return;
    await this.set(stockKey(sku), { v: figure, at: this.clock.now() });
  }

  /**
   * The cached quote of `signature` and the price marks of its SKUs in one look-up: what
   * a read needs to tell whether the quote is still fresh.
   */
  async quoteWithMarks(
    signature: string,
    skus: readonly string[],
    currency: string,
  ): Promise<{ cached: Cached<CachedQuote> | undefined; changes: number[] }> {
    const keys = [quoteKey(signature)];
    for (const sku of skus) keys.push(priceMarkKey(currency, sku));
    const [cached, ...marks] = await this.cache.getMany<unknown>(keys);
    return {
      cached: cached as Cached<CachedQuote> | undefined,
      changes: (marks as (number | undefined)[]).filter(
        (mark): mark is number => mark !== undefined,
      ),
    };
  }

  async putQuote(signature: string, quote: CachedQuote, at: number): Promise<void> {
    await this.set(quoteKey(signature), { v: quote, at });
    const units = new Map(
      quote.lines.map((line) => [`${quote.currency}:${line.sku}`, line.unitPrice] as const),
    );
    await this.putMany(units, unitKey, at);
  }

  /** The last unit price seen per SKU in a currency (the fallback when no quote fits). */
  async unitPrices<M>(skus: readonly string[], currency: string): Promise<Map<string, Cached<M>>> {
    const found = await this.many<M>(
      skus.map((sku) => `${currency}:${sku}`),
      unitKey,
    );
    return new Map(
      [...found].map(([key, entry]) => [key.slice(currency.length + 1), entry] as const),
    );
  }

  /**
   * The keys of every entry a read of these lines depends on: product and stock per SKU,
   * the quote of all of them, their price marks (what `freshUntil` expects, ADR 0036).
   */
  viewKeys(skus: readonly string[], signature: string, currency: string): string[] {
    const keys: string[] = [];
    for (const sku of skus) keys.push(productKey(sku), stockKey(sku));
    keys.push(quoteKey(signature));
    for (const sku of skus) keys.push(priceMarkKey(currency, sku));
    return keys;
  }

  /** The very values held under `keys`, in one look-up: for comparing by identity. */
  lookUp(keys: readonly string[]): Promise<unknown[]> {
    return this.cache.getMany<unknown>(keys);
  }

  /**
   * Until when a read built from `inputs` (the values of `viewKeys`) stays fresh: the
   * earliest moment one of its product, stock or quote entries stops being fresh (or is
   * dropped for age); undefined when one is missing (such a read asked an upstream).
   */
  freshUntil(inputs: readonly unknown[], lines: number): number | undefined {
    let until = Number.POSITIVE_INFINITY;
    for (let index = 0; index <= 2 * lines; index++) {
      const entry = inputs[index] as Cached<unknown> | undefined;
      if (entry === undefined) return undefined;
      const freshMs =
        index === 2 * lines
          ? this.ttls.quoteFreshMs
          : index % 2 === 0
            ? this.ttls.productFreshMs
            : this.ttls.stockFreshMs;
      until = Math.min(until, entry.at + Math.min(freshMs, this.ttls.staleMs));
    }
    return until;
  }

  /** Every cached quote with this SKU becomes old: the next read asks pricing again. */
  async markPriceChanged(sku: string, currency: string): Promise<void> {
    // A mark outlives every quote fetched before it was set, even the stale ones kept.
    await this.set(priceMarkKey(currency, sku), this.clock.now());
  }

  private async set(key: string, value: unknown): Promise<void> {
    this.writes++;
    try {
      await this.cache.set(key, value, this.ttls.staleMs);
    } finally {
      this.writes++;
    }
  }

  private async drop(key: string): Promise<void> {
    this.writes++;
    try {
      await this.cache.delete(key);
    } finally {
      this.writes++;
    }
  }

  private async many<V>(
    ids: readonly string[],
    keyOf: (id: string) => string,
  ): Promise<Map<string, Cached<V>>> {
    const unique = [...new Set(ids)];
    // One look-up for all (Redis: one MGET), not one promise per key.
    const entries = await this.cache.getMany<Cached<V>>(unique.map(keyOf));
    const found = new Map<string, Cached<V>>();
    for (let index = 0; index < unique.length; index++) {
      const entry = entries[index];
      if (entry !== undefined) found.set(unique[index]!, entry);
    }
    return found;
  }

  private async putMany<V>(
    values: ReadonlyMap<string, V>,
    keyOf: (id: string) => string,
    at: number,
  ): Promise<void> {
    await Promise.all([...values].map(([id, v]) => this.set(keyOf(id), { v, at })));
  }
}

const productKey = (sku: string) => `product:${sku}`;
const stockKey = (sku: string) => `stock:${sku}`;
const quoteKey = (signature: string) => `quote:${signature}`;
const unitKey = (currencyAndSku: string) => `unit:${currencyAndSku}`;
const priceMarkKey = (currency: string, sku: string) => `price-mark:${currency}:${sku}`;
