import { isAppError, type FieldError } from '@emporium/kit/domain';
import { PricingErrors } from './errors.ts';
import type { PriceInput } from './price.ts';
import { parsePriceInput, type RawPriceInput } from './price-input.ts';

/** The most prices one batch write takes: one transaction stays short. */
export const MAX_BATCH_ITEMS = 500;

export interface RawBatchItem extends RawPriceInput {
  sku: string;
}

/** Which field of an item each coded error is about, for the problem's `errors`. */
const FIELD_OF_CODE: Record<string, string> = {
  [PricingErrors.INVALID_SKU.code]: 'sku',
  [PricingErrors.UNSUPPORTED_CURRENCY.code]: 'currency',
  [PricingErrors.INVALID_AMOUNT.code]: 'amount',
  [PricingErrors.INVALID_COMPARE_AT.code]: 'compareAtAmount',
  [PricingErrors.INVALID_MIN_QUANTITY.code]: 'minQuantity',
  [PricingErrors.INVALID_VALIDITY.code]: 'validTo',
};

/**
 * Checks every item with the single write's rules and returns them all, or throws one
 * PRICING.INVALID_BATCH naming each bad item (`items/3/amount`) with its own code.
 */
export function parsePriceBatch(
  items: readonly RawBatchItem[],
  rules: { currencies: readonly string[]; now: number },
): PriceInput[] {
  if (items.length === 0 || items.length > MAX_BATCH_ITEMS)
    throw PricingErrors.INVALID_BATCH.create(`A batch holds 1 to ${MAX_BATCH_ITEMS} items`);
  const parsed: PriceInput[] = [];
  const errors: FieldError[] = [];
  items.forEach(({ sku, ...raw }, index) => {
    try {
      parsed.push(parsePriceInput(sku, raw, rules));
    } catch (error) {
      if (!isAppError(error)) throw error;
      errors.push({
        field: `items/${index}/${fieldOf(error.code, error.message)}`,
        message: `${error.code}: ${error.message}`,
      });
    }
  });
  if (errors.length > 0)
    throw PricingErrors.INVALID_BATCH.create(
      `${errors.length} of ${items.length} items are invalid`,
      {
        errors,
      },
    );
  return parsed;
}

function fieldOf(code: string, message: string): string {
  // One code covers both amounts and both instants: the message names which.
  for (const field of ['compareAtAmount', 'validFrom', 'validTo'])
    if (message.startsWith(field)) return field;
  return FIELD_OF_CODE[code] ?? 'item';
}
