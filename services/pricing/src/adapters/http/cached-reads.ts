import type { PricingDeps } from '../../app/deps.ts';
import { checkBatch } from '../../app/use-cases/read-prices.ts';
import { PricingErrors } from '../../domain/errors.ts';
import { assertCurrency, assertSku } from '../../domain/price-input.ts';
import type { CachedPrice, PriceReadCache } from './price-read-cache.ts';
import { priceView } from './price-schemas.ts';

/**
 * Encoded prices of `skus` in `currency`, in request order, from the cache where it holds
 * them and from one store read for the rest (the misses).
 */
async function encodedPrices(
  deps: PricingDeps,
  cache: PriceReadCache,
  skus: readonly string[],
  currency: string,
): Promise<Map<string, CachedPrice>> {
  const generation = cache.generation;
  const found = new Map<string, CachedPrice>();
  const misses: string[] = [];
  for (const sku of skus) {
    const hit = cache.get(currency, sku);
    if (hit) found.set(sku, hit);
    else misses.push(sku);
  }
  if (misses.length === 0) return found;
  const read = new Map((await deps.prices.currentMany(misses, currency)).map((p) => [p.sku, p]));
  for (const sku of misses) {
    const price = read.get(sku);
    const encoded = price
      ? { json: JSON.stringify(priceView(price)), version: price.version }
      : { json: null, version: 0 };
    cache.put(currency, sku, generation, encoded);
    found.set(sku, encoded);
  }
  return found;
}

/**
 * `GET /prices?skus=`: the body as UTF-8 bytes, SKUs without a price left out. The same
 * query again (same SKU list, same currency) is answered from the encoded body.
 */
export async function batchBody(
  deps: PricingDeps,
  cache: PriceReadCache,
  skuList: string,
  requestedCurrency: string | undefined,
): Promise<Buffer> {
  const key = `${requestedCurrency ?? ''}\n${skuList}`;
  const cached = cache.getBody(key);
  if (cached) return cached;
  const generation = cache.generation;
  const batch = checkBatch(
    deps,
    skuList.split(',').filter((sku) => sku !== ''),
    requestedCurrency,
  );
  const prices = await encodedPrices(deps, cache, batch.skus, batch.currency);
  const items: string[] = [];
  for (const sku of batch.skus) {
    const json = prices.get(sku)?.json;
    if (json) items.push(json);
  }
  const body = Buffer.from(`{"items":[${items.join(',')}]}`);
  cache.putBody(key, generation, body);
  return body;
}

/** `GET /prices/{sku}`: the encoded price and its version, or PRICING.PRICE_NOT_FOUND. */
export async function priceJson(
  deps: PricingDeps,
  cache: PriceReadCache,
  sku: string,
  requestedCurrency: string | undefined,
): Promise<{ json: string; version: number }> {
  const currency = requestedCurrency ?? deps.defaultCurrency;
  assertSku(sku);
  assertCurrency(currency, deps.currencies);
  const price = (await encodedPrices(deps, cache, [sku], currency)).get(sku);
  if (!price?.json)
    throw PricingErrors.PRICE_NOT_FOUND.create(`${sku} has no price in ${currency}`);
  return { json: price.json, version: price.version };
}
