import { PricingErrors } from '../../domain/errors.ts';
import { assertCurrency, assertSku } from '../../domain/price-input.ts';
import type { CurrentPrice } from '../../domain/price.ts';
import type { PricingDeps } from '../deps.ts';

export const MAX_BATCH_SKUS = 100;

/**
 * The effective prices of up to 100 SKUs in one read. SKUs without a price are simply
 * absent from the result; duplicates count once.
 */
export async function readPrices(
  deps: PricingDeps,
  skus: readonly string[],
  currency: string = deps.defaultCurrency,
): Promise<CurrentPrice[]> {
  const unique = [...new Set(skus)];
  if (unique.length > MAX_BATCH_SKUS)
    throw PricingErrors.TOO_MANY_SKUS.create(`${unique.length} SKUs; at most ${MAX_BATCH_SKUS}`);
  unique.forEach(assertSku);
  assertCurrency(currency, deps.currencies);
  return deps.prices.currentMany(unique, currency);
}
