import type { Money } from './money.ts';

/** The current single-unit price of a SKU in the catalog's currency. */
export interface SkuPrice {
  amount: number;
  currency: string;
  /** The struck-through "was" amount while the SKU is on sale. */
  compareAtAmount?: number;
}

/** What the catalog knows of a SKU's price and stock; null while nothing was heard. */
export interface SkuOffer {
  sku: string;
  price: SkuPrice | null;
  available: number | null;
}

/** The product-level fields search shows: its cheapest variant, and whether any can be bought. */
export interface ProductOffer {
  price: Money | null;
  /** The compare-at of the cheapest variant, when it is on sale. */
  compareAtPrice: Money | null;
  inStock: boolean;
}

export const NO_OFFER: ProductOffer = Object.freeze({
  price: null,
  compareAtPrice: null,
  inStock: false,
});

/**
 * The lowest current price among the product's SKUs (ties go to the SKU listed first)
 * with that SKU's compare-at, and in stock when some SKU has units available.
 */
export function productOffer(
  skus: readonly string[],
  offers: ReadonlyMap<string, SkuOffer>,
): ProductOffer {
  let cheapest: SkuPrice | undefined;
  let inStock = false;
  for (const sku of skus) {
    const offer = offers.get(sku);
    if (!offer) continue;
    if ((offer.available ?? 0) > 0) inStock = true;
    if (offer.price && (!cheapest || offer.price.amount < cheapest.amount)) cheapest = offer.price;
  }
  if (!cheapest) return { ...NO_OFFER, inStock };
  const { amount, currency, compareAtAmount } = cheapest;
  return {
    price: { amount, currency },
    compareAtPrice:
      compareAtAmount !== undefined && compareAtAmount > amount
        ? { amount: compareAtAmount, currency }
        : null,
    inStock,
  };
}

export function sameSkuOffer(a: SkuOffer | undefined, b: SkuOffer | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.available === b.available &&
    a.price?.amount === b.price?.amount &&
    a.price?.currency === b.price?.currency &&
    a.price?.compareAtAmount === b.price?.compareAtAmount
  );
}
