import { assertCurrency, assertSku } from '../../domain/price-input.ts';
import type { PricingDeps } from '../deps.ts';
import type { HistoryPage, HistoryPosition } from '../ports/price-store.ts';

/** Past and current effective unit prices of a SKU, newest first. */
export async function readPriceHistory(
  deps: PricingDeps,
  query: { sku: string; currency?: string; limit: number; after?: HistoryPosition },
): Promise<HistoryPage> {
  const currency = query.currency ?? deps.defaultCurrency;
  assertSku(query.sku);
  assertCurrency(currency, deps.currencies);
  return deps.prices.history(query.sku, currency, {
    limit: query.limit,
    ...(query.after ? { after: query.after } : {}),
  });
}
