import { PricingErrors } from '../../domain/errors.ts';
import { assertCurrency, assertSku } from '../../domain/price-input.ts';
import type { CurrentPrice } from '../../domain/price.ts';
import type { PricingDeps } from '../deps.ts';

/** The effective price of a SKU now, in `currency` or the default one. */
export async function readPrice(
  deps: PricingDeps,
  sku: string,
  currency: string = deps.defaultCurrency,
): Promise<CurrentPrice> {
  assertSku(sku);
  assertCurrency(currency, deps.currencies);
  const price = await deps.prices.current(sku, currency);
  if (!price) throw PricingErrors.PRICE_NOT_FOUND.create(`${sku} has no price in ${currency}`);
  return price;
}
