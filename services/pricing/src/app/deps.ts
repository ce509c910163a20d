import type { Clock } from '@emporium/kit';
import type { PriceStore } from './ports/price-store.ts';

/** What the use cases of pricing read; promotions and quotes add their stores here. */
export interface PricingDeps {
  prices: PriceStore;
  clock: Clock;
  /** ISO 4217 codes prices may be set and read in. */
  currencies: readonly string[];
  defaultCurrency: string;
  /** Tells the scheduler a write may have created an earlier boundary. */
  onScheduleChanged(): void;
}
