import { PromotionErrors } from './promotion-errors.ts';
import type { Promotion } from './promotion.ts';
import type { PricedLine } from './promotion-rules.ts';

export const MAX_QUOTE_ITEMS = 100;
export const MAX_ITEM_QUANTITY = 999;

export interface QuoteItem {
  sku: string;
  quantity: number;
}

/** Amounts are minor units of the quote's currency. */
export interface QuoteLine {
  sku: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  discount: number;
}

export interface QuotePromotion {
  code: string;
  kind: Promotion['kind'];
  value: number;
}

/**
 * A stored price offer: what the customer saw, so a later order pays exactly that.
 * Shipping and tax are zero until the orders service owns them (issue 10).
 */
export interface Quote {
  id: string;
  currency: string;
  lines: QuoteLine[];
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
  promotion: QuotePromotion | null;
  customerId: string | null;
  createdAt: number;
  expiresAt: number;
}

/**
 * Merges repeated SKUs (their quantities add up, so a tier is chosen by the total) and
 * checks the bounds: 1..100 distinct items, each quantity an integer 1..999.
 */
export function normalizeItems(items: readonly QuoteItem[]): QuoteItem[] {
  if (items.length === 0 || items.length > MAX_QUOTE_ITEMS)
    throw PromotionErrors.INVALID_QUOTE.create(
      `A quote has 1 to ${MAX_QUOTE_ITEMS} items, not ${items.length}`,
    );
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of items) {
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_ITEM_QUANTITY)
      throw PromotionErrors.INVALID_QUOTE.create(
        `The quantity of ${sku} must be an integer from 1 to ${MAX_ITEM_QUANTITY}`,
        { errors: [{ field: 'quantity', message: `must be 1..${MAX_ITEM_QUANTITY}` }] },
      );
    bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  }
  const merged = [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
  const tooMany = merged.find((item) => item.quantity > MAX_ITEM_QUANTITY);
  if (tooMany)
    throw PromotionErrors.INVALID_QUOTE.create(
      `The quantities of ${tooMany.sku} add up to more than ${MAX_ITEM_QUANTITY}`,
    );
  return merged;
}

export interface QuoteParts {
  id: string;
  currency: string;
  lines: readonly PricedLine[];
  /** Discount per line, aligned with `lines` (all zero without a promotion). */
  discounts: readonly number[];
  promotion: Promotion | null;
  customerId: string | null;
  now: number;
  ttlMs: number;
}

export function buildQuote(parts: QuoteParts): Quote {
  const lines = parts.lines.map((line, index) => ({
    sku: line.sku,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    lineTotal: line.unitPrice * line.quantity,
    discount: parts.discounts[index] ?? 0,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const discount = lines.reduce((sum, line) => sum + line.discount, 0);
  const { promotion } = parts;
  return {
    id: parts.id,
    currency: parts.currency,
    lines,
    subtotal,
    discount,
    shipping: 0,
    tax: 0,
    total: subtotal - discount,
    promotion: promotion
      ? { code: promotion.code, kind: promotion.kind, value: promotion.value }
      : null,
    customerId: parts.customerId,
    createdAt: parts.now,
    expiresAt: parts.now + parts.ttlMs,
  };
}

/**
 * The unit price for `quantity` units: the highest tier the quantity reaches, else the
 * single-unit price (undefined when neither applies).
 */
export function tierUnitPrice(
  quantity: number,
  unit: number | undefined,
  tiers: readonly { minQuantity: number; amount: number }[],
): number | undefined {
  let price = unit;
  let reached = 1;
  for (const tier of tiers) {
    if (tier.minQuantity <= quantity && tier.minQuantity > reached) {
      price = tier.amount;
      reached = tier.minQuantity;
    }
  }
  return price;
}
