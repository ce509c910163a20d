import { PricingErrors } from '../../domain/errors.ts';
import { assertCurrency, assertSku } from '../../domain/price-input.ts';
import type { CurrentPrice } from '../../domain/price.ts';
import type { PricingDeps } from '../deps.ts';

export const MAX_BATCH_SKUS = 100;

/** Checks a batch read: at most 100 distinct SKUs, each a SKU, in a kept currency. */
export function checkBatch(
  deps: PricingDeps,
  skus: readonly string[],
  currency: string = deps.defaultCurrency,
): { skus: string[]; currency: string } {
  const unique = [...new Set(skus)];
  if (unique.length > MAX_BATCH_SKUS)
    throw PricingErrors.TOO_MANY_SKUS.create(`${unique.length} SKUs; at most ${MAX_BATCH_SKUS}`);
  unique.forEach(assertSku);
  assertCurrency(currency, deps.currencies);
  return { skus: unique, currency };
}

/**
 * The effective prices of up to 100 SKUs in one read. SKUs without a price are simply
 * absent from the result; duplicates count once.
 */
export async function readPrices(
  deps: PricingDeps,
  skus: readonly string[],
  currency?: string,
): Promise<CurrentPrice[]> {
  const batch = checkBatch(deps, skus, currency);
  return deps.prices.currentMany(batch.skus, batch.currency);
}
