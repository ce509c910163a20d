import type { CurrentPrice, PriceInput, PricePeriod } from '../../domain/price.ts';

export interface HistoryPage {
  items: PricePeriod[];
  /** The position after the last item, when there may be more. */
  nextAfter?: HistoryPosition;
}

/** Keyset position in a SKU's history, newest first. */
export interface HistoryPosition {
  validFrom: number;
  id: string;
}

/** What processing one schedule boundary did. */
export type BoundaryOutcome =
  /** Applied: the watermark moved to `at`. */
  | { kind: 'applied'; at: number }
  /** Another replica moved the watermark first: nothing written. */
  | { kind: 'raced' }
  /** No boundary is due at `now`. */
  | { kind: 'idle' };

/**
 * Prices, their schedules, the materialised current price and its history. Every write
 * re-derives the affected current prices in its own transaction and appends
 * `pricing.price.changed` to the outbox when an effective unit price changed.
 */
export interface PriceStore {
  /**
   * Stores a base or scheduled price and re-derives the effective price at `now`. With a
   * precondition, the write goes ahead only if it accepts the current version (0: none);
   * otherwise PRICING.VERSION_MISMATCH and nothing is written.
   */
  setPrice(
    input: PriceInput,
    now: number,
    precondition?: (version: number) => boolean,
  ): Promise<CurrentPrice | undefined>;
  /**
   * Stores every price in one transaction, in order (a later item on the same key wins,
   * as a later PUT would), re-deriving each as `setPrice` does: all commit or none.
   * Answers, per input, the effective price after the whole batch.
   */
  setPrices(inputs: readonly PriceInput[], now: number): Promise<(CurrentPrice | undefined)[]>;
  current(sku: string, currency: string): Promise<CurrentPrice | undefined>;
  /** One read for the batch; SKUs without a price are left out, order unspecified. */
  currentMany(skus: readonly string[], currency: string): Promise<CurrentPrice[]>;
  history(
    sku: string,
    currency: string,
    page: { limit: number; after?: HistoryPosition },
  ): Promise<HistoryPage>;
  /** The first schedule boundary after the applied watermark, if any. */
  nextBoundary(): Promise<number | undefined>;
  /** Applies the next boundary if it is due at `now`, once across replicas. */
  applyNextBoundary(now: number): Promise<BoundaryOutcome>;
}
