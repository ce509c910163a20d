import { setTimeout as delay } from 'node:timers/promises';
import type { SkuOfferPlan } from './demo-offers.ts';
import { adminToken, forEachBounded, requestJson, type OfferSeedUrls } from './offer-http.ts';

export interface OfferSeedOptions {
  urls: OfferSeedUrls;
  admin: { email: string; password: string };
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  /** How long to wait for the catalog's search to show the prices (default 60 s). */
  searchTimeoutMs?: number;
  progress: (line: string) => void;
}

export interface OfferSeedReport {
  /** False for pricing and inventory when they already held data (a later start). */
  seededPrices: boolean;
  seededStock: boolean;
  priceWrites: number;
  stockWrites: number;
  ms: number;
}

/** SKUs asked about to tell an empty service from a seeded one (its batch read's limit). */
const PROBE_SKUS = 100;
const POLL_MS = 100;
const PROGRESS_EVERY_MS = 10_000;

/**
 * Seeds prices and stock through the pricing and inventory APIs, each only when it holds
 * none of the plan's SKUs yet, then waits until the catalog's search shows a price on
 * every seeded product (its consumers have caught up). Each SKU's writes go in order;
 * SKUs go in parallel, bounded.
 */
export async function seedOffersIfEmpty(
  plan: readonly SkuOfferPlan[],
  products: number,
  options: OfferSeedOptions,
): Promise<OfferSeedReport> {
  const started = performance.now();
  const { urls } = options;
  const concurrency = options.concurrency ?? 16;
  const token = await adminToken(urls.accounts, options.admin);
  const probe = plan
    .slice(0, PROBE_SKUS)
    .map((entry) => encodeURIComponent(entry.sku))
    .join(',');
  const seededPrices = await isEmpty(`${urls.pricing}/prices?skus=${probe}&currency=USD`);
  const seededStock = await isEmpty(`${urls.inventory}/inventory?skus=${probe}`);
  if (!seededPrices && !seededStock)
    return { seededPrices, seededStock, priceWrites: 0, stockWrites: 0, ms: 0 };

  options.progress(`Seeding prices and stock of ${plan.length} SKUs…`);
  let priceWrites = 0;
  let stockWrites = 0;
  let done = 0;
  let nextReport = Date.now() + PROGRESS_EVERY_MS;
  await forEachBounded(plan, concurrency, async (entry) => {
    const sku = encodeURIComponent(entry.sku);
    if (seededPrices)
      for (const body of entry.prices) {
        await requestJson('PUT', `${urls.pricing}/prices/${sku}`, { token, body });
        priceWrites += 1;
      }
    if (seededStock)
      for (const body of entry.stock) {
        await requestJson('PUT', `${urls.inventory}/inventory/${sku}`, { token, body });
        stockWrites += 1;
      }
    done += 1;
    if (Date.now() >= nextReport) {
      options.progress(`  …${done} of ${plan.length} SKUs priced and stocked`);
      nextReport += PROGRESS_EVERY_MS;
    }
  });
  if (seededPrices)
    await waitForPricedSearch(urls.catalog, products, options.searchTimeoutMs ?? 60_000);
  return {
    seededPrices,
    seededStock,
    priceWrites,
    stockWrites,
    ms: Math.round(performance.now() - started),
  };
}

async function isEmpty(url: string): Promise<boolean> {
  return (await requestJson<{ items: unknown[] }>('GET', url)).items.length === 0;
}

/** Every product priced in search: the price events went through the bus to the catalog. */
async function waitForPricedSearch(catalogUrl: string, products: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { total } = await requestJson<{ total: number }>(
      'GET',
      `${catalogUrl}/search?minPrice=0&limit=1`,
    );
    if (total >= products) return;
    if (Date.now() > deadline)
      throw new Error(
        `Search shows prices on ${total} of ${products} products after ${timeoutMs} ms`,
      );
    await delay(POLL_MS);
  }
}
