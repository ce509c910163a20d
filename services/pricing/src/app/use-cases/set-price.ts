import type { VersionPrecondition } from '@emporium/kit';
import { parsePriceInput, type RawPriceInput } from '../../domain/price-input.ts';
import { parsePriceBatch, type RawBatchItem } from '../../domain/price-batch.ts';
import type { CurrentPrice, PriceInput } from '../../domain/price.ts';
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
  if (isScheduled(input)) deps.onScheduleChanged();
  return current;
}

/**
 * PUT /prices: many prices under the single write's rules, all checked before any is
 * written, then stored in one transaction. Answers, per item, the effective price after
 * the batch (undefined: only a future price so far).
 */
export async function setPrices(
  deps: PricingDeps,
  items: readonly RawBatchItem[],
): Promise<(CurrentPrice | undefined)[]> {
  const now = deps.clock.now();
  const inputs = parsePriceBatch(items, { currencies: deps.currencies, now });
  const current = await deps.prices.setPrices(inputs, now);
  if (inputs.some(isScheduled)) deps.onScheduleChanged();
  return current;
}

const isScheduled = (input: PriceInput) =>
  input.validFrom !== undefined || input.validTo !== undefined;
