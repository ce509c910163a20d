import type { Quote } from '@emporium/contracts';

export interface Money {
  amount: number;
  currency: string;
}

/**
 * What the cart keeps of a pricing quote: per-SKU unit prices and line totals, and the
 * totals. `unpriced` lists SKUs pricing has no price for (left out of the quote);
 * `promotionRejected` the reason when the cart's promotion no longer applies.
 */
export interface CachedQuote {
  currency: string;
  lines: { sku: string; unitPrice: Money; lineTotal: Money }[];
  subtotal: Money;
  discount: Money;
  total: Money;
  unpriced: string[];
  promotionRejected?: string;
}

export function summaryOf(
  quote: Quote,
  extra: { unpriced: string[]; promotionRejected?: string },
): CachedQuote {
  return {
    currency: quote.currency,
    lines: quote.lines.map((line) => ({
      sku: line.sku,
      unitPrice: line.unitPrice,
      lineTotal: line.lineTotal,
    })),
    subtotal: quote.subtotal,
    discount: quote.discount,
    total: quote.total,
    unpriced: extra.unpriced,
    ...(extra.promotionRejected ? { promotionRejected: extra.promotionRejected } : {}),
  };
}

/** The key of a cart's quote: the same lines, promotion and currency get the same quote. */
export function quoteSignature(
  lines: readonly { sku: string; quantity: number }[],
  currency: string,
  promotionCode: string | null,
  customerId: string | null,
): string {
  const items = lines
    .map((line) => `${line.sku}*${line.quantity}`)
    .sort()
    .join(',');
  return `${currency}|${promotionCode ?? ''}|${customerId ?? ''}|${items}`;
}

export function emptyQuote(currency: string): CachedQuote {
  const zero = { amount: 0, currency };
  return { currency, lines: [], subtotal: zero, discount: zero, total: zero, unpriced: [] };
}
