import { PricingErrors } from './errors.ts';
import type { PriceInput } from './price.ts';

/** Above this an amount is a typo, not a price (10^13 minor units: 100 billion in a 2-decimal currency). */
export const MAX_AMOUNT = 10_000_000_000_000;
export const MAX_MIN_QUANTITY = 1_000_000;
const SKU_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** A PUT body as received: numbers unchecked, instants as ISO strings. */
export interface RawPriceInput {
  amount: number;
  currency: string;
  compareAtAmount?: number;
  validFrom?: string;
  validTo?: string;
  minQuantity?: number;
}

/**
 * Checks what an admin sends and returns the price to store, or throws the first coded
 * error. Every rule lives here, so nothing is written before all of them passed.
 */
export function parsePriceInput(
  sku: string,
  raw: RawPriceInput,
  rules: { currencies: readonly string[]; now: number },
): PriceInput {
  assertSku(sku);
  assertCurrency(raw.currency, rules.currencies);
  assertAmount(raw.amount, 'amount');
  if (raw.compareAtAmount !== undefined) {
    assertAmount(raw.compareAtAmount, 'compareAtAmount');
    if (raw.compareAtAmount <= raw.amount)
      throw PricingErrors.INVALID_COMPARE_AT.create(
        `compareAtAmount ${raw.compareAtAmount} is not above amount ${raw.amount}`,
      );
  }
  const minQuantity = raw.minQuantity ?? 1;
  if (!Number.isSafeInteger(minQuantity) || minQuantity < 1 || minQuantity > MAX_MIN_QUANTITY)
    throw PricingErrors.INVALID_MIN_QUANTITY.create(
      `minQuantity ${minQuantity} is not 1 to ${MAX_MIN_QUANTITY}`,
    );
  const validFrom = instantOf(raw.validFrom, 'validFrom');
  const validTo = instantOf(raw.validTo, 'validTo');
  const start = validFrom ?? rules.now;
  if (validTo !== undefined && validTo <= start)
    throw PricingErrors.INVALID_VALIDITY.create(
      validFrom === undefined ? 'validTo is not in the future' : 'validTo is not after validFrom',
    );
  return {
    sku,
    currency: raw.currency,
    amount: raw.amount,
    ...(raw.compareAtAmount === undefined ? {} : { compareAtAmount: raw.compareAtAmount }),
    minQuantity,
    ...(validFrom === undefined ? {} : { validFrom }),
    ...(validTo === undefined ? {} : { validTo }),
  };
}

export function assertSku(sku: string): void {
  if (!SKU_PATTERN.test(sku))
    throw PricingErrors.INVALID_SKU.create(`"${sku.slice(0, 80)}" is not a SKU`);
}

export function assertCurrency(currency: string, currencies: readonly string[]): void {
  if (!currencies.includes(currency))
    throw PricingErrors.UNSUPPORTED_CURRENCY.create(
      `"${currency.slice(0, 16)}" is not one of ${currencies.join(', ')}`,
    );
}

function assertAmount(amount: number, field: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_AMOUNT)
    throw PricingErrors.INVALID_AMOUNT.create(
      `${field} ${amount} is not an integer of minor units from 0 to ${MAX_AMOUNT}`,
    );
}

function instantOf(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw PricingErrors.INVALID_VALIDITY.create(`${field} is not a date-time`);
  return at;
}
