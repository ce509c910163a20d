import { setTimeout as delay } from 'node:timers/promises';
import type { SkuOfferPlan } from './demo-offers.ts';
import { adminToken, forEachBounded, requestJson, type OfferSeedUrls } from './offer-http.ts';

export interface OfferSeedOptions {
  urls: OfferSeedUrls;
  admin: { email: string; password: string };
  /** Batch requests in flight at once (default 2: each is a transaction on one writer). */
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
/** The batch routes' limit. */
const BATCH_ITEMS = 500;

/**
 * Seeds prices and stock through the pricing and inventory APIs, each only when it holds
 * none of the plan's SKUs yet, then waits until the catalog's search shows a price on
 * every seeded product (its consumers have caught up). Writes go in batches of up to 500
 * items (one transaction each), two batches in flight.
 */
export async function seedOffersIfEmpty(
  plan: readonly SkuOfferPlan[],
  products: number,
  options: OfferSeedOptions,
): Promise<OfferSeedReport> {
  const started = performance.now();
  const { urls } = options;
  const concurrency = options.concurrency ?? 2;
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
  // Each batch is one transaction (PUT /prices, PUT /inventory): a few commits in all,
  // not several per SKU. A SKU's writes stay together, in plan order, in one batch.
  const priceBatches = seededPrices ? batchesOf(plan, (entry) => entry.prices) : [];
  const stockBatches = seededStock ? batchesOf(plan, (entry) => entry.stock) : [];
  const batches = [
    ...priceBatches.map((items) => ({ url: `${urls.pricing}/prices`, items })),
    ...stockBatches.map((items) => ({ url: `${urls.inventory}/inventory`, items })),
  ];
  await forEachBounded(batches, concurrency, async ({ url, items }) => {
    await requestJson('PUT', url, { token, body: { items } });
  });
  const priceWrites = priceBatches.reduce((sum, items) => sum + items.length, 0);
  const stockWrites = stockBatches.reduce((sum, items) => sum + items.length, 0);
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

/** Batches of at most BATCH_ITEMS writes, each SKU's writes whole in one of them. */
function batchesOf<T extends object>(
  plan: readonly SkuOfferPlan[],
  writesOf: (entry: SkuOfferPlan) => readonly T[],
): (T & { sku: string })[][] {
  const batches: (T & { sku: string })[][] = [];
  let batch: (T & { sku: string })[] = [];
  for (const entry of plan) {
    const writes = writesOf(entry).map((body) => ({ sku: entry.sku, ...body }));
    if (batch.length + writes.length > BATCH_ITEMS && batch.length > 0) {
      batches.push(batch);
      batch = [];
    }
    batch.push(...writes);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
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
