/**
 * Deterministic prices and stock for the demo catalog: what the seed PUTs to pricing and
 * inventory. Same seed and catalog → the same writes (dates are relative to `now`).
 *
 * Every SKU gets a USD and an EUR base price. Per product, a seeded roll decides a sale:
 * a markdown (compare-at price, after an earlier price so the 30-day lowest means
 * something), a sale running now that ends on its own (`validTo`), or one scheduled to
 * start soon (`validFrom` in the future). Stock is spread over the two warehouses; the
 * catalog's own `stock` roll decides which products are low or sold out.
 */
import type { DemoCatalog } from './demo-catalog.ts';
import { createRng, deriveSeed, type Rng } from './random.ts';

export const DEMO_CURRENCIES = ['USD', 'EUR'] as const;
export const DEMO_LOCATIONS = ['wh-east', 'wh-west'] as const;
export const LOW_STOCK_THRESHOLD = 5;

export interface PriceWrite {
  amount: number;
  currency: string;
  compareAtAmount?: number;
  validFrom?: string;
  validTo?: string;
}

export interface StockWrite {
  onHand: number;
  location: string;
  lowStockThreshold: number;
}

/** What one SKU gets, in the order it must be written (later prices replace earlier ones). */
export interface SkuOfferPlan {
  sku: string;
  prices: PriceWrite[];
  stock: StockWrite[];
}

export type SaleKind = 'none' | 'markdown' | 'ending' | 'scheduled';

/** Relative odds of each sale kind per product. */
const SALE_WEIGHTS: Record<SaleKind, number> = { none: 70, markdown: 18, ending: 7, scheduled: 5 };
const SALE_KINDS = Object.keys(SALE_WEIGHTS) as SaleKind[];
const EUR_PER_USD = 0.92;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Sub-stream tag, distinct from the catalog generator's per-product streams. */
const OFFER_STREAM = 0x0ffe;

/** A price with a shop-like ending: 1234 → 1299 (never below 99). */
function shopPrice(cents: number): number {
  return Math.max(99, Math.round(cents / 100) * 100 - 1);
}

/** The sale price `off` (a fraction) below the regular one, at least a unit below it. */
function saleAmount(regular: number, off: number): number {
  return Math.max(99, Math.min(regular - 100, shopPrice(regular * (1 - off))));
}

interface Sale {
  kind: SaleKind;
  off: number;
  window: { from: number; to: number };
}

function pricesFor(usd: number, sale: Sale): PriceWrite[] {
  const writes: PriceWrite[] = [];
  for (const currency of DEMO_CURRENCIES) {
    const regular = currency === 'USD' ? usd : shopPrice(usd * EUR_PER_USD);
    const amount = saleAmount(regular, sale.off);
    // Too cheap to mark down: a sale must stay below its compare-at price.
    if (sale.kind === 'none' || amount >= regular) {
      writes.push({ amount: regular, currency });
      continue;
    }
    if (sale.kind === 'markdown') {
      // In USD an earlier, lower promotion first, so the sale's 30-day lowest is not just its compare-at.
      if (currency === 'USD') writes.push({ amount: Math.max(99, amount - 100), currency });
      writes.push({ amount: regular, currency });
      writes.push({ amount, currency, compareAtAmount: regular });
      continue;
    }
    writes.push({ amount: regular, currency });
    writes.push({
      amount,
      currency,
      compareAtAmount: regular,
      ...(sale.kind === 'scheduled' ? { validFrom: new Date(sale.window.from).toISOString() } : {}),
      validTo: new Date(sale.window.to).toISOString(),
    });
  }
  return writes;
}

function saleWindow(rng: Rng, kind: SaleKind, now: number): { from: number; to: number } {
  if (kind === 'scheduled') {
    const from = now + rng.int(1, 48) * HOUR_MS;
    return { from, to: from + rng.int(3, 10) * DAY_MS };
  }
  return { from: now, to: now + rng.int(2, 14) * DAY_MS };
}

/** Splits a product's stock over its SKUs and the two warehouses; some SKUs sell out alone. */
function stockFor(rng: Rng, productStock: number, skuCount: number, index: number): StockWrite[] {
  const soldOutAlone = productStock > 0 && skuCount > 1 && rng.chance(0.08);
  const share = soldOutAlone ? 0 : Math.ceil(productStock / skuCount);
  const units = productStock < 10 ? Math.min(share, rng.int(1, LOW_STOCK_THRESHOLD)) : share;
  const onHand = index === 0 || productStock >= 10 ? units : rng.int(0, units);
  const threshold = { lowStockThreshold: LOW_STOCK_THRESHOLD };
  // Most SKUs sit in one warehouse (one write each); a third are split over both.
  if (onHand === 0 || !rng.chance(0.35)) {
    const location = onHand > 0 && rng.chance(0.4) ? DEMO_LOCATIONS[1] : DEMO_LOCATIONS[0];
    return [{ onHand, location, ...threshold }];
  }
  const east = Math.max(1, Math.round(onHand * (0.3 + rng.next() * 0.5)));
  const writes: StockWrite[] = [{ onHand: east, location: DEMO_LOCATIONS[0], ...threshold }];
  if (onHand - east > 0)
    writes.push({ onHand: onHand - east, location: DEMO_LOCATIONS[1], ...threshold });
  return writes;
}

/** The writes of the first `productLimit` products (all by default), SKU by SKU. */
export function generateDemoOffers(
  catalog: DemoCatalog,
  options: { seed: number; now: number; productLimit?: number },
): SkuOfferPlan[] {
  const products = catalog.products.slice(0, options.productLimit ?? catalog.products.length);
  return products.flatMap((product, productIndex) => {
    const rng = createRng(deriveSeed(options.seed, OFFER_STREAM, productIndex));
    const kind = rng.weighted(
      SALE_KINDS,
      SALE_KINDS.map((k) => SALE_WEIGHTS[k]),
    );
    const sale: Sale = {
      kind,
      off: rng.pick([0.1, 0.15, 0.2, 0.25, 0.3, 0.4]),
      window: saleWindow(rng, kind, options.now),
    };
    return product.variants.map((variant, index) => {
      // Larger or fancier variants cost a little more.
      const usd =
        index === 0
          ? product.priceCents
          : shopPrice(product.priceCents * (1 + 0.05 * rng.int(0, 2)));
      return {
        sku: variant.sku,
        prices: pricesFor(usd, sale),
        stock: stockFor(rng, product.stock, product.variants.length, index),
      };
    });
  });
}
