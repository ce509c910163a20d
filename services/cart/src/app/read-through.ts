import type { ProductSnapshot } from '../domain/cart.ts';
import type { CartDeps } from './deps.ts';
import type { Cached, StockFigure } from './snapshot-cache.ts';
import { isUpstreamDown, upstreamDown } from './upstream-errors.ts';

/** What a read-through answer holds: values per key, and the keys answered from old copies. */
export interface ReadThrough<V> {
  values: Map<string, V>;
  /** Keys whose value is an old copy (the upstream was down), or missing altogether. */
  stale: Set<string>;
  /** True when the upstream was asked (some key was not fresh in the cache). */
  asked: boolean;
}

/**
 * Fresh cached entries answer; the rest is asked of the upstream in one call and cached
 * (a key the upstream does not know is cached as `null`). When the upstream is down the
 * old entries stand in, marked stale, and keys never seen stay missing (also stale).
 */
async function readThrough<V>(
  keys: readonly string[],
  cached: Map<string, Cached<V>>,
  freshMs: number,
  deps: CartDeps,
  fetch: (missing: string[]) => Promise<Map<string, V>>,
  store: (found: Map<string, V>, at: number) => Promise<void>,
): Promise<ReadThrough<V>> {
  const values = new Map<string, V>();
  const missing: string[] = [];
  for (const key of new Set(keys)) {
    const entry = cached.get(key);
    if (entry && deps.snapshots.isFresh(entry, freshMs)) values.set(key, entry.v);
    else missing.push(key);
  }
  const stale = new Set<string>();
  if (missing.length === 0) return { values, stale, asked: false };
  const at = deps.snapshots.now();
  try {
    const found = await fetch(missing);
    await store(found, at);
    for (const [key, value] of found) values.set(key, value);
  } catch (error) {
    if (!isUpstreamDown(error)) throw error;
    for (const key of missing) {
      const entry = cached.get(key);
      if (entry) values.set(key, entry.v);
      stale.add(key);
    }
  }
  return { values, stale, asked: true };
}

/** Each SKU's product (null: no active product has it). */
export async function readProducts(
  deps: CartDeps,
  skus: readonly string[],
): Promise<ReadThrough<ProductSnapshot | null>> {
  const { snapshots, upstreams } = deps;
  return readThrough(
    skus,
    await snapshots.products(skus),
    snapshots.ttls.productFreshMs,
    deps,
    async (missing) => {
      const found = await upstreams.products.productsOf(missing);
      return new Map(missing.map((sku) => [sku, found.get(sku) ?? null]));
    },
    (found, at) => snapshots.putProducts(found, at),
  );
}

export async function readStock(
  deps: CartDeps,
  skus: readonly string[],
): Promise<ReadThrough<StockFigure>> {
  const { snapshots, upstreams } = deps;
  return readThrough(
    skus,
    await snapshots.stock(skus),
    snapshots.ttls.stockFreshMs,
    deps,
    (missing) => upstreams.stock.availableOf(missing),
    (found, at) => snapshots.putStock(found, at),
  );
}

/**
 * For writes: fresh answers only. A SKU the upstream could not be asked about (only an
 * old copy, or none) refuses the write with 503 and Retry-After.
 */
export async function freshProducts(deps: CartDeps, skus: readonly string[]) {
  const read = await readProducts(deps, skus);
  if (read.stale.size > 0) throw upstreamDown('catalog', deps.retryAfterSeconds, undefined);
  return read.values;
}

export async function freshStock(
  deps: CartDeps,
  skus: readonly string[],
): Promise<Map<string, number>> {
  const read = await readStock(deps, skus);
  if (read.stale.size > 0) throw upstreamDown('inventory', deps.retryAfterSeconds, undefined);
  return new Map(skus.map((sku) => [sku, read.values.get(sku)?.available ?? 0]));
}
