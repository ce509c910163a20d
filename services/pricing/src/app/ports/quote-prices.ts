import type { QuoteItem } from '../../domain/quote.ts';

/**
 * The unit price a quote charges: the effective price at `at` of the tier the item's
 * quantity reaches, in minor units. SKUs without a price in the currency are absent.
 */
export interface QuotePrices {
  unitPrices(
    items: readonly QuoteItem[],
    currency: string,
    at: number,
  ): Promise<Map<string, number>>;
}
