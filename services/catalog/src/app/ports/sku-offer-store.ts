import type { SkuOffer, SkuPrice } from '../../domain/offer.ts';

/** A price of one SKU as pricing announced it; `price` null when its last price ended. */
export interface PriceUpdate {
  sku: string;
  price: SkuPrice | null;
  /** Epoch ms of the change: the ordering key of prices. */
  at: number;
}

/** The stock of one SKU as inventory announced it. */
export interface StockUpdate {
  sku: string;
  available: number;
  /** Grows with every change of the SKU: the ordering key of stock. */
  version: number;
}

/** One update of a batch: a price or a stock figure. */
export type OfferUpdate = ({ kind: 'price' } & PriceUpdate) | ({ kind: 'stock' } & StockUpdate);

/**
 * The catalog's own copy of what pricing and inventory announce, per SKU (ADR 0023).
 * Events arrive at least once and possibly out of order across restarts: each write
 * keeps the figure with the larger ordering key, so a late older event changes nothing.
 */
export interface SkuOfferStore {
  /** Stores the price unless one with a later `at` is stored; true when it was stored. */
  applyPrice(update: PriceUpdate): Promise<boolean>;
  /** Stores the stock unless one of the same or a later `version` is stored; true when stored. */
  applyStock(update: StockUpdate): Promise<boolean>;
  /**
   * Applies each update in order, with the same rule as `applyPrice` and `applyStock`, as
   * one write where the store can (SQLite: one transaction, one disk sync); resolves with
   * the SKUs whose copy changed.
   */
  applyAll(updates: readonly OfferUpdate[]): Promise<Set<string>>;
  /** What is known of these SKUs; SKUs nothing was heard of are absent. */
  getMany(skus: readonly string[]): Promise<Map<string, SkuOffer>>;
  close(): Promise<void>;
}
