import { PromotionErrors } from './promotion-errors.ts';

export type PromotionKind = 'percent' | 'fixed' | 'buy_x_get_y';

/** Which lines a promotion discounts: none named means every line (an order promotion). */
export interface PromotionScope {
  skus: string[];
  categoryIds: string[];
}

/**
 * A promotion as pricing keeps it. `value` means, by kind:
 * - `percent`: the percent off the qualifying lines, an integer 1..100;
 * - `fixed`: an amount in minor units of `currency`, off the qualifying lines (at most
 *   their total);
 * - `buy_x_get_y`: the percent off the free units (100 = free). Of every
 *   `buyQuantity + getQuantity` qualifying units, `getQuantity` are discounted, and the
 *   discounted ones are the cheapest qualifying units of the quote.
 * `minSubtotal` is in minor units of `currency` (so it needs one), compared with the
 * quote's subtotal before discounts. A promotion with a currency applies only to quotes
 * in that currency. Times are epoch milliseconds; `endsAt` is exclusive.
 */
export interface Promotion {
  code: string;
  kind: PromotionKind;
  value: number;
  buyQuantity: number | null;
  getQuantity: number | null;
  appliesTo: PromotionScope;
  currency: string | null;
  minSubtotal: number | null;
  startsAt: number | null;
  endsAt: number | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  /** Active redemptions: what the usage limit is checked against. */
  used: number;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewPromotionInput {
  code: string;
  kind: PromotionKind;
  value: number;
  buyQuantity?: number;
  getQuantity?: number;
  appliesTo?: { skus?: string[]; categoryIds?: string[] };
  currency?: string;
  minSubtotal?: number;
  startsAt?: number;
  endsAt?: number;
  usageLimit?: number;
  perCustomerLimit?: number;
}

/** Codes are matched case-insensitively: `summer10` and `SUMMER10` are one promotion. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Checks a new promotion against every rule and builds it, or throws the first coded
 * error found (nothing is written before this passes). `currencies` are those pricing
 * sells in.
 */
export function newPromotion(
  input: NewPromotionInput,
  now: number,
  currencies: readonly string[],
): Promotion {
  checkValue(input);
  checkCurrency(input, currencies);
  checkLimits(input);
  if (input.startsAt !== undefined && input.endsAt !== undefined && input.endsAt <= input.startsAt)
    throw PromotionErrors.INVALID_PERIOD.create('endsAt must be later than startsAt');
  const buyXGetY = input.kind === 'buy_x_get_y';
  return {
    code: normalizeCode(input.code),
    kind: input.kind,
    value: input.value,
    buyQuantity: buyXGetY ? input.buyQuantity! : null,
    getQuantity: buyXGetY ? input.getQuantity! : null,
    appliesTo: {
      skus: [...new Set(input.appliesTo?.skus ?? [])],
      categoryIds: [...new Set(input.appliesTo?.categoryIds ?? [])],
    },
    currency: input.currency ?? null,
    minSubtotal: input.minSubtotal ?? null,
    startsAt: input.startsAt ?? null,
    endsAt: input.endsAt ?? null,
    usageLimit: input.usageLimit ?? null,
    perCustomerLimit: input.perCustomerLimit ?? null,
    used: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

function isPositiveInteger(value: number | undefined): value is number {
  return value !== undefined && Number.isSafeInteger(value) && value > 0;
}

function checkPercent(value: number, field: string): void {
  if (!Number.isInteger(value) || value <= 0 || value > 100)
    throw PromotionErrors.INVALID_PERCENT.create(`${field} must be an integer from 1 to 100`, {
      errors: [{ field, message: 'must be an integer from 1 to 100' }],
    });
}

function checkValue(input: NewPromotionInput): void {
  if (input.kind === 'fixed') {
    if (!isPositiveInteger(input.value))
      throw PromotionErrors.INVALID_AMOUNT.create('value must be a positive integer amount', {
        errors: [{ field: 'value', message: 'must be a positive integer in minor units' }],
      });
    return;
  }
  checkPercent(input.value, 'value');
  if (input.kind !== 'buy_x_get_y') return;
  for (const field of ['buyQuantity', 'getQuantity'] as const) {
    if (!isPositiveInteger(input[field]))
      throw PromotionErrors.INVALID_PROMOTION.create(
        `buy_x_get_y needs ${field}, a positive integer`,
        { errors: [{ field, message: 'must be a positive integer' }] },
      );
  }
}

function checkCurrency(input: NewPromotionInput, currencies: readonly string[]): void {
  if (input.currency !== undefined && !currencies.includes(input.currency))
    throw PromotionErrors.UNSUPPORTED_CURRENCY.create(
      `${input.currency} is not one of ${currencies.join(', ')}`,
    );
  if (input.minSubtotal !== undefined && !isPositiveInteger(input.minSubtotal))
    throw PromotionErrors.INVALID_AMOUNT.create('minSubtotal must be a positive integer amount', {
      errors: [{ field: 'minSubtotal', message: 'must be a positive integer in minor units' }],
    });
  const needsCurrency = input.kind === 'fixed' || input.minSubtotal !== undefined;
  if (needsCurrency && input.currency === undefined)
    throw PromotionErrors.CURRENCY_REQUIRED.create(
      'A fixed value or a minSubtotal is an amount: give its currency',
    );
}

function checkLimits(input: NewPromotionInput): void {
  for (const field of ['usageLimit', 'perCustomerLimit'] as const) {
    if (input[field] !== undefined && !isPositiveInteger(input[field]))
      throw PromotionErrors.INVALID_PROMOTION.create(`${field} must be a positive integer`, {
        errors: [{ field, message: 'must be a positive integer' }],
      });
  }
}

/** What an admin may change on a promotion: everything but its code and kind; null clears. */
export interface PromotionChanges {
  value?: number;
  buyQuantity?: number;
  getQuantity?: number;
  appliesTo?: { skus?: string[]; categoryIds?: string[] };
  currency?: string | null;
  minSubtotal?: number | null;
  startsAt?: number | null;
  endsAt?: number | null;
  usageLimit?: number | null;
  perCustomerLimit?: number | null;
}

const orUndefined = <T>(value: T | null | undefined, fallback: T | null): T | undefined =>
  (value === undefined ? fallback : value) ?? undefined;

/**
 * The promotion with `changes` applied, checked by the same rules as a new one, with its
 * uses kept and its version moved on. A usage limit below the uses already taken is
 * refused: it would have been exceeded.
 */
export function revisePromotion(
  current: Promotion,
  changes: PromotionChanges,
  now: number,
  currencies: readonly string[],
): Promotion {
  const revised = newPromotion(
    {
      code: current.code,
      kind: current.kind,
      value: changes.value ?? current.value,
      buyQuantity: orUndefined(changes.buyQuantity, current.buyQuantity),
      getQuantity: orUndefined(changes.getQuantity, current.getQuantity),
      appliesTo: changes.appliesTo ?? current.appliesTo,
      currency: orUndefined(changes.currency, current.currency),
      minSubtotal: orUndefined(changes.minSubtotal, current.minSubtotal),
      startsAt: orUndefined(changes.startsAt, current.startsAt),
      endsAt: orUndefined(changes.endsAt, current.endsAt),
      usageLimit: orUndefined(changes.usageLimit, current.usageLimit),
      perCustomerLimit: orUndefined(changes.perCustomerLimit, current.perCustomerLimit),
    },
    now,
    currencies,
  );
  if (revised.usageLimit !== null && revised.usageLimit < current.used)
    throw PromotionErrors.USAGE_LIMIT_BELOW_USED.create(
      `The promotion has ${current.used} uses already; the limit cannot go below that`,
    );
  return {
    ...revised,
    used: current.used,
    version: current.version + 1,
    createdAt: current.createdAt,
  };
}
