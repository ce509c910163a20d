import type { VersionPrecondition } from '@emporium/kit';
import { parsePriceInput, type RawPriceInput } from '../../domain/price-input.ts';
import type { CurrentPrice } from '../../domain/price.ts';
import type { PricingDeps } from '../deps.ts';

/**
 * Sets a base or scheduled price and returns the effective price now in its currency
 * (undefined when none is in force yet, e.g. only a future price was set).
 */
export async function setPrice(
  deps: PricingDeps,
  sku: string,
  raw: RawPriceInput,
  precondition?: VersionPrecondition,
): Promise<CurrentPrice | undefined> {
  const now = deps.clock.now();
  const input = parsePriceInput(sku, raw, { currencies: deps.currencies, now });
  const current = await deps.prices.setPrice(input, now, precondition);
  if (input.validFrom !== undefined || input.validTo !== undefined) deps.onScheduleChanged();
  return current;
}
