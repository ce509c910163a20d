/** A unit price as readers see it: minor units of the row's currency. */
export interface PriceAmounts {
  amount: number;
  compareAtAmount?: number;
}

/** One quantity break: from `minQuantity` units on, each costs `amount`. */
export interface PriceTier extends PriceAmounts {
  minQuantity: number;
}

/** The materialised effective price of a SKU in a currency now. */
export interface CurrentPrice extends PriceAmounts {
  sku: string;
  currency: string;
  /** The lowest effective unit price of the 30 days before this one started. */
  lowest30Days: number;
  /** Quantity breaks above 1, ascending; empty when the SKU has none. */
  tiers: PriceTier[];
  /** When the current unit price started (epoch ms). */
  startedAt: number;
  /** Bumped on every change of the row (unit price or tiers): the ETag. */
  version: number;
}

/** One period of an effective unit price; `validTo` is null while it is current. */
export interface PricePeriod extends PriceAmounts {
  lowest30Days: number;
  validFrom: number;
  validTo: number | null;
}

/** What an admin sets: a base price, or a scheduled one when it has a window. */
export interface PriceInput extends PriceAmounts {
  sku: string;
  currency: string;
  minQuantity: number;
  validFrom?: number;
  validTo?: number;
}

export const OMNIBUS_WINDOW_MS = 30 * 24 * 3600_000;
