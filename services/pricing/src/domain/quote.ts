import { PromotionErrors } from './promotion-errors.ts';
import type { Promotion } from './promotion.ts';
import type { PricedLine } from './promotion-rules.ts';
import { shippingCharge, taxOf, type ShippingOption, type ShippingRate } from './shipping-tax.ts';

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
  /** Tax on `lineTotal - discount` at the destination's rate (0 without a country). */
  tax: number;
}

export interface QuotePromotion {
  code: string;
  kind: Promotion['kind'];
  value: number;
}

/** The shipping option a quote charges for. */
export interface QuoteShipping {
  id: string;
  name: string;
  estimatedDays: number;
}

/**
 * A stored price offer: what the customer saw, so a later order pays exactly that.
 * `total = subtotal - discount + shipping + tax`; prices are tax-exclusive, and both need
 * the destination `country` (ADR 0029). `tax` is the lines' tax plus `shippingTax`, the
 * tax on the shipping charge where the destination taxes it.
 */
export interface Quote {
  id: string;
  currency: string;
  lines: QuoteLine[];
  subtotal: number;
  discount: number;
  shipping: number;
  /** Tax on `shipping` (0 where the destination does not tax shipping); part of `tax`. */
  shippingTax: number;
  tax: number;
  total: number;
  promotion: QuotePromotion | null;
  customerId: string | null;
  country: string | null;
  shippingOption: QuoteShipping | null;
  /** Basis points applied to every line; null without a country. */
  taxRate: number | null;
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
  /** The destination with its tax rate (basis points), when the request named one. */
  destination: { country: string; taxRate: number; taxesShipping: boolean } | null;
  shipping: { option: ShippingOption; rate: ShippingRate } | null;
  now: number;
  ttlMs: number;
}

export function buildQuote(parts: QuoteParts): Quote {
  const taxRate = parts.destination?.taxRate ?? 0;
  const lines = parts.lines.map((line, index) => {
    const lineTotal = line.unitPrice * line.quantity;
    const discount = parts.discounts[index] ?? 0;
    return {
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineTotal,
      discount,
      tax: taxOf(lineTotal - discount, taxRate),
    };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const discount = lines.reduce((sum, line) => sum + line.discount, 0);
  const shipping = parts.shipping ? shippingCharge(parts.shipping.rate, subtotal - discount) : 0;
  const shippingTax = parts.destination?.taxesShipping ? taxOf(shipping, taxRate) : 0;
  const tax = lines.reduce((sum, line) => sum + line.tax, shippingTax);
  const { promotion } = parts;
  return {
    id: parts.id,
    currency: parts.currency,
    lines,
    subtotal,
    discount,
    shipping,
    shippingTax,
    tax,
    total: subtotal - discount + shipping + tax,
    promotion: promotion
      ? { code: promotion.code, kind: promotion.kind, value: promotion.value }
      : null,
    customerId: parts.customerId,
    country: parts.destination?.country ?? null,
    shippingOption: parts.shipping
      ? {
          id: parts.shipping.option.id,
          name: parts.shipping.option.name,
          estimatedDays: parts.shipping.option.estimatedDays,
        }
      : null,
    taxRate: parts.destination?.taxRate ?? null,
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
