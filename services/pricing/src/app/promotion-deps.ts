import type { Clock } from '@emporium/kit';
import type { ProductCategoryStore } from './ports/product-category-store.ts';
import type { PromotionStore } from './ports/promotion-store.ts';
import type { QuotePrices } from './ports/quote-prices.ts';
import type { QuoteStore } from './ports/quote-store.ts';
import type { RateTable } from '../domain/shipping-tax.ts';

/** What the promotion, redemption and quote use cases need. */
export interface PromotionDeps {
  promotions: PromotionStore;
  productCategories: ProductCategoryStore;
  quotes: QuoteStore;
  quotePrices: QuotePrices;
  clock: Clock;
  /** Currencies pricing sells in; the first quote currency default is `defaultCurrency`. */
  currencies: readonly string[];
  defaultCurrency: string;
  quoteTtlMs: number;
  /** Shipping options and tax rates (PRICING_RATES_FILE). */
  rates: RateTable;
}
