import { tierUnitPrice, type QuoteItem } from '../domain/quote.ts';
import type { PriceStore } from './ports/price-store.ts';
import type { QuotePrices } from './ports/quote-prices.ts';

/**
 * Quotes read the materialised current prices (one batch read): the scheduler keeps them
 * at the clock's boundaries, so `at` needs no work here.
 */
export function quotePricesFrom(prices: Pick<PriceStore, 'currentMany'>): QuotePrices {
  return {
    async unitPrices(items: readonly QuoteItem[], currency: string) {
      const current = await prices.currentMany(
        items.map((item) => item.sku),
        currency,
      );
      const bySku = new Map(current.map((price) => [price.sku, price]));
      const unitPrices = new Map<string, number>();
      for (const item of items) {
        const price = bySku.get(item.sku);
        const amount = price && tierUnitPrice(item.quantity, price.amount, price.tiers);
        if (amount !== undefined) unitPrices.set(item.sku, amount);
      }
      return unitPrices;
    },
  };
}
